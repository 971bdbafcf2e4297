import { createHmac } from 'node:crypto';
import nock from 'nock';
import { encryptJson } from '../../nodes/shared/xiaohongshu/contentCrypto';
import { openStateStore } from '../../nodes/shared/state';
import { listQuarantine } from '../../nodes/shared/xiaohongshu/pushQuarantine';
import { loadFixture, sandboxCredential } from './fixtures';
import { callWebhook, callWebhookMethod, runWorkflow } from './runWorkflow';
import { FixtureCredentialsHelper } from './credentialsHelper';
import { startWebhookHost, type WebhookHost } from './webhookHost';

const { createSandbox } = require('../../sandbox/server');

type Sandbox = Awaited<ReturnType<typeof createSandbox>>;

let sb: Sandbox;
let host: WebhookHost | undefined;
let appCounter = 0;

const credentialFor = () => sandboxCredential(sb);

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());

beforeEach(async () => {
	appCounter++;
	sb = await createSandbox({
		port: 0,
		appId: `sandbox_app_${process.pid}_${appCounter}`,
		redeliveryDelaysMs: [100, 200, 400],
		log: () => {},
	});
});

afterEach(async () => {
	await host?.close();
	host = undefined;
	await sb.close();
});

async function hostTriggerReply() {
	const fixture = loadFixture('trigger-reply');
	host = await startWebhookHost(fixture, 'Xiaohongshu Trigger', {
		xiaohongshuDmApi: credentialFor(),
	});
	sb.setWebhook(host.url);
	return host;
}

describe('Xiaohongshu Trigger → reply, through the engine, against the sandbox', () => {
	it('a customer DM gets its reply at the sandbox', async () => {
		const h = await hostTriggerReply();
		const { message_id, done } = sb.customerMessage('cust_amy', {
			text: '这个面霜多少钱？',
			nickname: '小雨',
		});
		await done;
		const [outcome] = await Promise.all(h.executions);
		expect(outcome.errors).toEqual({});
		const triggerItem = outcome.outputs['Xiaohongshu Trigger'][0][0].json;
		expect(triggerItem).toMatchObject({
			event: 'message',
			messageId: message_id,
			customerUserId: 'cust_amy',
			accountUserId: sb.app.business_user_id,
			conversationId: `${sb.app.business_user_id}:cust_amy`,
			direction: 'inbound',
			msgType: 'TEXT',
			text: '这个面霜多少钱？',
			nickname: '小雨',
		});
		expect(triggerItem.timestamp).toEqual(
			new Date(triggerItem.timestampMs as number).toISOString(),
		);
		const conversation = sb.conversation('cust_amy');
		const replies = conversation.messages.filter(
			(m: { message_source: number }) => m.message_source === 3,
		);
		expect(replies).toHaveLength(1);
		expect(JSON.stringify(replies[0])).toContain('亲爱的小雨，这款面霜 199 元 😉');
		expect(h.responses[0]).toEqual({ status: 200, body: { success: true, code: 0 } });
		// Acknowledged at the first attempt: nothing was redelivered.
		expect(
			sb.deliveries().filter((d: { message_id: string }) => d.message_id === message_id),
		).toHaveLength(1);
	});

	it('the same DM delivered 3 times, concurrently, starts 1 execution and sends 1 reply', async () => {
		const h = await hostTriggerReply();
		sb.setFaults({ duplicateDeliveries: 2 });
		const { done } = sb.customerMessage('cust_bob', { text: '价格多少', nickname: 'Bob' });
		await done;
		await Promise.all(h.executions);
		expect(h.responses.length).toBeGreaterThanOrEqual(3);
		expect(h.responses.every((r) => r.status === 200)).toBe(true);
		expect(h.executions).toHaveLength(1);
		expect(sb.sent().length).toBe(1);
	});

	it('20 concurrent executions with expired tokens cause exactly 1 refresh', async () => {
		const h = await hostTriggerReply();
		// Warm the chain, then kill every access token the sandbox has issued.
		await sb.customerMessage('cust_warm', { text: 'hi', nickname: 'w' }).done;
		await Promise.all(h.executions);
		const refreshesBefore = sb.stats().refreshes;
		sb.setFaults({ expireAccessTokens: true });
		const pushes = Array.from(
			{ length: 20 },
			(_, i) => sb.customerMessage(`cust_${i}`, { text: '多少钱', nickname: `c${i}` }).done,
		);
		await Promise.all(pushes);
		const outcomes = await Promise.all(h.executions);
		expect(outcomes.filter((o) => Object.keys(o.errors).length > 0)).toHaveLength(0);
		expect(sb.stats().refreshes - refreshesBefore).toBe(1);
		expect(sb.sent().length).toBe(21);
	});

	it('an echo of our own send (message_source 3) never starts a reply (loop guard)', async () => {
		const h = await hostTriggerReply();
		sb.setFaults({ echo: true });
		await sb.customerMessage('cust_echo', { text: '在吗', nickname: 'E' }).done;
		await Promise.all(h.executions);
		await new Promise((r) => setTimeout(r, 300));
		await Promise.all(h.executions);
		expect(h.executions).toHaveLength(1);
		expect(sb.sent().length).toBe(1);
	});
});

describe('Xiaohongshu Trigger (timestamp-hmac, revision 1) refuses bad pushes and starts nothing', () => {
	const fixture = loadFixture('trigger-reply');
	fixture.nodes[0].parameters.signatureMode = 'hmac';

	function signed(body: string, secret: string, ts = Math.floor(Date.now() / 1000)) {
		const sig = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
		return {
			'x-xhs-timestamp': String(ts),
			'x-xhs-signature': sig,
			'content-type': 'application/json',
		};
	}

	function eventBody(
		key: string,
		event: object = {
			event: 'message',
			message_id: 'm_x',
			message_source: 1,
			from_user_id: 'c',
			to_user_id: 'b',
			content: { text: 'hi' },
		},
	) {
		return JSON.stringify({ content: encryptJson(event, key) });
	}

	async function push(rawBody: string, headers: Record<string, string>) {
		const helper = new FixtureCredentialsHelper({ xiaohongshuDmApi: credentialFor() });
		return await callWebhook(fixture, 'Xiaohongshu Trigger', { rawBody, headers }, helper);
	}

	it.each([
		[
			'a forged signature',
			(key: string) => ({
				body: eventBody(key),
				headers: signed(eventBody(key), 'not-the-secret'),
			}),
			401,
			/signature/,
		],
		[
			'a stale timestamp',
			(key: string, secret: string) => {
				const b = eventBody(key);
				return { body: b, headers: signed(b, secret, Math.floor(Date.now() / 1000) - 301) };
			},
			401,
			/timestamp/,
		],
		[
			'no signature headers',
			(key: string) => ({ body: eventBody(key), headers: {} }),
			401,
			/Timestamp/,
		],
	])('%s → HTTP %s with a short reason', async (_name, make, status, reason) => {
		const app = sb.app;
		const { body, headers } = make(app.encryption_key, app.secret);
		const { result, response } = await push(body, headers);
		expect(result.workflowData).toBeUndefined();
		expect(result.noWebhookResponse).toBe(true);
		expect(response.statusCode).toBe(status);
		expect(JSON.stringify(response.body)).toMatch(reason);
		expect(JSON.stringify(response.body)).not.toContain(app.secret);
		expect(JSON.stringify(response.body)).not.toContain(app.encryption_key);
	});

	it.each([
		[
			'an undecryptable body',
			(_key: string, secret: string) => {
				const b = eventBody('fedcba9876543210');
				return { body: b, headers: signed(b, secret) };
			},
			/decrypt|text/,
		],
		[
			'malformed JSON',
			(_key: string, secret: string) => ({
				body: '{"content":',
				headers: signed('{"content":', secret),
			}),
			/not JSON/,
		],
		[
			'a body of no known shape',
			(_key: string, secret: string) => ({ body: '{"x":1}', headers: signed('{"x":1}', secret) }),
			/fit no known event/,
		],
	])(
		'%s that passes the signature is acknowledged and quarantined, starting nothing',
		async (_name, make, reason) => {
			const app = sb.app;
			const { body, headers } = make(app.encryption_key, app.secret);
			const { result } = await push(body, headers);
			expect(result.workflowData).toBeUndefined();
			expect(result.webhookResponse).toEqual({ success: true, code: 0 });
			const kept = (
				await listQuarantine(await openStateStore({ backend: 'embedded' }), { appId: app.app_id })
			).filter((q) => reason.test(q.reason));
			expect(kept.length).toBeGreaterThan(0);
			expect(JSON.stringify(kept)).not.toContain(app.encryption_key);
		},
	);

	it('keeps the credential between pushes but picks up an edited secret at the next push', async () => {
		const app = sb.app;
		const f = JSON.parse(JSON.stringify(fixture));
		f.nodes[0].id = `rotating-secret-${Date.now()}`;
		const helper = new FixtureCredentialsHelper({ xiaohongshuDmApi: credentialFor() });
		const event = (id: string) =>
			eventBody(app.encryption_key, {
				event: 'message',
				message_id: id,
				message_source: 1,
				from_user_id: 'c',
				to_user_id: 'b',
				content: { text: 'hi' },
			});
		const first = event(`m_rot_1_${Date.now()}`);
		expect(
			(
				await callWebhook(
					f,
					'Xiaohongshu Trigger',
					{ rawBody: first, headers: signed(first, app.secret) },
					helper,
				)
			).result.workflowData,
		).toBeDefined();
		helper.byTypeForTests().xiaohongshuDmApi.appSecret = 'the-new-secret';
		const second = event(`m_rot_2_${Date.now()}`);
		expect(
			(
				await callWebhook(
					f,
					'Xiaohongshu Trigger',
					{ rawBody: second, headers: signed(second, 'the-new-secret') },
					helper,
				)
			).result.workflowData,
		).toBeDefined();
		const third = event(`m_rot_3_${Date.now()}`);
		const stale = await callWebhook(
			f,
			'Xiaohongshu Trigger',
			{ rawBody: third, headers: signed(third, app.secret) },
			helper,
		);
		expect(stale.response.statusCode).toBe(401);
	});

	it('answers verify_webhook with the challenge and starts nothing', async () => {
		const app = sb.app;
		const body = eventBody(app.encryption_key, { event: 'verify_webhook', challenge: 'ch_123' });
		const { result } = await push(body, signed(body, app.secret));
		expect(result.webhookResponse).toEqual({ challenge: 'ch_123' });
		expect(result.workflowData).toBeUndefined();
	});

	it("the sandbox accepts the trigger's verify_webhook answer end to end", async () => {
		const h = await hostTriggerReply();
		await sb.pushEvent({ event: 'verify_webhook', challenge: 'ch_live' }).done;
		expect(h.responses[0].body).toEqual({ challenge: 'ch_live' });
		expect(h.executions).toHaveLength(0);
	});

	it('signature mode "none" accepts unsigned pushes (revision 1 envelope)', async () => {
		const app = sb.app;
		const unsigned = JSON.parse(JSON.stringify(fixture));
		unsigned.nodes[0].parameters.signatureMode = 'none';
		const helper = new FixtureCredentialsHelper({ xiaohongshuDmApi: credentialFor() });
		const body = eventBody(app.encryption_key, {
			event: 'message',
			message_id: 'm_unsigned',
			message_source: 1,
			from_user_id: 'c1',
			to_user_id: 'b1',
			content: { text: 'hi' },
		});
		const { result } = await callWebhook(
			unsigned,
			'Xiaohongshu Trigger',
			{ rawBody: body, headers: {} },
			helper,
		);
		expect(result.workflowData?.[0][0].json).toMatchObject({ messageId: 'm_unsigned', text: 'hi' });
	});

	it('emits lead events when asked, with their fields', async () => {
		const app = sb.app;
		const leads = JSON.parse(JSON.stringify(fixture));
		leads.nodes[0].parameters.events = ['message', 'lead'];
		const helper = new FixtureCredentialsHelper({ xiaohongshuDmApi: credentialFor() });
		const event = {
			event: 'lead',
			from_user_id: 'c9',
			to_user_id: 'b1',
			timestamp: 1732345678901,
			content: { phone: '13800138000', region: '上海' },
		};
		const body = eventBody(app.encryption_key, event);
		const { result } = await callWebhook(
			leads,
			'Xiaohongshu Trigger',
			{ rawBody: body, headers: signed(body, app.secret) },
			helper,
		);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'lead',
			customerUserId: 'c9',
			content: { phone: '13800138000' },
			timestamp: '2024-11-23T07:07:58.901Z',
		});
		// A lead has no message id: its redelivery is recognised by its content.
		const again = await callWebhook(
			leads,
			'Xiaohongshu Trigger',
			{ rawBody: eventBody(app.encryption_key, event), headers: signed(body, app.secret) },
			helper,
		);
		expect(again.result.workflowData).toBeUndefined();
	});
});

describe('Xiaohongshu Trigger webhook registration (sandbox)', () => {
	it('activation registers the URL, checkExists sees it, deactivation removes it', async () => {
		const fixture = loadFixture('trigger-reply');
		const helper = new FixtureCredentialsHelper({ xiaohongshuDmApi: credentialFor() });
		expect(await callWebhookMethod(fixture, 'Xiaohongshu Trigger', 'checkExists', helper)).toBe(
			false,
		);
		expect(await callWebhookMethod(fixture, 'Xiaohongshu Trigger', 'create', helper)).toBe(true);
		expect(sb.getWebhook().url).toMatch(/\/webhook\/xhs-test-hook\/webhook$/);
		expect(await callWebhookMethod(fixture, 'Xiaohongshu Trigger', 'checkExists', helper)).toBe(
			true,
		);
		expect(await callWebhookMethod(fixture, 'Xiaohongshu Trigger', 'delete', helper)).toBe(true);
		expect(sb.getWebhook().url).toBeNull();
	});
});

describe('Xiaohongshu node against the sandbox', () => {
	it('sends within the window and reports 45015 once the 48 h window has closed', async () => {
		await sb.customerMessage('cust_1', { text: '你好', nickname: '小雨' }).done;
		const cred = credentialFor();
		const fixture = loadFixture('message-send');
		fixture.nodes[0].parameters.items = JSON.stringify([
			{
				messageId: 'm_w1',
				customerUserId: 'cust_1',
				accountUserId: sb.app.business_user_id,
				thirdAccountId: sb.app.third_account_id,
				nickname: '小雨',
			},
		]);
		const first = await runWorkflow(fixture, { credentials: { xiaohongshuDmApi: cred } });
		expect(first.errors).toEqual({});
		sb.advanceClock(48 * 3_600_000 + 1000);
		fixture.nodes[0].parameters.items = JSON.stringify([
			{
				messageId: 'm_w2',
				customerUserId: 'cust_1',
				accountUserId: sb.app.business_user_id,
				thirdAccountId: sb.app.third_account_id,
				nickname: '小雨',
			},
		]);
		const late = await runWorkflow(fixture, { credentials: { xiaohongshuDmApi: cred } });
		expect(late.errors['Send Reply']).toMatch(/45015/);
	});

	it('recovers from a 429 burst and 5xx faults without a duplicate send', async () => {
		await sb.customerMessage('cust_2', { text: '你好', nickname: 'B' }).done;
		const cred = credentialFor();
		const fixture = loadFixture('message-send');
		fixture.nodes[0].parameters.items = JSON.stringify([
			{
				messageId: 'm_f1',
				customerUserId: 'cust_2',
				accountUserId: sb.app.business_user_id,
				thirdAccountId: sb.app.third_account_id,
				nickname: 'B',
			},
		]);
		await runWorkflow(fixture, { credentials: { xiaohongshuDmApi: cred } });
		sb.setFaults({
			rateLimitNext: 1,
			retryAfterSeconds: 1,
			serverErrorNext: 1,
			serverErrorMode: 'html',
		});
		fixture.nodes[0].parameters.items = JSON.stringify([
			{
				messageId: 'm_f2',
				customerUserId: 'cust_2',
				accountUserId: sb.app.business_user_id,
				thirdAccountId: sb.app.third_account_id,
				nickname: 'B',
			},
		]);
		const outcome = await runWorkflow(fixture, { credentials: { xiaohongshuDmApi: cred } });
		expect(outcome.errors).toEqual({});
		expect(sb.sent().length).toBe(2);
		expect(sb.stats().rateLimited).toBeGreaterThanOrEqual(1);
		expect(sb.stats().serverErrors).toBeGreaterThanOrEqual(1);
	});

	it('lists the bound accounts', async () => {
		const fixture = loadFixture('account-list');
		const { outputs, errors } = await runWorkflow(fixture, {
			credentials: { xiaohongshuDmApi: credentialFor() },
		});
		expect(errors).toEqual({});
		expect(outputs.List[0].map((i) => i.json.user_id)).toContain(sb.app.business_user_id);
	});
});
