import type { StateStore } from '../state/StateStore';
import { updateMany } from '../state/updateMany';
import type { Alert } from './healthChecks';

/**
 * A health check that runs every few minutes must not repeat the same alert every few minutes,
 * and the team wants to hear when a problem is over. The active alerts are remembered in the
 * state store (one atomic read-decide-write, so two overlapping runs do not both send).
 */
export interface AlertNews {
	/** New, worse than before, or due again after the repeat interval. */
	fire: Array<Alert & { firstSeenAt: string; repeat: boolean }>;
	/** Checks that were alerting and hold no more. */
	resolved: Array<{ check: Alert['check']; title: string; since: string; durationMinutes: number }>;
	/** Still alerting, already told recently. */
	quiet: Alert[];
}

interface Remembered {
	since: number;
	lastSentAt: number;
	severity: Alert['severity'];
	title: string;
}

export async function alertNews(
	store: StateStore,
	scope: string,
	alerts: Alert[],
	nowMs: number,
	repeatMs: number,
): Promise<AlertNews> {
	const key = `health:${scope}:active`;
	let news: AlertNews = { fire: [], resolved: [], quiet: [] };
	await updateMany(store, [key], (snapshot) => {
		const before = JSON.parse(snapshot[key]?.value ?? '{}') as Record<string, Remembered>;
		const after: Record<string, Remembered> = {};
		news = { fire: [], resolved: [], quiet: [] };
		for (const alert of alerts) {
			const seen = before[alert.check];
			const worse =
				seen !== undefined && seen.severity === 'warning' && alert.severity === 'critical';
			const due = !seen || worse || nowMs - seen.lastSentAt >= repeatMs;
			const since = seen?.since ?? nowMs;
			after[alert.check] = {
				since,
				lastSentAt: due ? nowMs : seen.lastSentAt,
				severity: alert.severity,
				title: alert.title,
			};
			if (due)
				news.fire.push({
					...alert,
					firstSeenAt: new Date(since).toISOString(),
					repeat: seen !== undefined,
				});
			else news.quiet.push(alert);
		}
		for (const [check, seen] of Object.entries(before)) {
			if (after[check]) continue;
			news.resolved.push({
				check: check as Alert['check'],
				title: seen.title,
				since: new Date(seen.since).toISOString(),
				durationMinutes: Math.round((nowMs - seen.since) / 60_000),
			});
		}
		if (
			news.fire.length === 0 &&
			news.resolved.length === 0 &&
			Object.keys(before).length === Object.keys(after).length
		)
			return undefined;
		return { [key]: Object.keys(after).length ? JSON.stringify(after) : null };
	});
	return news;
}
