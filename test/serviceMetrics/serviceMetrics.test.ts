import { businessMs, parseWorkingHours } from '../../nodes/shared/hours';
import { percentile } from '../../nodes/shared/serviceMetrics/percentile';
import {
	computeMetrics,
	type MetricsOptions,
} from '../../nodes/shared/serviceMetrics/serviceMetrics';
import { FIXED_LOG, L } from './eventLogFixture';

// Every expected figure below was computed by hand from eventLogFixture.ts.
const TZ = 'Asia/Shanghai';
const hours = parseWorkingHours('周一至周五 9:00-18:00');
const base: MetricsOptions = {
	sinceMs: L(23, 0, 0),
	untilMs: L(24, 0, 0),
	nowMs: L(24, 10, 0),
	timeZone: TZ,
	windows: hours,
};

describe('percentile (nearest rank)', () => {
	it('picks observed values', () => {
		expect(percentile([1, 2, 3, 4], 50)).toBe(2);
		expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
		expect(percentile([7], 90)).toBe(7);
		expect(percentile([], 50)).toBeNull();
	});
});

describe('business time', () => {
	it('counts only open hours, across a night and a weekend', () => {
		expect(businessMs(L(23, 20, 0), L(24, 9, 10), hours, TZ)).toBe(10 * 60_000);
		expect(businessMs(L(23, 17, 50), L(23, 18, 30), hours, TZ)).toBe(10 * 60_000);
		// Friday 17:00 → Monday 09:30 (2026-11-27 is a Friday): 60 + 30 minutes.
		expect(businessMs(L(27, 17, 0), L(30, 9, 30), hours, TZ)).toBe(90 * 60_000);
		expect(businessMs(L(23, 20, 0), L(24, 9, 10), undefined, TZ)).toBe((13 * 60 + 10) * 60_000);
	});

	it('handles a night shift past midnight', () => {
		const night = parseWorkingHours('22:00-02:00');
		expect(businessMs(L(23, 21, 0), L(24, 3, 0), night, TZ)).toBe(4 * 3_600_000);
	});
});

describe('service metrics on a fixed event log', () => {
	const m = computeMetrics(FIXED_LOG, base);

	it('counts messages, sessions and resolution', () => {
		expect(m.messages).toEqual({
			inbound: 7,
			autoAnswered: 3,
			autoReplyCoverage: 0.429,
			sendFailures: 1,
		});
		expect(m.sessions).toEqual({
			total: 6,
			autoResolved: 2,
			handedOff: 3,
			closed: 2,
			resolutionRate: 0.667,
			humanResolutionRate: 0.667,
		});
	});

	it('measures first response: auto per message, human in business hours', () => {
		expect(m.firstResponse.auto).toEqual({
			count: 3,
			p50Seconds: 1,
			p90Seconds: 2,
			averageSeconds: 1.3,
		});
		expect(m.firstResponse.human).toEqual({
			count: 2,
			p50Seconds: 240,
			p90Seconds: 600,
			averageSeconds: 420,
		});
		expect(m.resolutionTime).toEqual({
			count: 2,
			p50Seconds: 1500,
			p90Seconds: 2400,
			averageSeconds: 1950,
		});
	});

	it('counts wall-clock time without business hours', () => {
		const wall = computeMetrics(FIXED_LOG, { ...base, windows: undefined });
		expect(wall.firstResponse.human.p90Seconds).toBe(47_400);
		expect(wall.resolutionTime.p90Seconds).toBe(49_200);
	});

	it('reports the backlog at report time', () => {
		expect(m.backlog).toEqual({
			open: 1,
			waiting: 1,
			longestWaitSeconds: 22 * 3600 + 58 * 60,
			longestWaitingConversation: 'acc:D',
		});
	});

	it('reports CSAT', () => {
		expect(m.csat).toEqual({
			surveys: 2,
			responses: 2,
			responseRate: 1,
			average: 3.5,
			distribution: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 },
		});
	});

	it('breaks figures down by agent', () => {
		expect(
			m.byAgent.map((a) => [
				a.agentId,
				a.agentName,
				a.sessions,
				a.handedOff,
				a.closed,
				a.humanFirstResponse.p50Seconds,
				a.csatAverage,
			]),
		).toEqual([
			['a1', '小王', 2, 2, 1, 240, 5],
			['a2', '小李', 1, 1, 1, 600, 2],
		]);
	});

	it('breaks figures down by question type', () => {
		const tag = (name: string) => m.byTag.find((t) => t.tag === name);
		expect(m.byTag[0].tag).toBe('价格');
		expect(tag('价格')).toMatchObject({
			sessions: 3,
			autoResolved: 2,
			handedOff: 1,
			closed: 0,
			queuedShare: 0,
		});
		expect(tag('投诉')).toMatchObject({
			sessions: 1,
			handedOff: 1,
			closed: 1,
			queuedShare: 1,
			csatAverage: 2,
		});
		expect(tag('投诉')?.humanFirstResponse.p50Seconds).toBe(600);
		expect(tag('发货')).toMatchObject({
			sessions: 1,
			autoResolved: 0,
			handedOff: 0,
			queuedShare: null,
		});
		expect(m.byTag.map((t) => t.tag).sort()).toEqual(['价格', '发货', '售后', '投诉'].sort());
	});

	it('breaks figures down by channel (G came through WeCom and was answered by its rule)', () => {
		expect(m.byChannel.map((c) => [c.channel, c.sessions, c.autoResolved, c.handedOff])).toEqual([
			['xiaohongshu', 5, 1, 3],
			['wecom', 1, 1, 0],
		]);
	});

	it('breaks traffic down by local hour', () => {
		const h = (hour: number) => m.byHour[hour];
		expect(h(10)).toEqual({
			hour: 10,
			inbound: 2,
			autoAnswered: 1,
			handedOff: 1,
			humanFirstResponseP50Seconds: 240,
		});
		expect(h(11)).toEqual({
			hour: 11,
			inbound: 2,
			autoAnswered: 1,
			handedOff: 1,
			humanFirstResponseP50Seconds: null,
		});
		expect(h(12)).toMatchObject({ inbound: 1, autoAnswered: 0 });
		expect(h(14)).toMatchObject({ inbound: 1, autoAnswered: 1 });
		expect(h(20)).toEqual({
			hour: 20,
			inbound: 1,
			autoAnswered: 0,
			handedOff: 1,
			humanFirstResponseP50Seconds: 600,
		});
		expect(m.byHour.reduce((n, x) => n + x.inbound, 0)).toBe(7);
	});

	it('reports the webhook and sync latencies of the range', () => {
		expect(m.pipeline).toEqual({ ackP90Ms: 4000, ackMaxMs: 4000, syncDelayP90Ms: 900 });
	});

	it('summarises for a chat message', () => {
		expect(m.summary).toContain('私信 DMs 7');
		expect(m.summary).toContain('human p50 4 min / p90 10 min');
		expect(m.summary).toContain('CSAT 3.5 (2/2 answered)');
	});

	it('a survey answer rates the closed session and opens no new one', () => {
		const events = [
			{ type: 'message_in' as const, at: L(23, 10, 0), conversationId: 'x', messageId: 'q' },
			{ type: 'agent_reply' as const, at: L(23, 10, 1), conversationId: 'x' },
			{ type: 'closed' as const, at: L(23, 10, 2), conversationId: 'x' },
			{ type: 'survey_sent' as const, at: L(23, 10, 2, 5), conversationId: 'x' },
			{ type: 'message_in' as const, at: L(23, 10, 3), conversationId: 'x', messageId: 'answer' },
			{
				type: 'csat' as const,
				at: L(23, 10, 3),
				conversationId: 'x',
				messageId: 'answer',
				score: 4,
			},
		];
		const m = computeMetrics(events, { ...base, windows: undefined });
		expect(m.sessions.total).toBe(1);
		expect(m.messages.inbound).toBe(1);
		expect(m.csat).toMatchObject({ surveys: 1, responses: 1, average: 4 });
	});

	it('splits a conversation into sessions at a close and after silence', () => {
		const events = [
			{ type: 'message_in' as const, at: L(23, 10, 0), conversationId: 'x', messageId: 'a' },
			{
				type: 'classified' as const,
				at: L(23, 10, 0),
				conversationId: 'x',
				messageId: 'a',
				route: 'noMatch',
			},
			{ type: 'agent_reply' as const, at: L(23, 10, 1), conversationId: 'x' },
			{ type: 'closed' as const, at: L(23, 10, 2), conversationId: 'x' },
			{ type: 'message_in' as const, at: L(23, 11, 0), conversationId: 'x', messageId: 'b' },
			{
				type: 'classified' as const,
				at: L(23, 11, 0),
				conversationId: 'x',
				messageId: 'b',
				route: 'matched',
			},
			{
				type: 'reply_sent' as const,
				at: L(23, 11, 0, 3),
				conversationId: 'x',
				messageId: 'b',
				by: 'auto' as const,
			},
			{ type: 'message_in' as const, at: L(24, 12, 0), conversationId: 'x', messageId: 'c' },
		];
		const split = computeMetrics(events, {
			...base,
			untilMs: L(25, 0, 0),
			nowMs: L(25, 0, 0),
			windows: undefined,
		});
		expect(split.sessions).toMatchObject({ total: 3, autoResolved: 1, handedOff: 1, closed: 1 });
	});

	it("CRM Sync's record (for the crash recovery) is no activity: it keeps no session alive", () => {
		const dm = (id: string, day: number, hour: number) => [
			{ type: 'message_in' as const, at: L(day, hour, 0), conversationId: 'x', messageId: id },
			{
				type: 'reply_sent' as const,
				at: L(day, hour, 0, 3),
				conversationId: 'x',
				messageId: id,
				by: 'auto' as const,
			},
		];
		// DM a's CRM write failed and was replayed the next morning; DM b came that evening, 34
		// hours after a: a new session (idle after 24 h), whatever the bookkeeping in between.
		const replayed = {
			type: 'crm_synced' as const,
			at: L(24, 9, 0),
			conversationId: 'x',
			messageId: 'a',
		};
		const options = { ...base, untilMs: L(26, 0, 0), nowMs: L(26, 0, 0), windows: undefined };
		const events = [...dm('a', 23, 10), replayed, ...dm('b', 24, 20)];
		expect(computeMetrics(events, options).sessions).toMatchObject({ total: 2, autoResolved: 2 });
	});
});
