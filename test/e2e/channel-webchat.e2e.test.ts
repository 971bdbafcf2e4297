import { join } from 'node:path';
import { EventLog } from '../../nodes/shared/serviceMetrics/eventLog';
import type { ServiceEvent } from '../../nodes/shared/serviceMetrics/serviceEvent';
import { EmbeddedStateStore } from '../../nodes/shared/state/EmbeddedStateStore';
import {
	activateTestWorkflow,
	eventually,
	openLink,
	pressLinkButton,
	removeTestWorkflows,
	reportJsonWorkflow,
	sandbox,
	stack,
} from './stack';

/**
 * The website-chat template (workflows/channel-webchat.json), active in real n8n: a site posts
 * its chat messages to a Webhook, they are mapped onto the canonical DM item and go through the
 * same Keyword Reply, Assign Agent, CRM Sync and Service Metrics nodes as Xiaohongshu DMs; the
 * answer is the webhook's response. The events are read back from the state store n8n writes.
 */
type Json = Record<string, any>;

const WEBCHAT = `${stack.n8nBase}/webhook/xhs-webchat`;
const run = `${Date.now()}`;
let n = 0;
const visitor = () => `v_${run}_${++n}`;

/** The embedded store's file, as the nodes inside n8n open it (see defaultStatePath). */
const statePath =
	stack.n8nEnv.XHS_STATE_DB_PATH ??
	join(stack.n8nEnv.N8N_USER_FOLDER ?? stack.userFolder, '.n8n', 'xiaohongshu-dm', 'state.sqlite');
let store: EmbeddedStateStore | undefined;
const startedAt = Date.now();

async function events(conversationId: string): Promise<ServiceEvent[]> {
	store ??= EmbeddedStateStore.open(statePath);
	const all = await new EventLog(store).read({
		sinceMs: startedAt - 60_000,
		untilMs: Date.now() + 60_000,
	});
	return all.filter((e) => e.conversationId === conversationId);
}

async function post(
	body: Json,
	headers: Record<string, string> = {},
): Promise<{ status: number; json: Json; headers: Headers }> {
	const res = await fetch(WEBCHAT, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	return { status: res.status, json: (await res.json()) as Json, headers: res.headers };
}

async function botMessages(bot: string): Promise<Array<{ text: string }>> {
	return await sandbox('GET', `/sandbox/bot?bot=${bot}`);
}

const report = async (): Promise<Json> =>
	(await (await fetch(`${stack.n8nBase}/webhook/e2e-webchat-metrics`)).json()) as Json;

beforeAll(async () => {
	await activateTestWorkflow(reportJsonWorkflow('e2e-webchat-metrics'));
	// Activation is asynchronous: the webhooks answer 404 until they are registered. An OPTIONS
	// request (CORS preflight) asks for the path's methods without starting an execution.
	await eventually(
		'the website-chat webhook to be registered',
		async () => {
			const res = await fetch(WEBCHAT, {
				method: 'OPTIONS',
				headers: { origin: 'http://shop.example.com', 'access-control-request-method': 'POST' },
			});
			return res.status !== 404;
		},
		30_000,
	);
	await eventually(
		'the report webhook to be registered',
		async () => (await fetch(`${stack.n8nBase}/webhook/e2e-webchat-metrics`)).status === 200,
		30_000,
	);
}, 60_000);

afterAll(async () => {
	await removeTestWorkflows();
	await store?.close();
});

describe('website chat through the same pipeline, in real n8n', () => {
	it('the template is imported and active', () => {
		expect(
			stack.workflows.find(
				(w) => w.name === 'Xiaohongshu · Website chat through the same pipeline (其他渠道接入)',
			),
		).toMatchObject({ active: true });
	});

	it('answers, assigns, records with channel "webchat", and a retried message is handled once', async () => {
		const before = await report();
		const price = visitor();
		const angry = visitor();
		const priceMessage = {
			sessionId: `s_${price}`,
			visitorId: price,
			visitorName: '小雨',
			messageId: `m_${price}_1`,
			message: '这个面霜多少钱？',
			sentAt: new Date().toISOString(),
		};
		const complaint = {
			sessionId: `s_${angry}`,
			visitorId: angry,
			visitorName: '阿花',
			messageId: `m_${angry}_1`,
			message: '收到的面霜是坏的，我要投诉！',
			sentAt: Date.now(),
		};

		// The price rule answers, with the visitor's name.
		const answered = await post(priceMessage);
		expect(answered.status).toBe(200);
		expect(answered.json).toEqual({
			reply: '亲爱的小雨，我们家面霜 199 元、急救精华 269 元，今天下单还送小样哦😉',
			agent: null,
		});

		// A complaint takes the fast lane to the complaint team's 老张 (lanes "complaint, urgent").
		const assigned = await post(complaint);
		expect(assigned.status).toBe(200);
		expect(assigned.json).toEqual({
			reply:
				'阿花，非常抱歉给您带来不好的体验🙏 已为您转接专属客服，马上处理！（客服老张为您服务）',
			agent: { id: 'laozhang', name: '老张' },
		});
		const note = await eventually('the agent notification', async () =>
			(await botMessages('laozhang')).find((m) => m.text.includes('收到的面霜是坏的，我要投诉！')),
		);
		const [head, closeLine] = [
			note.text.slice(0, note.text.lastIndexOf('\n')),
			note.text.slice(note.text.lastIndexOf('\n') + 1),
		];
		expect(head).toBe(
			'【网站加急 · complaint】阿花：收到的面霜是坏的，我要投诉！\n分配原因：complaint lane team; least loaded; load 1/4',
		);
		// The agent's signed close link, labelled with the conversation (form-encoded: ":" is %3A).
		expect(closeLine.startsWith(`结束会话：${stack.n8nBase}/webhook/xhs-webchat-close?`)).toBe(
			true,
		);
		const closeUrl = new URL(closeLine.slice('结束会话：'.length));
		expect(closeUrl.searchParams.get('conversation')).toBe(`webchat:${angry}`);
		expect(closeUrl.searchParams.get('t')).toMatch(/^[\w-]+\.[\w-]{43}$/);

		// The site retries both messages (same messageId): no second reply, notice or assignment.
		expect((await post(priceMessage)).json).toEqual({ reply: null, agent: null, duplicate: true });
		expect((await post(complaint)).json).toEqual({ reply: null, agent: null, duplicate: true });

		// What the nodes recorded: the DM, the decision and the send, each once, with the channel.
		const priceEvents = await eventually('the auto-reply recorded', async () => {
			const found = await events(`webchat:${price}`);
			return found.some((e) => e.type === 'reply_sent') && found;
		});
		await new Promise((r) => setTimeout(r, 1000));
		const angryEvents = await events(`webchat:${angry}`);
		const summary = (list: ServiceEvent[]) =>
			list.map((e) => [e.type, e.channel ?? null, e.route ?? e.by ?? e.agentId ?? null]);
		expect(summary(await events(`webchat:${price}`))).toEqual([
			['message_in', 'webchat', null],
			['classified', 'webchat', 'matched'],
			['reply_sent', 'webchat', 'auto'],
		]);
		expect(summary(angryEvents)).toEqual([
			['message_in', 'webchat', null],
			['classified', 'webchat', 'urgent'],
			['assigned', null, 'laozhang'],
		]);
		expect(priceEvents[0]).toMatchObject({
			customerUserId: `webchat:${price}`,
			messageId: `m_${price}_1`,
			text: '这个面霜多少钱？',
		});
		expect(angryEvents.find((e) => e.type === 'classified')).toMatchObject({
			tags: ['投诉'],
			rule: '投诉 · complaint',
		});
		expect(angryEvents.find((e) => e.type === 'assigned')).toMatchObject({
			agentName: '老张',
			lane: 'complaint',
		});
		expect(
			(await botMessages('laozhang')).filter((m) => m.text.includes('收到的面霜是坏的')),
		).toHaveLength(1);

		// The report counts the two DMs once each: one answered automatically, one handed off to 老张.
		const after = await report();
		expect(after.messages.inbound - before.messages.inbound).toBe(2);
		expect(after.messages.autoAnswered - before.messages.autoAnswered).toBe(1);
		expect(after.sessions.total - before.sessions.total).toBe(2);
		expect(after.sessions.handedOff - before.sessions.handedOff).toBe(1);
		const agentBefore = before.byAgent.find((a: Json) => a.agentId === 'laozhang')?.sessions ?? 0;
		expect(after.byAgent.find((a: Json) => a.agentId === 'laozhang').sessions - agentBefore).toBe(
			1,
		);

		// A follow-up in the open conversation: the same agent is told, the visitor gets no second notice.
		const followUp = await post({
			...complaint,
			messageId: `m_${angry}_2`,
			message: '人呢？',
			sentAt: Date.now(),
		});
		expect(followUp.json).toEqual({ reply: null, agent: { id: 'laozhang', name: '老张' } });
		const again = await eventually('the follow-up notification', async () =>
			(await botMessages('laozhang')).find((m) => m.text.includes('阿花：人呢？')),
		);
		expect(again.text).toMatch(/^【客户追问】阿花：人呢？\n分配原因：already assigned/);

		// The agent opens the link: a confirmation page, nothing closed yet.
		const closeLink = /结束会话：(\S+)/.exec(note.text)![1];
		const asked = await openLink(closeLink);
		expect(asked.status).toBe(200);
		expect(asked.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
		expect(asked.page).toContain('结束与 阿花 的会话？');
		await new Promise((r) => setTimeout(r, 500));
		expect((await events(`webchat:${angry}`)).some((e) => e.type === 'closed')).toBe(false);
		// Its button closes the conversation, once; the slot is free again.
		const closed = await pressLinkButton(closeLink);
		expect(closed.status).toBe(200);
		expect(closed.page).toContain('已结束与 阿花 的会话。');
		const used = await pressLinkButton(closeLink);
		expect(used.status).toBe(403);
		expect(used.page).toContain('<code>used</code>');
		await eventually('the close recorded', async () =>
			(await events(`webchat:${angry}`)).some((e) => e.type === 'closed'),
		);
		expect((await events(`webchat:${angry}`)).filter((e) => e.type === 'closed')).toHaveLength(1);
	});

	it('a message without a messageId is still answered, but a retry of it is not recognised', async () => {
		const who = visitor();
		const body = { visitorId: who, visitorName: '七七', message: '几天到货？包邮吗' };
		const first = await post(body);
		expect(first.json).toEqual({
			reply: '七七～我们 48 小时内发货📦 全国包邮，一般 2-4 天送到哦',
			agent: null,
		});
		// Without messageId or sentAt the mapping falls back to the execution id: every post is new.
		// The shipping rule's 10-minute cooldown then holds the repeat back (No Match), so it goes
		// to an agent: tag 物流 is 小王's skill.
		const second = await post(body);
		expect(second.json).toEqual({
			reply: '七七您好～您的问题已转给客服小王，马上回复您🧐',
			agent: { id: 'xiaowang', name: '小王' },
		});
		const recorded = await eventually('both DMs recorded', async () => {
			const found = (await events(`webchat:${who}`)).filter((e) => e.type === 'message_in');
			return found.length === 2 && found;
		});
		expect(new Set(recorded.map((e) => e.messageId)).size).toBe(2);
	});

	it('a visitor over 10 messages a minute gets 429 and Retry-After; nothing of it is recorded or assigned', async () => {
		const who = visitor();
		// As a reverse proxy would add it: this visitor's own address, so the address limit (60, shared
		// by every test's "direct") is not what stops it. A made-up first entry is the client's own.
		const proxy = { 'x-forwarded-for': `10.0.0.1, 203.0.113.${n % 250}` };
		const answers = [];
		for (let k = 0; k < 12; k++)
			answers.push(
				await post(
					{ visitorId: who, visitorName: '刷屏', message: `在吗 ${k}`, messageId: `${who}_${k}` },
					proxy,
				),
			);
		expect(answers.map((a) => a.status)).toEqual([...Array(10).fill(200), 429, 429]);
		const refused = answers[10];
		expect(refused.json).toMatchObject({
			agent: null,
			overLimit: { reason: 'customer', limit: 10 },
		});
		expect(refused.json.reply).toMatch(/^消息发得太快了，请 \d+ 秒后再试$/);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		await new Promise((r) => setTimeout(r, 1000));
		const recorded = (await events(`webchat:${who}`)).filter((e) => e.type === 'message_in');
		expect(recorded.map((e) => e.messageId).sort()).toEqual(
			Array.from({ length: 10 }, (_, k) => `${who}_${k}`).sort(),
		);
	}, 90_000);

	it('a message over 2,000 characters gets 413, unrecorded; a short one from the same visitor goes on', async () => {
		const who = visitor();
		const long = await post({
			visitorId: who,
			message: '长'.repeat(2001),
			messageId: `${who}_long`,
		});
		expect(long.status).toBe(413);
		expect(long.json.reply).toBe('消息太长了，请分几条发送（每条最多 2000 字）');
		const short = await post({ visitorId: who, message: '多少钱', messageId: `${who}_short` });
		expect(short.status).toBe(200);
		const recorded = (await events(`webchat:${who}`)).filter((e) => e.type === 'message_in');
		expect(recorded.map((e) => e.messageId)).toEqual([`${who}_short`]);
	});
});
