import { businessMs, localParts, type ShiftWindow, type WorkCalendar } from '../hours';
import { formatDuration, percentile, ratio, spreadOf, type Spread } from './percentile';
import { latencySamples, type ServiceEvent } from './serviceEvent';
import { buildSessions, DEFAULT_IDLE_MS, type Session } from './sessions';

/**
 * Service-quality figures over a time range, from the event log alone.
 *
 * A report covers the sessions that STARTED in the range, with everything known about them
 * when the report runs: yesterday's 23:50 DM answered at 09:05 today counts in yesterday's
 * report with its real response time. The backlog is the state at report time.
 *
 * Definitions (the tests check them by hand):
 * - auto first response: per customer message answered automatically, message → auto reply;
 * - human first response: per session handed to a human, the first message nobody answered
 *   automatically → the first agent reply, in business time when hours are set;
 * - resolution: a session closed by an agent, or one whose every message was answered
 *   automatically without a hand-off; time to resolution is start → close, business time;
 * - auto-reply coverage: customer messages answered automatically / all customer messages;
 * - backlog: handed-off sessions not closed; "waiting" those with no agent reply yet.
 */
export interface MetricsOptions {
	sinceMs: number;
	untilMs: number;
	nowMs: number;
	timeZone: string;
	/** Business hours for human-facing durations; none counts wall-clock time. */
	windows?: ShiftWindow[];
	/** The days those hours skip (holidays) or add (make-up working days). */
	calendar?: WorkCalendar;
	idleMs?: number;
}

export interface GroupFigures {
	sessions: number;
	autoResolved: number;
	handedOff: number;
	closed: number;
	humanFirstResponse: Spread;
	resolutionTime: Spread;
	csatAverage: number | null;
	csatResponses: number;
}

export interface ServiceMetrics {
	range: { from: string; to: string; timeZone: string; businessHours: boolean };
	messages: {
		inbound: number;
		autoAnswered: number;
		autoReplyCoverage: number | null;
		sendFailures: number;
	};
	sessions: {
		total: number;
		autoResolved: number;
		handedOff: number;
		closed: number;
		resolutionRate: number | null;
		humanResolutionRate: number | null;
	};
	firstResponse: { auto: Spread; human: Spread };
	resolutionTime: Spread;
	backlog: {
		open: number;
		waiting: number;
		longestWaitSeconds: number | null;
		longestWaitingConversation: string | null;
	};
	csat: {
		surveys: number;
		responses: number;
		responseRate: number | null;
		average: number | null;
		distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
	};
	pipeline: { ackP90Ms: number | null; ackMaxMs: number | null; syncDelayP90Ms: number | null };
	/**
	 * The chat model behind the rules (Keyword Reply's Chat Model input): DMs it answered, DMs it
	 * was asked about and handed back (by reason), and the CSAT of sessions it answered in.
	 */
	ai: {
		asked: number;
		answered: number;
		handedBack: number;
		handBackReasons: Record<string, number>;
		sessionsAnswered: number;
		csatResponses: number;
		csatAverage: number | null;
	};
	byAgent: Array<{ agentId: string; agentName: string } & GroupFigures>;
	byTag: Array<{ tag: string; queuedShare: number | null } & GroupFigures>;
	/** Sessions by the channel their first DM came through (xiaohongshu, webchat, wecom_kf …). */
	byChannel: Array<{ channel: string } & GroupFigures>;
	byHour: Array<{
		hour: number;
		inbound: number;
		autoAnswered: number;
		handedOff: number;
		humanFirstResponseP50Seconds: number | null;
	}>;
	summary: string;
}

/** CSAT averages as reports show them: two decimals, none without answers. */
function averageOf(scores: number[]): number | null {
	return scores.length
		? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100
		: null;
}

const UNTAGGED = '未分类 untagged';

function isAutoResolved(s: Session): boolean {
	return (
		s.handoffAt === undefined &&
		s.messages.length > 0 &&
		s.messages.every((m) => m.autoAnsweredAt !== undefined)
	);
}

function figures(sessions: Session[], o: MetricsOptions): GroupFigures {
	const human: number[] = [];
	const resolution: number[] = [];
	const scores: number[] = [];
	for (const s of sessions) {
		if (s.handoffAt !== undefined && s.firstAgentReplyAt !== undefined)
			human.push(businessMs(s.handoffAt, s.firstAgentReplyAt, o.windows, o.timeZone, o.calendar));
		if (s.closedAt !== undefined)
			resolution.push(businessMs(s.startAt, s.closedAt, o.windows, o.timeZone, o.calendar));
		if (s.csat !== undefined) scores.push(s.csat);
	}
	return {
		sessions: sessions.length,
		autoResolved: sessions.filter(isAutoResolved).length,
		handedOff: sessions.filter((s) => s.handoffAt !== undefined).length,
		closed: sessions.filter((s) => s.closedAt !== undefined).length,
		humanFirstResponse: spreadOf(human),
		resolutionTime: spreadOf(resolution),
		csatAverage: averageOf(scores),
		csatResponses: scores.length,
	};
}

function groupBy<K>(sessions: Session[], key: (s: Session) => K | undefined): Map<K, Session[]> {
	const groups = new Map<K, Session[]>();
	for (const s of sessions) {
		const k = key(s);
		if (k === undefined) continue;
		const list = groups.get(k);
		if (list) list.push(s);
		else groups.set(k, [s]);
	}
	return groups;
}

function backlogOf(all: Session[], nowMs: number): ServiceMetrics['backlog'] {
	const open = all.filter(
		(s) => s.handoffAt !== undefined && s.closedAt === undefined && s.startAt <= nowMs,
	);
	const waiting = open.filter((s) => s.firstAgentReplyAt === undefined);
	const longest = waiting.reduce<Session | undefined>(
		(a, s) => (!a || (s.handoffAt as number) < (a.handoffAt as number) ? s : a),
		undefined,
	);
	return {
		open: open.length,
		waiting: waiting.length,
		longestWaitSeconds: longest ? Math.round((nowMs - (longest.handoffAt as number)) / 1000) : null,
		longestWaitingConversation: longest?.conversationId ?? null,
	};
}

function pipelineOf(events: ServiceEvent[], o: MetricsOptions): ServiceMetrics['pipeline'] {
	const { acks, delays } = latencySamples(
		events.filter((e) => e.at >= o.sinceMs && e.at < o.untilMs),
	);
	return {
		ackP90Ms: percentile(acks, 90),
		ackMaxMs: acks.length ? acks[acks.length - 1] : null,
		syncDelayP90Ms: percentile(delays, 90),
	};
}

function byHourOf(sessions: Session[], o: MetricsOptions): ServiceMetrics['byHour'] {
	const hours = Array.from({ length: 24 }, (_, hour) => ({
		hour,
		inbound: 0,
		autoAnswered: 0,
		handedOff: 0,
		samples: [] as number[],
	}));
	for (const s of sessions) {
		for (const m of s.messages) {
			const h = hours[localParts(m.at, o.timeZone).hour];
			h.inbound++;
			if (m.autoAnsweredAt !== undefined) h.autoAnswered++;
		}
		if (s.handoffAt !== undefined) {
			const h = hours[localParts(s.handoffAt, o.timeZone).hour];
			h.handedOff++;
			if (s.firstAgentReplyAt !== undefined)
				h.samples.push(
					businessMs(s.handoffAt, s.firstAgentReplyAt, o.windows, o.timeZone, o.calendar),
				);
		}
	}
	return hours.map(({ samples, ...h }) => ({
		...h,
		humanFirstResponseP50Seconds: spreadOf(samples).p50Seconds,
	}));
}

export function computeMetrics(events: ServiceEvent[], o: MetricsOptions): ServiceMetrics {
	const all = buildSessions(events, o.idleMs ?? DEFAULT_IDLE_MS);
	const sessions = all.filter((s) => s.startAt >= o.sinceMs && s.startAt < o.untilMs);
	const messages = sessions.flatMap((s) => s.messages);
	const autoAnswered = messages.filter((m) => m.autoAnsweredAt !== undefined);
	const total = figures(sessions, o);
	const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
	for (const s of sessions)
		if (s.csat !== undefined) distribution[String(s.csat) as keyof typeof distribution]++;
	const surveys = sessions.filter((s) => s.surveyAt !== undefined).length;

	const byAgent = [...groupBy(sessions, (s) => s.agentId)].map(([agentId, list]) => ({
		agentId,
		agentName: list.find((s) => s.agentName)?.agentName ?? agentId,
		...figures(list, o),
	}));
	byAgent.sort((a, b) => b.sessions - a.sessions || a.agentId.localeCompare(b.agentId));
	const byTag = [...groupBy(sessions, (s) => s.tag ?? UNTAGGED)].map(([tag, list]) => {
		const handed = list.filter((s) => s.handoffAt !== undefined);
		return {
			tag,
			queuedShare: ratio(handed.filter((s) => s.queuedAt !== undefined).length, handed.length),
			...figures(list, o),
		};
	});
	byTag.sort((a, b) => b.sessions - a.sessions || a.tag.localeCompare(b.tag));
	const byChannel = [...groupBy(sessions, (s) => s.channel)].map(([channel, list]) => ({
		channel,
		...figures(list, o),
	}));
	byChannel.sort((a, b) => b.sessions - a.sessions || a.channel.localeCompare(b.channel));

	const metrics: ServiceMetrics = {
		range: {
			from: new Date(o.sinceMs).toISOString(),
			to: new Date(o.untilMs).toISOString(),
			timeZone: o.timeZone,
			businessHours: Boolean(o.windows?.length),
		},
		messages: {
			inbound: messages.length,
			autoAnswered: autoAnswered.length,
			autoReplyCoverage: ratio(autoAnswered.length, messages.length),
			sendFailures: sessions.reduce((n, s) => n + s.sendFailures, 0),
		},
		sessions: {
			total: total.sessions,
			autoResolved: total.autoResolved,
			handedOff: total.handedOff,
			closed: total.closed,
			resolutionRate: ratio(
				total.autoResolved +
					sessions.filter((s) => s.closedAt !== undefined && !isAutoResolved(s)).length,
				total.sessions,
			),
			humanResolutionRate: ratio(
				sessions.filter((s) => s.handoffAt !== undefined && s.closedAt !== undefined).length,
				total.handedOff,
			),
		},
		firstResponse: {
			auto: spreadOf(autoAnswered.map((m) => (m.autoAnsweredAt as number) - m.at)),
			human: total.humanFirstResponse,
		},
		resolutionTime: total.resolutionTime,
		backlog: backlogOf(all, o.nowMs),
		csat: {
			surveys,
			responses: total.csatResponses,
			responseRate: ratio(total.csatResponses, surveys),
			average: total.csatAverage,
			distribution,
		},
		pipeline: pipelineOf(events, o),
		ai: aiOf(sessions),
		byAgent,
		byTag,
		byChannel,
		byHour: byHourOf(sessions, o),
		summary: '',
	};
	metrics.summary = summaryOf(metrics);
	return metrics;
}

function aiOf(sessions: Session[]): ServiceMetrics['ai'] {
	const handBackReasons: Record<string, number> = {};
	let answered = 0;
	for (const s of sessions) {
		answered += s.aiAnswered;
		for (const [why, n] of Object.entries(s.aiHandedBack))
			handBackReasons[why] = (handBackReasons[why] ?? 0) + n;
	}
	const handedBack = Object.values(handBackReasons).reduce((a, b) => a + b, 0);
	const withAi = sessions.filter((s) => s.aiAnswered > 0);
	const scores = withAi.filter((s) => s.csat !== undefined).map((s) => s.csat as number);
	return {
		asked: answered + handedBack,
		answered,
		handedBack,
		handBackReasons,
		sessionsAnswered: withAi.length,
		csatResponses: scores.length,
		csatAverage: averageOf(scores),
	};
}

const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)}%`);

/** One paragraph for a chat message: the figures a lead reads first. */
export function summaryOf(m: ServiceMetrics): string {
	const slowest = [...m.byTag]
		.filter((t) => t.humanFirstResponse.p50Seconds !== null)
		.sort(
			(a, b) =>
				(b.humanFirstResponse.p50Seconds as number) - (a.humanFirstResponse.p50Seconds as number),
		)[0];
	return [
		`私信 DMs ${m.messages.inbound} · 会话 sessions ${m.sessions.total}`,
		`自动回复覆盖 auto-reply coverage ${percent(m.messages.autoReplyCoverage)}`,
		`首次响应 first response: auto p50 ${formatDuration(m.firstResponse.auto.p50Seconds)}, human p50 ${formatDuration(m.firstResponse.human.p50Seconds)} / p90 ${formatDuration(m.firstResponse.human.p90Seconds)}`,
		`解决率 resolution ${percent(m.sessions.resolutionRate)} (human ${percent(m.sessions.humanResolutionRate)}), p50 ${formatDuration(m.resolutionTime.p50Seconds)}`,
		`满意度 CSAT ${m.csat.average ?? '–'} (${m.csat.responses}/${m.csat.surveys} answered)`,
		...(m.ai.asked
			? [
					`AI 模型 chat model: answered ${m.ai.answered} of ${m.ai.asked} asked, handed back ${m.ai.handedBack}${m.ai.csatAverage === null ? '' : `, CSAT ${m.ai.csatAverage} (${m.ai.csatResponses})`}`,
				]
			: []),
		`待处理 backlog ${m.backlog.open} open, ${m.backlog.waiting} waiting, longest ${formatDuration(m.backlog.longestWaitSeconds)}`,
		...(slowest
			? [
					`最慢问题类型 slowest question type: ${slowest.tag} (human p50 ${formatDuration(slowest.humanFirstResponse.p50Seconds)})`,
				]
			: []),
	].join('\n');
}
