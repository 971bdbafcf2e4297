import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';
import type { XhsAppConfig } from '../../nodes/shared/xiaohongshu/appConfig';
import { appConfigFromCredential } from '../../nodes/shared/xiaohongshu/appConfig';
import { createBindingLink, matchBinding } from '../../nodes/shared/xiaohongshu/bindingLink';
import { updateAccount } from '../../nodes/shared/xiaohongshu/boundAccounts';
import { XhsClient } from '../../nodes/shared/xiaohongshu/client';
import { decryptJson } from '../../nodes/shared/xiaohongshu/contentCrypto';
import { readPage } from '../../nodes/shared/xiaohongshu/endpoints';
import { unwrapEnvelope } from '../../nodes/shared/xiaohongshu/envelope';
import type { HttpRequest } from '../../nodes/shared/xiaohongshu/http';

const KEY = '73616e64626f786b6579313233343536';

function config(overrides: Partial<XhsAppConfig> = {}): XhsAppConfig {
	return {
		environment: 'sandbox',
		baseUrl: 'http://sandbox.example',
		appId: `12345${Math.floor(Math.random() * 1e6)}`,
		appSecret: 'secret',
		encryptionKey: KEY,
		refreshToken: 'rt_0',
		maxRequestsPerSecond: 1000,
		wireRevision: 'r2',
		...overrides,
	};
}

/** A platform that records each request and answers tokens, sends and lists. */
function recordingClient(cfg: XhsAppConfig, store = new MemoryStateStore()) {
	const requests: HttpRequest[] = [];
	const http = async (request: HttpRequest) => {
		requests.push(request);
		if (request.url.endsWith('/oauth2/refresh_token')) {
			return {
				status: 200,
				headers: {},
				body: {
					code: 0,
					success: true,
					data: {
						access_token: 'at',
						access_token_expires_in: 86399,
						refresh_token: 'rt_1',
						refresh_token_expires_in: 2591999,
					},
				},
			};
		}
		if (request.url.endsWith('/auth/bind_users')) {
			return {
				status: 200,
				headers: {},
				body: {
					code: 0,
					success: true,
					data: { list: [{ user_id: 'biz_1', third_account_id: 'ta_listed' }], total: 1 },
				},
			};
		}
		return {
			status: 200,
			headers: {},
			body: { success: true, message: 'ok', data: { message_id: 'm_sent' } },
		};
	};
	return { client: new XhsClient({ config: cfg, http, store }), requests, store };
}

describe('wire revisions, as data in one transport', () => {
	it('revision 2 sends user_id and content-encrypted, and the numeric app id in OAuth', async () => {
		const cfg = config();
		const { client, requests } = recordingClient(cfg);
		await client.send({
			requestId: 'r-1',
			messageType: 'TEXT',
			fromUserId: 'biz_1',
			toUserId: 'cust_1',
			thirdAccountId: 'ta_1',
			content: { text: '你好' },
		});
		const [oauth, send] = requests;
		expect(oauth.body).toMatchObject({ app_id: Number(cfg.appId) });
		expect(Object.keys(send.body as object).sort()).toEqual(
			[
				'content-encrypted',
				'from_user_id',
				'message_type',
				'request_id',
				'third_account_id',
				'timestamp',
				'to_user_id',
				'user_id',
			].sort(),
		);
		expect(send.body).toMatchObject({
			user_id: 'biz_1',
			from_user_id: 'biz_1',
			to_user_id: 'cust_1',
			third_account_id: 'ta_1',
		});
		expect(decryptJson((send.body as Record<string, string>)['content-encrypted'], KEY)).toEqual({
			text: '你好',
		});
	});

	it('revision 1 keeps content, snake_case paging and a string app id', async () => {
		const cfg = config({ wireRevision: 'r1' });
		const { client, requests } = recordingClient(cfg);
		await client.send({
			requestId: 'r-1',
			messageType: 'TEXT',
			fromUserId: 'biz_1',
			toUserId: 'cust_1',
			thirdAccountId: 'ta_1',
			content: { text: 'x' },
		});
		await client.notes('biz_1', { pageNum: 2, pageSize: 10 });
		expect(requests[0].body).toMatchObject({ app_id: cfg.appId });
		expect(requests[1].body).toHaveProperty('content');
		expect(requests[1].body).not.toHaveProperty('user_id');
		expect(requests[2].body).toEqual({ user_id: 'biz_1', page_num: 2, page_size: 10 });
	});

	it('revision 2 pages with pageNo/pageSize and reads lists under any usual name', async () => {
		const { client, requests } = recordingClient(config());
		await client.notes('', { pageNum: 3, pageSize: 20 });
		await client.materials('', { pageNum: 1, pageSize: 5 }, 'image');
		expect(requests[1].body).toEqual({ pageNo: 3, pageSize: 20 });
		expect(requests[2].body).toEqual({ type: 'image', pageNo: 1, pageSize: 5 });
		expect(readPage({ records: [1, 2], totalCount: '7' })).toEqual({ list: [1, 2], total: 7 });
		expect(readPage([1])).toMatchObject({ list: [1] });
		expect(readPage({ data: { list: [3] } }).list).toEqual([3]);
	});

	it('a DM without third_account_id is answered from the recorded binding, else from the bound-users list', async () => {
		const cfg = config();
		const { client, requests, store } = recordingClient(cfg);
		await client.send({
			requestId: 'r-2',
			messageType: 'TEXT',
			fromUserId: 'biz_1',
			toUserId: 'c',
			thirdAccountId: '',
			content: { text: 'a' },
		});
		expect(requests.at(-1)?.body).toMatchObject({ third_account_id: 'ta_listed' });
		await updateAccount(store, cfg.appId, 'biz_1', () => ({
			userId: 'biz_1',
			nickname: '',
			thirdAccountId: 'acc_bound',
			accountCode: 'acc_bound',
			bound: true,
			changedAt: 0,
		}));
		await client.send({
			requestId: 'r-3',
			messageType: 'TEXT',
			fromUserId: 'biz_1',
			toUserId: 'c',
			thirdAccountId: '',
			content: { text: 'a' },
		});
		expect(requests.at(-1)?.body).toMatchObject({ third_account_id: 'acc_bound' });
	});

	it('reads the envelope tolerantly: success or code 0/200, msg or message', () => {
		const r = (body: unknown, status = 200) => ({ status, headers: {}, body });
		expect(unwrapEnvelope(r({ success: true, data: 1 }))).toBe(1);
		expect(unwrapEnvelope(r({ code: 0, data: 2 }))).toBe(2);
		expect(unwrapEnvelope(r({ code: 200, data: 3 }))).toBe(3);
		expect(() =>
			unwrapEnvelope(r({ code: 45015, success: false, message: '窗口已关闭', data: null })),
		).toThrow(/45015.*窗口已关闭/);
		expect(() => unwrapEnvelope(r({ success: false, code: 0, data: null }))).toThrow();
	});

	it('defaults to revision 2 and 50 requests per second', () => {
		expect(
			appConfigFromCredential({ appId: 'a', appSecret: 's', encryptionSecret: KEY }),
		).toMatchObject({ wireRevision: 'r2', maxRequestsPerSecond: 50 });
		expect(appConfigFromCredential({ wireRevision: 'r1' }).wireRevision).toBe('r1');
	});
});

describe('binding links', () => {
	it('carry our own encrypted token, and the bind push with that token matches the link', async () => {
		const store = new MemoryStateStore();
		const cfg = config({ environment: 'production' });
		const link = await createBindingLink(store, cfg, { accountCode: 'shop_sh', label: '上海店' });
		const url = new URL(link.url);
		expect(`${url.origin}${url.pathname}`).toBe(
			'https://ad.xiaohongshu.com/api/leona/three/im/account/add',
		);
		expect(url.searchParams.get('appId')).toBe(cfg.appId);
		expect(decryptJson(url.searchParams.get('token')!, KEY)).toMatchObject({
			account_code: 'shop_sh',
			app_id: cfg.appId,
		});
		expect(await matchBinding(store, cfg, link.token)).toMatchObject({
			accountCode: 'shop_sh',
			matched: true,
			label: '上海店',
		});
		expect(await matchBinding(store, cfg, 'forged')).toBeUndefined();
	});
});
