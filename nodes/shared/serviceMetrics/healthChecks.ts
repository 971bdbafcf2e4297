import { formatDuration, percentile } from './percentile';
import { localParts } from '../hours';
import { latencySamples, type ServiceEvent } from './serviceEvent';
import { buildSessions } from './sessions';

/**
 * Is the DM pipeline healthy right now? Each check reads the event log (and, for tokens, the
 * token record) and, when something is wrong, says what is wrong and what to do about it.
 */
export type Severity = 'warning' | 'critical';

export interface Alert {
	check:
		| 'no_dms'
		| 'send_failures'
		| 'unsent_auto_replies'
		| 'token_expiry'
		| 'slow_webhook'
		| 'queue_wait'
		| 'sync_delay'
		| 'connection'
		| 'push_quarantine'
		| 'push_refused'
		| 'push_notice';
	severity: Severity;
	title: string;
	detail: string;
	action: string;
	figures: Record<string, number | string | null>;
}

export interface HealthSettings {
	nowMs: number;
	timeZone: string;
	/** Fixed silence limit; 0 learns the expected gap per hour of day from the baseline. */
	maxSilenceMinutes: number;
	/** Days of history the learned expectation uses. */
	baselineDays: number;
	/** Chance of a silence this long in normal traffic below which it is an alert (0.01 = 1%). */
	silenceSensitivity: number;
	/** Window for rates (send failures, webhook latency, sync delay). */
	windowMinutes: number;
	maxFailureRate: number;
	minFailures: number;
	webhookLimitMs: number;
	maxQueueWaitMinutes: number;
	maxSyncDelaySeconds: number;
	tokenExpiryDays: number;
}

export const DEFAULT_HEALTH: Omit<HealthSettings, 'nowMs'> = {
	timeZone: 'Asia/Shanghai',
	maxSilenceMinutes: 0,
	baselineDays: 7,
	silenceSensitivity: 0.01,
	windowMinutes: 60,
	maxFailureRate: 0.1,
	minFailures: 3,
	webhookLimitMs: 5000,
	maxQueueWaitMinutes: 15,
	maxSyncDelaySeconds: 120,
	tokenExpiryDays: 7,
};

export interface TokenStatus {
	refreshExpiresAt?: number;
	accessExpiresAt?: number;
	/** Set when a connection check was asked for: undefined = fine. */
	connectionError?: string;
}

const HOUR = 3_600_000;

/**
 * The silence check watches the Xiaohongshu webhook: DMs of other channels (mapped onto the
 * canonical item with a channel) would hide a dead push URL behind a busy website chat.
 */
export function isXiaohongshuDm(e: ServiceEvent): boolean {
	return e.type === 'message_in' && (!e.channel || e.channel === 'xiaohongshu');
}

/** Expected customer messages per hour of day (local), averaged over the baseline days. */
export function hourlyRates(events: ServiceEvent[], s: HealthSettings): number[] {
	const counts = new Array<number>(24).fill(0);
	const since = s.nowMs - s.baselineDays * 24 * HOUR;
	for (const e of events)
		if (isXiaohongshuDm(e) && e.at >= since && e.at < s.nowMs)
			counts[localParts(e.at, s.timeZone).hour]++;
	return counts.map((c) => c / s.baselineDays);
}

/** Messages normal traffic would have brought in [fromMs, toMs), hour by hour. */
export function expectedArrivals(
	rates: number[],
	fromMs: number,
	toMs: number,
	timeZone: string,
): number {
	let expected = 0;
	for (let t = fromMs; t < toMs;) {
		const next = Math.min(toMs, (Math.floor(t / HOUR) + 1) * HOUR);
		expected += rates[localParts(t, timeZone).hour] * ((next - t) / HOUR);
		t = next;
	}
	return expected;
}

function silenceCheck(events: ServiceEvent[], s: HealthSettings): Alert | undefined {
	const inbound = events.filter(isXiaohongshuDm);
	const last = inbound.length ? inbound[inbound.length - 1].at : undefined;
	const since = last ?? s.nowMs - s.baselineDays * 24 * HOUR;
	const silentMs = s.nowMs - since;
	const action =
		"Check that the workflow with the Xiaohongshu Trigger is active, that the push URL in the Xiaohongshu app console is this n8n's production webhook URL, and that n8n is reachable from the internet (open the URL from outside; look for failed executions).";
	if (s.maxSilenceMinutes > 0) {
		if (silentMs <= s.maxSilenceMinutes * 60_000) return undefined;
		return {
			check: 'no_dms',
			severity: 'critical',
			title: `No DM for ${formatDuration(silentMs / 1000)} 私信中断`,
			detail: `The last customer DM arrived ${last ? new Date(last).toISOString() : 'never (none in the baseline)'}; the limit is ${s.maxSilenceMinutes} min.`,
			action,
			figures: {
				silentMinutes: Math.round(silentMs / 60_000),
				limitMinutes: s.maxSilenceMinutes,
				lastDmAt: last ? new Date(last).toISOString() : null,
			},
		};
	}
	// Poisson traffic: a silence this long happens by chance with probability e^-expected.
	const rates = hourlyRates(events, s);
	const expected = expectedArrivals(rates, since, s.nowMs, s.timeZone);
	const threshold = Math.log(1 / s.silenceSensitivity);
	if (expected < threshold) return undefined;
	return {
		check: 'no_dms',
		severity: 'critical',
		title: `No DM for ${formatDuration(silentMs / 1000)} 私信中断`,
		detail: `About ${expected.toFixed(1)} DMs would normally have arrived in that time (from the last ${s.baselineDays} days at these hours); a silence this long happens by chance less than ${Math.round(s.silenceSensitivity * 100)}% of the time.`,
		action,
		figures: {
			silentMinutes: Math.round(silentMs / 60_000),
			expectedDms: Math.round(expected * 10) / 10,
			lastDmAt: last ? new Date(last).toISOString() : null,
		},
	};
}

function topError(failures: ServiceEvent[]): string {
	const counts = new Map<string, number>();
	for (const f of failures) {
		const key = `${f.code ?? ''} ${f.error ?? ''}`.trim() || 'unknown';
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'unknown';
}

function sendCheck(recent: ServiceEvent[], s: HealthSettings): Alert | undefined {
	const failed = recent.filter((e) => e.type === 'send_failed');
	const sent = recent.filter((e) => e.type === 'reply_sent');
	const attempts = failed.length + sent.length;
	const rate = attempts ? failed.length / attempts : 0;
	if (failed.length < s.minFailures || rate <= s.maxFailureRate) return undefined;
	const autoFailed = failed.filter((e) => e.by === 'auto').length;
	const error = topError(failed);
	return {
		check: 'send_failures',
		severity: rate >= 0.5 ? 'critical' : 'warning',
		title: `${failed.length} of ${attempts} sends failed (${Math.round(rate * 100)}%) 发送失败`,
		detail: `In the last ${s.windowMinutes} min, ${autoFailed} of the failures were auto-replies. Most common error: ${error}.`,
		action: /4000[1-4]|token|auth/i.test(error)
			? 'The access token is refused: open the Xiaohongshu credential, re-authorize (new auth code or refresh token) and save.'
			: /429|42900|rate/i.test(error)
				? 'The platform rate-limits the app: lower "Max Requests per Second" in the credential or spread the sends.'
				: /window|48/i.test(error)
					? 'Replies went to customers whose 48 h reply window is closed; only answer customers who wrote recently.'
					: 'Open the failed executions in n8n to see the error; check the Xiaohongshu platform status and the credential.',
		figures: {
			failed: failed.length,
			attempts,
			failureRate: Math.round(rate * 1000) / 1000,
			autoReplyFailures: autoFailed,
			topError: error,
		},
	};
}

function unsentCheck(recent: ServiceEvent[], s: HealthSettings): Alert | undefined {
	// An auto-reply decided but neither sent nor failed two minutes later: the send step is
	// missing, disabled, or its branch is not connected.
	const settled = new Set(
		recent
			.filter((e) => e.type === 'reply_sent' || e.type === 'send_failed')
			.map((e) => e.messageId),
	);
	const decided = recent.filter(
		(e) =>
			e.type === 'classified' && e.route === 'matched' && !e.suppressed && e.at < s.nowMs - 120_000,
	);
	const unsent = decided.filter((e) => e.messageId && !settled.has(e.messageId));
	if (unsent.length < s.minFailures || unsent.length / decided.length <= s.maxFailureRate)
		return undefined;
	return {
		check: 'unsent_auto_replies',
		severity: 'warning',
		title: `${unsent.length} auto-replies were decided but never sent 自动回复未发出`,
		detail: `Of ${decided.length} DMs the keyword rules answered in the last ${s.windowMinutes} min, ${unsent.length} have no send and no send error.`,
		action:
			'Open the reply workflow: the Keyword Reply node\'s "Matched" output must lead to a Xiaohongshu "Send" node that is not disabled.',
		figures: { decided: decided.length, unsent: unsent.length },
	};
}

function latencyChecks(recent: ServiceEvent[], s: HealthSettings): Alert[] {
	const { acks, delays } = latencySamples(recent);
	const alerts: Alert[] = [];
	const ackMax = acks.length ? acks[acks.length - 1] : 0;
	// Warn before the limit: past it the platform already counts the push as failed.
	if (ackMax > s.webhookLimitMs * 0.6) {
		const over = acks.filter((v) => v > s.webhookLimitMs).length;
		alerts.push({
			check: 'slow_webhook',
			severity: over > 0 ? 'critical' : 'warning',
			title: `Webhook answered in up to ${(ackMax / 1000).toFixed(1)} s (limit ${s.webhookLimitMs / 1000} s) 推送响应慢`,
			detail: `${over} of ${acks.length} pushes in the last ${s.windowMinutes} min took longer than the limit (p90 ${((percentile(acks, 90) ?? 0) / 1000).toFixed(2)} s); the platform redelivers those.`,
			action:
				"n8n or the state store is overloaded: check the host's CPU, Redis latency (redis-cli --latency), and run n8n in queue mode with workers for heavy flows.",
			figures: { ackMaxMs: ackMax, ackP90Ms: percentile(acks, 90), overLimit: over },
		});
	}
	const delayP90 = percentile(delays, 90);
	if (delayP90 !== null && delayP90 > s.maxSyncDelaySeconds * 1000) {
		alerts.push({
			check: 'sync_delay',
			severity: 'warning',
			title: `DMs arrive ${formatDuration(delayP90 / 1000)} late (p90) 消息同步延迟`,
			detail: `Time from the platform's message timestamp to n8n's receipt, last ${s.windowMinutes} min.`,
			action:
				"The platform is retrying pushes: look for failed or slow webhook answers, and check the n8n host's clock (NTP).",
			figures: { syncDelayP90Seconds: Math.round(delayP90 / 1000) },
		});
	}
	return alerts;
}

function queueCheck(events: ServiceEvent[], s: HealthSettings): Alert | undefined {
	const waiting = buildSessions(events).filter(
		(x) => x.queuedAt !== undefined && x.assignedAt === undefined && x.closedAt === undefined,
	);
	if (waiting.length === 0) return undefined;
	const oldest = waiting.reduce((a, b) =>
		(a.queuedAt as number) <= (b.queuedAt as number) ? a : b,
	);
	const waitMs = s.nowMs - (oldest.queuedAt as number);
	if (waitMs <= s.maxQueueWaitMinutes * 60_000) return undefined;
	return {
		check: 'queue_wait',
		severity: waitMs > 2 * s.maxQueueWaitMinutes * 60_000 ? 'critical' : 'warning',
		title: `${waiting.length} conversation(s) queued, longest ${formatDuration(waitMs / 1000)} 排队过久`,
		detail: `The longest wait is conversation ${oldest.conversationId}${oldest.tag ? ` (${oldest.tag})` : ''}${oldest.lane && oldest.lane !== 'normal' ? `, ${oldest.lane} lane` : ''}.`,
		action:
			'Bring more agents online (Set Status), raise capacities in the roster, or widen the fallback ladder so other teams can take it.',
		figures: {
			queued: waiting.length,
			longestWaitMinutes: Math.round(waitMs / 60_000),
			conversationId: oldest.conversationId,
		},
	};
}

function tokenChecks(token: TokenStatus | undefined, s: HealthSettings): Alert[] {
	if (!token) return [];
	const alerts: Alert[] = [];
	if (token.connectionError) {
		alerts.push({
			check: 'connection',
			severity: 'critical',
			title: 'Cannot reach the Xiaohongshu API 连接失败',
			detail: token.connectionError,
			action:
				"Check the credential (app id, secret, refresh token), the network from the n8n host to the API, and the platform's status.",
			figures: {},
		});
	}
	if (token.refreshExpiresAt) {
		const leftMs = token.refreshExpiresAt - s.nowMs;
		if (leftMs < s.tokenExpiryDays * 24 * HOUR) {
			alerts.push({
				check: 'token_expiry',
				severity: leftMs < 24 * HOUR ? 'critical' : 'warning',
				title:
					leftMs <= 0
						? 'The refresh token has expired 授权已过期'
						: `The refresh token expires in ${formatDuration(leftMs / 1000)} 授权即将过期`,
				detail: `Refresh token valid until ${new Date(token.refreshExpiresAt).toISOString()}. After that no new access token can be obtained and every send fails.`,
				action:
					'Re-authorize the app: get a new auth code in the Xiaohongshu console (or a new refresh token) and paste it into the Xiaohongshu credential.',
				figures: {
					refreshExpiresAt: new Date(token.refreshExpiresAt).toISOString(),
					daysLeft: Math.round((leftMs / (24 * HOUR)) * 10) / 10,
				},
			});
		}
	}
	return alerts;
}

/** Every alert that holds now, most severe first. `events` must cover the baseline days. */
export function checkHealth(
	events: ServiceEvent[],
	s: HealthSettings,
	token?: TokenStatus,
	extra: Alert[] = [],
): Alert[] {
	const recent = events.filter(
		(e) => e.at >= s.nowMs - s.windowMinutes * 60_000 && e.at <= s.nowMs,
	);
	const alerts = [
		silenceCheck(events, s),
		sendCheck(recent, s),
		unsentCheck(recent, s),
		...latencyChecks(recent, s),
		queueCheck(events, s),
		...tokenChecks(token, s),
		...extra,
	].filter((a): a is Alert => a !== undefined);
	return alerts.sort((a, b) =>
		a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1,
	);
}
