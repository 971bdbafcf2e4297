import nock from 'nock';
import { openStateStore } from '../../nodes/shared/state';
import { readAccounts } from '../../nodes/shared/xiaohongshu/boundAccounts';
import { createBindingLink } from '../../nodes/shared/xiaohongshu/bindingLink';
import { appConfigFromCredential } from '../../nodes/shared/xiaohongshu/appConfig';
import { encryptJson } from '../../nodes/shared/xiaohongshu/contentCrypto';
import {
	NOTICE_STREAM,
	REFUSED_STREAM,
	listQuarantine,
	readPushLog,
} from '../../nodes/shared/xiaohongshu/pushQuarantine';
import { PUSH_SUFFIXES } from '../../nodes/shared/xiaohongshu/pushKinds';
import { signBody } from '../../nodes/shared/xiaohongshu/pushSignature';
import {
	REPLAY_HEADER,
	REPLAY_SIGNATURE_HEADER,
	signReplay,
} from '../../nodes/shared/xiaohongshu/replaySignature';
import { FixtureCredentialsHelper } from './credentialsHelper';
import { loadFixture, sandboxCredential } from './fixtures';
import { callWebhook, runWorkflow } from './runWorkflow';
import { startWebhookHost, type WebhookHost } from './webhookHost';

const { createSandbox } = require('../../sandbox/server');

type Sandbox = Awaited<ReturnType<typeof createSandbox>>;

let sb: Sandbox;
let host: WebhookHost | undefined;
let counter = 0;

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());

async function start(options: Record<string, unknown> = {}) {
	counter++;
	sb = await createSandbox({
		port: 0,
		appId: `r2_app_${process.pid}_${counter}`,
		redeliveryDelaysMs: [100, 200, 400],
		log: () => {},
		...options,
	});
}

afterEach(async () => {
	await host?.close();
	host = undefined;
	await sb?.close();
});

async function hostTrigger(
	mutate: (fixture: ReturnType<typeof loadFixture>) => void = () => {},
	credential: Record<string, unknown> = {},
) {
	const fixture = loadFixture('trigger-reply');
	fixture.nodes[0].id = `r2-trigger-${counter}`;
	mutate(fixture);
	host = await startWebhookHost(fixture, 'Xiaohongshu Trigger', {
		xiaohongshuDmApi: sandboxCredential(sb, credential),
	});
	sb.setWebhook(host.url);
	return { host, fixture };
}

const repliesTo = (customer: string) =>
	sb
		.conversation(customer)
		.messages.filter((m: { message_source: number }) => m.message_source === 3);

describe('revision 2 end to end: trigger → reply against the sandbox', () => {
	it.each([
		['on the base URL', false],
		['with the /open/im/send suffix', true],
	])('a DM %s gets one reply, sent with the revision-2 body', async (_name, suffix) => {
		await start();
		const { host: h } = await hostTrigger();
		sb.setFaults({ pushPathSuffix: suffix, omitThirdAccountId: true });
		const { done } = sb.customerMessage('cust_r2', { text: '这个面霜多少钱？', nickname: '小雨' });
		expect((await done).acked).toBe(true);
		const [outcome] = await Promise.all(h.executions);
		expect(outcome.errors).toEqual({});
		expect(outcome.outputs['Xiaohongshu Trigger'][0][0].json).toMatchObject({
			text: '这个面霜多少钱？',
			thirdAccountId: '',
		});
		expect(repliesTo('cust_r2')).toHaveLength(1);
		expect(JSON.stringify(repliesTo('cust_r2')[0])).toContain('199');
	});

	it('reads a DM whose content is the raw text, and the hex and text forms of the key alike', async () => {
		await start();
		const hex = sb.app.encryption_key as string;
		const text = Buffer.from(hex, 'hex').toString('utf8');
		const { host: h } = await hostTrigger(() => {}, { encryptionSecret: text });
		sb.setFaults({ plainTextContent: true });
		await sb.customerMessage('cust_plain', { text: '多少钱', nickname: 'P' }).done;
		const [outcome] = await Promise.all(h.executions);
		expect(outcome.outputs['Xiaohongshu Trigger'][0][0].json).toMatchObject({ text: '多少钱' });
	});

	it('the console URL check is acknowledged and starts nothing', async () => {
		await start();
		const { host: h } = await hostTrigger();
		await sb.verifyWebhook().done;
		expect(h.responses[0]).toMatchObject({ status: 200, body: { success: true } });
		expect(h.executions).toHaveLength(0);
	});

	it('the same DM speaks revision 1 when the sandbox and the credential are switched', async () => {
		await start({ wireRevision: 'r1' });
		const { host: h } = await hostTrigger((f) => (f.nodes[0].parameters.signatureMode = 'hmac'), {
			wireRevision: 'r1',
		});
		await sb.customerMessage('cust_r1', { text: '多少钱', nickname: 'R' }).done;
		await Promise.all(h.executions);
		expect(repliesTo('cust_r1')).toHaveLength(1);
	});
});

describe('revision 2 events: bind, unbind, KOS, leads, comments', () => {
	it('a binding link bound at the sandbox page arrives as a bind push matched to the link, and the account can send', async () => {
		await start();
		const { host: h } = await hostTrigger(
			(f) => (f.nodes[0].parameters.events = ['message', 'account_bound', 'account_unbound']),
		);
		sb.setFaults({ pushPathSuffix: true });
		const credential = sandboxCredential(sb);
		const store = await openStateStore({ backend: 'embedded' });
		const config = appConfigFromCredential(credential);
		const link = await createBindingLink(store, config, {
			accountCode: 'shop_sh',
			label: '上海店',
		});
		const page = await fetch(link.url);
		expect(page.status).toBe(200);
		await new Promise((r) => setTimeout(r, 300));
		const [bound] = await Promise.all(h.executions);
		const item = bound.outputs['Xiaohongshu Trigger'][0][0].json;
		expect(item).toMatchObject({
			event: 'account_bound',
			binding: { accountCode: 'shop_sh', matched: true, label: '上海店' },
		});
		const accounts = await readAccounts(store, config.appId);
		expect(accounts.find((a) => a.userId === item.accountUserId)).toMatchObject({
			bound: true,
			accountCode: 'shop_sh',
		});
	});

	it.each(PUSH_SUFFIXES.filter((s) => s.kind !== 'message').map((s) => [s.kind, s.suffix]))(
		'%s arrives on %s as an item',
		async (kind) => {
			await start();
			const { host: h } = await hostTrigger((f) => (f.nodes[0].parameters.events = [kind]));
			sb.setFaults({ pushPathSuffix: true });
			const fields: Record<string, Record<string, unknown>> = {
				account_bound: { user_id: 'biz_777', nick_name: '新店', token: 'tok_x' },
				account_unbound: { user_id: sb.app.business_user_id },
				kos_auth: { user_id: sb.app.business_user_id, auth_status: 2, kos_user_id: 'kos_1' },
				comment_intent: {
					note_id: 'note_1',
					comment: '怎么买？',
					user_id: 'cust_c',
					user_info: { nickname: '评论者' },
				},
				lead: {
					content: { name: '王女士', phone: '13800138000', remark: '要报价' },
					from_user_id: 'cust_l',
					to_user_id: sb.app.business_user_id,
				},
			};
			await sb.pushEvent({ event: kind, ...fields[kind] }).done;
			await new Promise((r) => setTimeout(r, 200));
			const outcomes = await Promise.all(h.executions);
			expect(outcomes).toHaveLength(1);
			expect(outcomes[0].outputs['Xiaohongshu Trigger'][0][0].json).toMatchObject({ event: kind });
		},
	);
});

describe('notices: a push read fine that says a setting is off', () => {
	it('a lead on /open/im/third/data that the trigger does not start on, and revision 2 pushes to a revision 1 credential, are noticed for Health Check', async () => {
		await start();
		const { host: h } = await hostTrigger((f) => (f.nodes[0].parameters.events = ['message']), {
			wireRevision: 'r1',
		});
		sb.setFaults({ pushPathSuffix: true });
		const since = Date.now() - 1000;
		await sb.pushEvent({
			event: 'lead',
			content: { name: '李', phone: '13800138000' },
			from_user_id: 'cust_n',
			to_user_id: sb.app.business_user_id,
		}).done;
		expect(h.executions).toHaveLength(0);
		const store = await openStateStore({ backend: 'embedded' });
		const notices = (await readPushLog(store, NOTICE_STREAM, since)).filter(
			(n) => n.appId === sb.app.app_id,
		);
		expect(notices.map((n) => n.hint).join('\n')).toMatch(
			/leads \(留资\) arrive with suffix \/open\/im\/third\/data/,
		);
		expect(notices.map((n) => n.setting).join('\n')).toMatch(/Wire Revision: Revision 2/);
	});
});

describe('quarantine: a wrong guess loses nothing', () => {
	it('a push under a wrong key is kept, the key fixed, and the replay gives exactly one reply', async () => {
		await start();
		const wrongKey = 'f'.repeat(32);
		const { fixture } = await hostTrigger(() => {}, { encryptionSecret: wrongKey });
		const { done } = sb.customerMessage('cust_q', { text: '面霜多少钱', nickname: 'Q' });
		expect((await done).acked).toBe(true); // acknowledged, so the platform does not give up on it
		expect(host!.executions).toHaveLength(0);
		const store = await openStateStore({ backend: 'embedded' });
		const [kept] = (await listQuarantine(store, { appId: sb.app.app_id })).filter(
			(q) => !q.replayed,
		);
		expect(kept).toMatchObject({ cause: 'key', shape: 'r2-dm', replayable: true });
		expect(kept.hint).toMatch(/Encryption Key/);
		expect(kept.preview).not.toContain('面霜');

		const fixed = new FixtureCredentialsHelper({ xiaohongshuDmApi: sandboxCredential(sb) });
		const replay = (id: string) => ({
			rawBody: '{}',
			headers: { [REPLAY_HEADER]: id, [REPLAY_SIGNATURE_HEADER]: signReplay(sb.app.secret, id) },
		});
		const first = await callWebhook(fixture, 'Xiaohongshu Trigger', replay(kept.id), fixed);
		expect(first.result.workflowData).toBeDefined();
		await runWorkflow(fixture, {
			credentials: fixed,
			startNode: 'Xiaohongshu Trigger',
			startItems: first.result.workflowData!,
		});
		const second = await callWebhook(fixture, 'Xiaohongshu Trigger', replay(kept.id), fixed);
		expect(second.result.workflowData).toBeUndefined();
		expect(second.response.body).toMatchObject({ replayed: false, reason: 'already replayed' });
		expect(repliesTo('cust_q')).toHaveLength(1);
		const forged = await callWebhook(
			fixture,
			'Xiaohongshu Trigger',
			{
				rawBody: '{}',
				headers: { [REPLAY_HEADER]: kept.id, [REPLAY_SIGNATURE_HEADER]: '0'.repeat(64) },
			},
			fixed,
		);
		expect(forged.response.statusCode).toBe(401);
	});

	it('in body-hmac mode, 10,000 forged or mutated pushes through the trigger are all refused and none is processed', async () => {
		await start({ signatureMode: 'body-hmac' });
		const fixture = loadFixture('trigger-reply');
		fixture.nodes[0].parameters.signatureMode = 'bodyHmac';
		const helper = new FixtureCredentialsHelper({ xiaohongshuDmApi: sandboxCredential(sb) });
		const key = sb.app.encryption_key as string;
		let refused = 0;
		const started = Date.now();
		for (let i = 0; i < 10_000; i++) {
			const body = JSON.stringify({
				message_id: `m_forged_${i}`,
				message_source: 1,
				from_user_id: 'c',
				to_user_id: 'b',
				content: encryptJson({ text: 'x' }, key),
			});
			const signature = i % 2 ? signBody(`${key}-wrong`, body) : signBody(key, `${body} `);
			const { result, response } = await callWebhook(
				fixture,
				'Xiaohongshu Trigger',
				{ rawBody: body, headers: { 'x-xhs-signature': signature } },
				helper,
			);
			if (response.statusCode === 401 && !result.workflowData) refused++;
		}
		expect(refused).toBe(10_000);
		const store = await openStateStore({ backend: 'embedded' });
		// Nothing read: no quarantine entry; each refusal counted for Health Check (the log keeps the newest 2,000).
		expect((await listQuarantine(store, { appId: sb.app.app_id })).length).toBe(0);
		expect(
			(await readPushLog(store, REFUSED_STREAM, started)).filter((r) => r.appId === sb.app.app_id)
				.length,
		).toBeGreaterThanOrEqual(2000);
	}, 120_000);
});
