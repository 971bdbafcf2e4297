/**
 * Xiaohongshu Service Metrics through n8n-core's WorkflowExecute: one fixture per operation,
 * in an embedded state store of this file's own (the event log is one stream per store).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXED_LOG } from '../serviceMetrics/eventLogFixture';
import { loadFixture } from './fixtures';
import { runWorkflow, type WorkflowFixture } from './runWorkflow';
import { decodePng } from '../support/png';

process.env.XHS_STATE_DB_PATH = join(mkdtempSync(join(tmpdir(), 'xhs-metrics-')), 'state.sqlite');

type Json = Record<string, any>;

function withItems(name: string, items: Json[]): WorkflowFixture {
	const f = loadFixture(name);
	f.nodes[0].parameters.items = JSON.stringify(items);
	return f;
}

async function outputsOf(f: WorkflowFixture, node = 'Service Metrics') {
	const { outputs, errors, run } = await runWorkflow(f, { credentials: {} });
	return { outputs: outputs[node] ?? [], error: errors[node], run };
}

describe('Service Metrics: Record Event', () => {
	it('records valid events with contacts masked; a bad field names itself and the item', async () => {
		const f = loadFixture('service-metrics-record');
		expect((await outputsOf(f)).error).toMatch(
			/^Item 1: a CSAT score must be a whole number 1–5, not "9" \(field "Score \(1–5\)"\)/,
		);
		(f.nodes[1] as Json).continueOnFail = true;
		const { outputs } = await outputsOf(f);
		const [recorded] = outputs;
		expect(recorded.map((i) => (i.json as Json).recordedEvent?.type ?? 'error')).toEqual([
			'message_in',
			'error',
			'closed',
		]);
		expect(recorded[0].json.recordedEvent).toMatchObject({
			conversationId: 'biz:cust_r1',
			text: '我的电话 138****5678，价格多少',
			at: Date.parse('2026-11-20T02:00:00.000Z'),
		});
		expect(recorded[1].json.error).toMatch(/Item 1: .*Score/);
		expect(recorded.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('Service Metrics: Record Event, once per message ID', () => {
	const dms = (suffix: string) => [
		{
			type: 'message_in',
			conversationId: 'webchat:v1',
			messageId: `web_${suffix}`,
			channel: 'webchat',
			text: '能开发票吗',
			time: '2026-11-20T02:00:00.000Z',
		},
		{
			type: 'message_in',
			conversationId: 'webchat:v2',
			channel: 'webchat',
			text: '没有消息 ID',
			time: '2026-11-20T02:00:01.000Z',
		},
	];
	const onceFixture = (suffix: string) => {
		const f = withItems('service-metrics-record', dms(suffix));
		(f.nodes[1].parameters as Json).oncePerMessage = true;
		return f;
	};

	it('sends a message id seen before to "Already Recorded"; an event without one is always new', async () => {
		const first = (await outputsOf(onceFixture('a'))).outputs;
		expect(first.map((o) => o.length)).toEqual([2, 0]);
		const again = (await outputsOf(onceFixture('a'))).outputs;
		expect(again[1].map((i) => (i.json.recordedEvent as Json).messageId)).toEqual(['web_a']);
		expect(again[0].map((i) => (i.json.recordedEvent as Json).text)).toEqual(['没有消息 ID']);
		expect(again[1][0].pairedItem).toEqual({ item: 0 });
	});

	it('of five executions retrying the same message at once, exactly one records it', async () => {
		const runs = await Promise.all(
			Array.from({ length: 5 }, async () => (await outputsOf(onceFixture('race'))).outputs),
		);
		const firsts = runs.filter((o) =>
			o[0].some((i) => (i.json.recordedEvent as Json).messageId === 'web_race'),
		);
		expect(firsts).toHaveLength(1);
		expect(runs.flatMap((o) => o[1]).length).toBe(4);
	});
});

describe('Service Metrics: Record Event with intake limits (a public website chat)', () => {
	let run = 0;
	const limited = (items: Json[], limits: Json, once = true) => {
		const f = withItems('service-metrics-record', items);
		const params = f.nodes[1].parameters as Json;
		params.eventType = 'message_in';
		params.oncePerMessage = once;
		params.intakeLimits = limits;
		return f;
	};
	const visitorDms = (visitor: string, n: number, text = '在吗') =>
		Array.from({ length: n }, (_, k) => ({
			conversationId: `webchat:${visitor}`,
			customerUserId: `webchat:${visitor}`,
			messageId: `${visitor}_${k}`,
			channel: 'webchat',
			text,
		}));

	it('records a visitor\'s first messages of the minute; the rest go to "Over Limit", unrecorded, saying why', async () => {
		const visitor = `v${process.pid}_${run++}`;
		const f = limited(visitorDms(visitor, 8), { perCustomerPerMinute: 5 });
		const { outputs, error } = await outputsOf(f);
		expect(error).toBeUndefined();
		const [recorded, again, over] = outputs;
		expect([recorded.length, again.length, over.length]).toEqual([5, 0, 3]);
		expect(over[0].json.overLimit).toMatchObject({ admitted: false, reason: 'customer', limit: 5 });
		expect((over[0].json.overLimit as Json).retryAfterSeconds).toBeGreaterThan(0);
		expect(over[0].json.recordedEvent).toBeUndefined();
		expect(over.map((i) => i.pairedItem)).toEqual([{ item: 5 }, { item: 6 }, { item: 7 }]);
		// A refused message gives its claim back: sent again, it is over the limit again, not "already recorded".
		const retry = await outputsOf(
			limited(visitorDms(visitor, 8).slice(5), { perCustomerPerMinute: 5 }),
		);
		expect(retry.outputs.map((o) => o.length)).toEqual([0, 0, 3]);
	});

	it('holds one address to its limit whatever visitor ids it makes up, and refuses a long text', async () => {
		const address = `198.51.100.${run++}`;
		const items = Array.from({ length: 6 }, (_, k) => ({
			...visitorDms(`bot${process.pid}_${run}_${k}`, 1)[0],
			address,
		}));
		items.push({
			...visitorDms(`long${process.pid}_${run}`, 1)[0],
			text: '长'.repeat(21),
			address: '',
		});
		const f = limited(items, {
			clientAddress: '={{ $json.address }}',
			perAddressPerMinute: 4,
			maxTextLength: 20,
		});
		const [recorded, , over] = (await outputsOf(f)).outputs;
		expect(recorded).toHaveLength(4);
		expect(over.map((i) => (i.json.overLimit as Json).reason)).toEqual([
			'address',
			'address',
			'text',
		]);
	});

	it('has no "Over Limit" output without limits, and a negative limit names its field', async () => {
		const none = await outputsOf(limited(visitorDms(`n${run++}`, 2), {}, false));
		expect(none.outputs).toHaveLength(1);
		const bad = await outputsOf(limited(visitorDms(`b${run++}`, 1), { perCustomerPerMinute: -1 }));
		expect(bad.error).toMatch(/Messages per Customer per Minute/);
	});
});

describe('Service Metrics: Report', () => {
	it('gives the hand-computed figures of the fixed day, a PNG and SVG chart and an HTML page', async () => {
		const items = FIXED_LOG.map((e) => ({ ...e, time: new Date(e.at).toISOString() }));
		const { outputs, error, run } = await outputsOf(
			withItems('service-metrics-report', items),
			'Report',
		);
		expect(error).toBeUndefined();
		const [[report]] = outputs;
		const json = report.json as Json;
		expect(json.messages).toEqual({
			inbound: 7,
			autoAnswered: 3,
			autoReplyCoverage: 0.429,
			sendFailures: 1,
		});
		expect(json.sessions).toMatchObject({ total: 6, autoResolved: 2, handedOff: 3, closed: 2 });
		expect(json.firstResponse.human).toMatchObject({ p50Seconds: 240, p90Seconds: 600 });
		expect(json.csat).toMatchObject({ average: 3.5, distribution: { '2': 1, '5': 1 } });
		expect(json.byAgent.map((a: Json) => a.agentName)).toEqual(['小王', '小李']);

		const binary = report.binary as Json;
		expect(Object.keys(binary).sort()).toEqual(['chart', 'chartSvg', 'report']);
		expect(binary.chart).toMatchObject({
			mimeType: 'image/png',
			fileName: 'xhs-report-2026-11-23.png',
		});
		const png = Buffer.from(binary.chart.data, 'base64');
		const image = decodePng(png);
		expect(image.width).toBe(960);
		expect(image.height).toBeGreaterThan(300);
		expect(json.chartImage.md5).toMatch(/^[0-9a-f]{32}$/);
		expect(Buffer.from(json.chartImage.base64, 'base64').equals(png)).toBe(true);
		const svg = Buffer.from(binary.chartSvg.data, 'base64').toString('utf8');
		expect(svg).toContain('每小时私信');
		const html = Buffer.from(binary.report.data, 'base64').toString('utf8');
		expect(html).toContain('<svg');
		expect(html).toContain('小李');
		expect(run.data.resultData.error).toBeUndefined();
	});

	it('names a bad business-hours field', async () => {
		const f = withItems(
			'service-metrics-report',
			[FIXED_LOG[0]].map((e) => ({ ...e, time: new Date(e.at).toISOString() })),
		);
		(f.nodes[2].parameters as Json).businessHours = '周一至周五 9点到6点';
		expect((await outputsOf(f, 'Report')).error).toMatch(/^Item 0: .*\(field "Business Hours"\)/);
	});
});

describe('Service Metrics: CSAT survey', () => {
	it('starts one survey per conversation, reads the answer once, lets other DMs through', async () => {
		const started = await outputsOf(loadFixture('service-metrics-start-survey'));
		const [[survey]] = started.outputs;
		expect(survey.json.survey).toMatchObject({
			conversationId: 'biz:cust_s1',
			text: '小雨您好，本次服务是否满意？请回复 1-5 分（5 = 非常满意 😊，1 = 很不满意）',
		});
		const again = await outputsOf(loadFixture('service-metrics-start-survey'));
		expect(again.outputs[0]).toEqual([]);
		expect(again.outputs[1][0].json.survey).toEqual({
			skipped: 'pending',
			conversationId: 'biz:cust_s1',
		});

		const { outputs } = await outputsOf(loadFixture('service-metrics-read-answer'));
		const [scores, others] = outputs;
		expect(
			scores.map((i) => [
				i.json.messageId,
				(i.json as Json).csat.score,
				(i.json as Json).csat.agentName,
				(i.json as Json).csat.low,
			]),
		).toEqual([['m_a2', 5, '小王', false]]);
		expect((scores[0].json as Json).csat.thankYou).toBe(
			'谢谢小雨的评价 ⭐⭐⭐⭐⭐！我们会继续努力 💪',
		);
		// A question before the answer, a second score, and a "5" with no survey go on unchanged.
		expect(others.map((i) => i.json.messageId)).toEqual(['m_a1', 'm_a3', 'm_a4']);
		expect(others[0].json).not.toHaveProperty('csat');
	});
});

describe('Service Metrics: Health Check', () => {
	it('alerts when DMs stop, stays quiet while told, and reports when they are back', async () => {
		const record = withItems('service-metrics-record', [
			{
				type: 'message_in',
				conversationId: 'biz:h1',
				time: new Date(Date.now() - 3 * 60_000).toISOString(),
			},
		]);
		await outputsOf(record);
		const first = await outputsOf(loadFixture('service-metrics-health-check'));
		expect(first.error).toBeUndefined();
		const [alerts] = first.outputs;
		expect(alerts.map((a) => a.json.check)).toEqual(['no_dms']);
		expect(alerts[0].json.message).toMatch(
			/^🚨 No DM for 3 min 私信中断\n.*\n👉 Check that the workflow/,
		);
		expect((await outputsOf(loadFixture('service-metrics-health-check'))).outputs).toEqual([
			[],
			[],
		]);
		await outputsOf(
			withItems('service-metrics-record', [
				{ type: 'message_in', conversationId: 'biz:h2', time: new Date().toISOString() },
			]),
		);
		const back = await outputsOf(loadFixture('service-metrics-health-check'));
		expect(back.outputs[0]).toEqual([]);
		expect(back.outputs[1].map((i) => i.json.check)).toEqual(['no_dms']);
		expect(back.outputs[1][0].json.message).toMatch(/^✅ Resolved 已恢复: No DM for/);
	});
});

describe('Service Metrics: Recover Unfinished DMs, reply first', () => {
	it('a DM answered but cut off before CRM Sync goes to CRM Sync alone, once; its rows are written once', async () => {
		const { EmbeddedStateStore } = await import('../../nodes/shared/state/EmbeddedStateStore');
		const { recordIntake } = await import('../../nodes/shared/intake');
		const { EventLog } = await import('../../nodes/shared/serviceMetrics');
		const store = EmbeddedStateStore.open(process.env.XHS_STATE_DB_PATH);
		const at = Date.now() - 5 * 60_000;
		const dm = (id: string) => ({
			event: 'message',
			direction: 'inbound',
			messageId: id,
			customerUserId: `cust_${id}`,
			accountUserId: 'biz_1',
			conversationId: `biz_1:cust_${id}`,
			nickname: '小雨',
			text: '面霜多少钱？电话 13812345678',
			timestampMs: at,
			smartReply: { route: 'matched', rule: '面霜价格', tags: ['面霜', '价格'] },
		});
		const told = (id: string) => [
			{ type: 'classified' as const, at, conversationId: `biz_1:cust_${id}`, messageId: id },
			{
				type: 'reply_sent' as const,
				at: at + 300,
				conversationId: `biz_1:cust_${id}`,
				messageId: id,
			},
		];
		// rec_cut: answered, then the worker died before CRM Sync; rec_done: synced as usual;
		// rec_untold: never answered (the whole flow runs again, on the first output).
		// Written five minutes ago, as the trigger and the nodes would have (the store stamps entries
		// with its clock).
		const clock = jest.spyOn(Date, 'now').mockReturnValue(at + 500);
		for (const id of ['rec_cut', 'rec_done', 'rec_untold'])
			await recordIntake(store, 'wf-recover', dm(id), at);
		await new EventLog(store).record([
			...told('rec_cut'),
			...told('rec_done'),
			{
				type: 'crm_synced',
				at: at + 400,
				conversationId: 'biz_1:cust_rec_done',
				messageId: 'rec_done',
			},
			{ type: 'classified', at, conversationId: 'biz_1:cust_rec_untold', messageId: 'rec_untold' },
		]);
		clock.mockRestore();

		const f = loadFixture('service-metrics-recover-dms');
		const first = await runWorkflow(f, { credentials: {} });
		expect(first.errors).toEqual({});
		const [again, crmOnly] = first.outputs['Service Metrics'] as Array<Array<{ json: Json }>>;
		expect(again.map((o) => o.json.messageId)).toEqual(['rec_untold']);
		expect(crmOnly.map((o) => [o.json.messageId, o.json.recovered.only])).toEqual([
			['rec_cut', 'crmSync'],
		]);
		const [newCustomers, , history, leads] = first.outputs['Write Queued Rows'] as Array<
			Array<{ json: Json }>
		>;
		expect(newCustomers.map((o) => o.json.xhs_user_id)).toEqual(['cust_rec_cut']);
		expect(history.map((o) => o.json.idempotency_key)).toEqual(['rec_cut']);
		expect(leads.map((o) => o.json.value)).toEqual(['13812345678']);
		expect(first.outputs['Confirm Rows Written'][0][0].json.confirmed).toBe(true);

		// The next pass: CRM Sync recorded it, and the recovery hands each DM out once.
		const second = await runWorkflow(f, { credentials: {} });
		expect(second.outputs['Service Metrics']).toEqual([[], []]);
	});
});
