import nock from 'nock';
import { decryptJson } from '../../nodes/shared/xiaohongshu/contentCrypto';
import { loadFixture, productionCredential } from './fixtures';
import { runWorkflow } from './runWorkflow';

const BASE = 'https://adapi.xiaohongshu.com';
const ok = (data: unknown) => ({ code: 0, success: true, msg: '', data, request_id: 'srv-1' });
const tokens = (n: number) =>
	ok({
		access_token: `at_${n}`,
		access_token_expires_in: 86399,
		refresh_token: `rt_${n}`,
		refresh_token_expires_in: 2591999,
		user_id: 'biz_001',
		platform_type: 3,
	});

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Xiaohongshu node: Message → Send', () => {
	it('refreshes once, then sends an encrypted text reply built from the trigger item', async () => {
		const cred = productionCredential();
		let sent: Record<string, unknown> = {};
		nock(BASE)
			.post('/api/open/oauth2/refresh_token', {
				app_id: cred.appId,
				secret: 'test-app-secret',
				refresh_token: cred.refreshToken,
			})
			.reply(200, tokens(1))
			.post('/api/open/im/third/send', (body) => ((sent = body), true))
			.matchHeader('Access-Token', 'at_1')
			.reply(200, ok({ message_id: 'sent_1' }));
		const { outputs, errors } = await runWorkflow(loadFixture('message-send'), {
			credentials: { xiaohongshuDmApi: cred },
		});
		expect(errors).toEqual({});
		const [item] = outputs['Send Reply'][0];
		expect(item.json).toMatchObject({
			messageId: 'sent_1',
			customerUserId: 'cust_1',
			accountUserId: 'biz_001',
			messageType: 'TEXT',
			replyToMessageId: 'm_1001',
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(sent).toMatchObject({
			message_type: 'TEXT',
			from_user_id: 'biz_001',
			to_user_id: 'cust_1',
			third_account_id: 'ta_001',
			request_id: item.json.requestId,
		});
		expect(decryptJson(sent.content as string, '0123456789abcdef')).toEqual({
			text: '亲爱的小雨，这款面霜 199 元 😉',
		});
		expect(nock.isDone()).toBe(true);
	});

	it('uses the same request_id when the same DM is answered again (idempotent re-runs)', async () => {
		const cred = productionCredential();
		const ids: string[] = [];
		nock(BASE)
			.post('/api/open/oauth2/refresh_token')
			.reply(200, tokens(2))
			.post('/api/open/im/third/send', (b) => (ids.push(b.request_id), true))
			.twice()
			.reply(200, ok({ message_id: 'sent_2' }));
		await runWorkflow(loadFixture('message-send'), { credentials: { xiaohongshuDmApi: cred } });
		await runWorkflow(loadFixture('message-send'), { credentials: { xiaohongshuDmApi: cred } });
		expect(ids).toHaveLength(2);
		expect(ids[0]).toBe(ids[1]);
		expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it('"Once Per Key": two texts with the same key are one request_id; without it the text decides', async () => {
		const cred = productionCredential();
		const ids: string[] = [];
		nock(BASE)
			.post('/api/open/oauth2/refresh_token')
			.reply(200, tokens(2))
			.post('/api/open/im/third/send', (b) => (ids.push(b.request_id), true))
			.times(4)
			.reply(200, ok({ message_id: 'sent_k' }));
		const withText = (text: string, key: string) => {
			const f = loadFixture('message-send');
			const send = f.nodes.find((n) => String(n.type).endsWith('.xiaohongshu'))!;
			send.parameters = { ...send.parameters, text, idempotencyKey: key };
			return f;
		};
		await runWorkflow(withText('您现在排第 3 位', '={{ $json.messageId }}:ack'), {
			credentials: { xiaohongshuDmApi: cred },
		});
		await runWorkflow(withText('客服小王为您服务', '={{ $json.messageId }}:ack'), {
			credentials: { xiaohongshuDmApi: cred },
		});
		await runWorkflow(withText('您现在排第 3 位', ''), { credentials: { xiaohongshuDmApi: cred } });
		await runWorkflow(withText('客服小王为您服务', ''), {
			credentials: { xiaohongshuDmApi: cred },
		});
		expect(ids).toHaveLength(4);
		expect(ids[0]).toBe(ids[1]);
		expect(new Set(ids.slice(1)).size).toBe(3);
	});

	it.each([
		['message-send-image', 'IMAGE', { url: 'https://example.com/price.png' }],
		[
			'message-send-card',
			'CARD',
			{ title: '面霜礼盒', url: 'https://example.com/p/1', image: 'https://example.com/p/1.png' },
		],
		['message-send-note', 'NOTE', { note_id: 'note_42' }],
	])("sends %s content in the spec's shape", async (fixture, type, content) => {
		const cred = productionCredential();
		let sent: Record<string, unknown> = {};
		nock(BASE)
			.post('/api/open/oauth2/refresh_token')
			.reply(200, tokens(3))
			.post('/api/open/im/third/send', (b) => ((sent = b), true))
			.reply(200, ok({ message_id: 'sent_3' }));
		const { errors } = await runWorkflow(loadFixture(fixture), {
			credentials: { xiaohongshuDmApi: cred },
		});
		expect(errors).toEqual({});
		expect(sent.message_type).toBe(type);
		expect(decryptJson(sent.content as string, '0123456789abcdef')).toEqual(content);
	});

	it('version 2 reads the pick lists: an account chosen from the list, a note by its link', async () => {
		const cred = productionCredential();
		let sent: Record<string, unknown> = {};
		nock(BASE)
			.post('/api/open/oauth2/refresh_token')
			.reply(200, tokens(3))
			.post('/api/open/im/third/send', (b) => ((sent = b), true))
			.reply(200, ok({ message_id: 'sent_v2' }));
		const { outputs, errors } = await runWorkflow(loadFixture('message-send-note-v2'), {
			credentials: { xiaohongshuDmApi: cred },
		});
		expect(errors).toEqual({});
		expect(outputs['Send Reply'][0][0].json).toMatchObject({
			accountUserId: 'biz_001',
			messageType: 'NOTE',
		});
		expect(sent).toMatchObject({ from_user_id: 'biz_001' });
		expect(decryptJson(sent.content as string, '0123456789abcdef')).toEqual({
			note_id: '64a1b2c3d4e5f60718293a4b',
		});
	});

	it('exchanges an auth code once when the credential has no refresh token', async () => {
		const cred = productionCredential({ refreshToken: '', authCode: 'code_abc' });
		nock(BASE)
			.post('/api/open/oauth2/access_token', {
				app_id: cred.appId,
				secret: 'test-app-secret',
				auth_code: 'code_abc',
			})
			.once()
			.reply(200, tokens(4))
			.post('/api/open/im/third/send')
			.twice()
			.reply(200, ok({ message_id: 'sent_4' }));
		await runWorkflow(loadFixture('message-send'), { credentials: { xiaohongshuDmApi: cred } });
		const second = await runWorkflow(loadFixture('message-send'), {
			credentials: { xiaohongshuDmApi: cred },
		});
		expect(second.errors).toEqual({});
		expect(nock.isDone()).toBe(true);
	});

	it('turns 45015 into a clear error that says what to do, and continueOnFail keeps the item', async () => {
		const cred = productionCredential();
		nock(BASE)
			.post('/api/open/oauth2/refresh_token')
			.reply(200, tokens(5))
			.post('/api/open/im/third/send')
			.reply(200, { code: 45015, success: false, msg: 'reply window closed', data: null });
		const failing = await runWorkflow(loadFixture('message-send'), {
			credentials: { xiaohongshuDmApi: cred },
		});
		expect(failing.errors['Send Reply']).toMatch(/45015.*48 hours/);
		const error = failing.run.data.resultData.runData['Send Reply'][0].error as unknown as {
			description: string;
		};
		expect(error.description).toMatch(/human/);

		nock(BASE)
			.post('/api/open/im/third/send')
			.reply(200, { code: 45016, success: false, msg: 'quota', data: null });
		const fixture = loadFixture('message-send');
		fixture.nodes[1].onError = 'continueRegularOutput';
		const continued = await runWorkflow(fixture, { credentials: { xiaohongshuDmApi: cred } });
		expect(continued.outputs['Send Reply'][0][0].json).toMatchObject({
			code: 45016,
			error: expect.stringMatching(/quota/),
		});
	});

	it('waits for Retry-After on 429 and backs off on 5xx, then succeeds with the same request_id', async () => {
		const cred = productionCredential();
		const ids: string[] = [];
		nock(BASE)
			.post('/api/open/oauth2/refresh_token')
			.reply(503, '<html>busy</html>')
			.post('/api/open/oauth2/refresh_token')
			.reply(200, tokens(6))
			.post('/api/open/im/third/send', (b) => (ids.push(b.request_id), true))
			.reply(429, { code: 42900, success: false, data: null }, { 'Retry-After': '1' })
			.post('/api/open/im/third/send', (b) => (ids.push(b.request_id), true))
			.reply(502, '')
			.post('/api/open/im/third/send', (b) => (ids.push(b.request_id), true))
			.reply(200, ok({ message_id: 'sent_6' }));
		const { errors, outputs } = await runWorkflow(loadFixture('message-send'), {
			credentials: { xiaohongshuDmApi: cred },
		});
		expect(errors).toEqual({});
		expect(outputs['Send Reply'][0][0].json.messageId).toBe('sent_6');
		expect(new Set(ids).size).toBe(1);
		expect(ids).toHaveLength(3);
	});

	it('gives up on a persistent 5xx after a bounded number of attempts', async () => {
		const cred = productionCredential();
		let attempts = 0;
		nock(BASE)
			.post('/api/open/oauth2/refresh_token')
			.reply(200, tokens(7))
			.post('/api/open/im/third/send')
			.times(10)
			.reply(() => (attempts++, [500, '']));
		const { errors } = await runWorkflow(loadFixture('message-send'), {
			credentials: { xiaohongshuDmApi: cred },
		});
		expect(errors['Send Reply']).toMatch(/server error/i);
		expect(attempts).toBe(4);
	});

	it('names the field and the item for bad input; the other items go on', async () => {
		const cred = productionCredential();
		nock(BASE)
			.post('/api/open/oauth2/refresh_token')
			.reply(200, tokens(8))
			.post('/api/open/im/third/send')
			.reply(200, ok({ message_id: 'sent_8' }));
		const fixture = loadFixture('message-send');
		fixture.nodes[0].parameters.items = JSON.stringify([
			{
				messageId: 'm_a',
				customerUserId: '',
				accountUserId: 'biz_001',
				thirdAccountId: 'ta_001',
				nickname: 'A',
			},
			{
				messageId: 'm_b',
				customerUserId: 'cust_2',
				accountUserId: 'biz_001',
				thirdAccountId: 'ta_001',
				nickname: 'B',
			},
		]);
		fixture.nodes[1].onError = 'continueRegularOutput';
		const { outputs } = await runWorkflow(fixture, { credentials: { xiaohongshuDmApi: cred } });
		const [bad, good] = outputs['Send Reply'][0];
		expect(bad.json.error).toMatch(/Item 0: toUserId is empty/);
		expect(bad.pairedItem).toEqual({ item: 0 });
		expect(good.json.messageId).toBe('sent_8');
		expect(good.pairedItem).toEqual({ item: 1 });
	});

	it('fails with a credential error on 40003 and sends nothing', async () => {
		const cred = productionCredential();
		nock(BASE)
			.post('/api/open/oauth2/refresh_token')
			.reply(200, { code: 40003, success: false, msg: 'invalid refresh token', data: null });
		const { errors } = await runWorkflow(loadFixture('message-send'), {
			credentials: { xiaohongshuDmApi: cred },
		});
		expect(errors['Send Reply']).toMatch(/40003.*Authorize the app again/);
	});
});

describe('Xiaohongshu node: lists', () => {
	it('Account → Get Many reads every page', async () => {
		const cred = productionCredential();
		const pages: number[] = [];
		const account = (n: number) => ({
			user_id: `biz_${n}`,
			nickname: `店铺${n}`,
			third_account_id: `ta_${n}`,
			auth_status: 2,
		});
		nock(BASE)
			.post('/api/open/oauth2/refresh_token')
			.reply(200, tokens(9))
			.post('/api/open/im/auth/bind_users', (b) => (pages.push(b.page_num), b.page_size === 100))
			.reply(200, ok({ list: Array.from({ length: 100 }, (_, i) => account(i)), total: 130 }))
			.post('/api/open/im/auth/bind_users', (b) => (pages.push(b.page_num), true))
			.reply(200, ok({ list: Array.from({ length: 30 }, (_, i) => account(100 + i)), total: 130 }));
		const { outputs, errors } = await runWorkflow(loadFixture('account-list'), {
			credentials: { xiaohongshuDmApi: cred },
		});
		expect(errors).toEqual({});
		expect(outputs.List[0]).toHaveLength(130);
		expect(pages).toEqual([1, 2]);
		expect(outputs.List[0][129].json).toMatchObject({
			user_id: 'biz_129',
			third_account_id: 'ta_129',
		});
	});

	it.each([
		[
			'note-list',
			'/api/open/im/note/list',
			{ note_id: 'n1', title: '面霜测评', cover: 'https://c/1.png' },
		],
		[
			'material-list',
			'/api/open/im/material/list',
			{ material_id: 'mt1', type: 'IMAGE', url: 'https://c/2.png' },
		],
	])('%s asks for the business account from the item', async (fixture, path, row) => {
		const cred = productionCredential();
		nock(BASE)
			.post('/api/open/oauth2/refresh_token')
			.reply(200, tokens(10))
			.post(path, { user_id: 'biz_001', page_num: 1, page_size: 50 })
			.reply(200, ok({ list: [row], total: 1 }));
		const f = loadFixture(fixture);
		f.nodes[1].parameters = { ...f.nodes[1].parameters, returnAll: false, limit: 50 };
		const { outputs, errors } = await runWorkflow(f, { credentials: { xiaohongshuDmApi: cred } });
		expect(errors).toEqual({});
		expect(outputs.List[0].map((i) => i.json)).toEqual([row]);
	});
});
