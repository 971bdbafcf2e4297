import type { Alert } from './healthChecks';

/**
 * Health of the push URL itself (spec §0 point 3): pushes kept in quarantine because they
 * could not be read, pushes refused for a failed signature, and notices about a setting
 * that is off. Each alert names the likely cause and the setting to change.
 */
export interface QuarantinedPush {
	at: number;
	reason: string;
	hint: string;
	setting: string;
	replayed?: boolean;
}

export interface PushLogLine {
	at: number;
	reason: string;
	hint?: string;
	setting?: string;
}

/** The most frequent value, for "the likely cause" when several pushes failed alike. */
function mostCommon<T>(values: T[], key: (v: T) => string): T | undefined {
	const counts = new Map<string, { n: number; value: T }>();
	for (const v of values) {
		const k = key(v);
		const c = counts.get(k) ?? { n: 0, value: v };
		c.n++;
		counts.set(k, c);
	}
	return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.value;
}

export function pushAlerts(input: {
	quarantined: QuarantinedPush[];
	refused: PushLogLine[];
	notices: PushLogLine[];
	sinceMs: number;
}): Alert[] {
	const alerts: Alert[] = [];
	const waiting = input.quarantined.filter((q) => !q.replayed);
	const fresh = waiting.filter((q) => q.at >= input.sinceMs);
	if (fresh.length > 0) {
		const top = mostCommon(fresh, (q) => q.hint)!;
		alerts.push({
			check: 'push_quarantine',
			severity: 'critical',
			title: `${fresh.length} push(es) could not be read and are kept in quarantine 推送无法解析，已隔离`,
			detail: `${top.hint} (${top.reason})`,
			action: `${top.setting}. Then replay them: Xiaohongshu node → Push Quarantine → Replay.`,
			figures: {
				quarantined: fresh.length,
				waitingForReplay: waiting.length,
				lastAt: new Date(Math.max(...fresh.map((q) => q.at))).toISOString(),
			},
		});
	} else if (waiting.length > 0) {
		// Quiet for now, but DMs are still unanswered in quarantine: the alert stays (as a
		// warning) until they are replayed or expire, instead of reading as resolved.
		const top = mostCommon(waiting, (q) => q.hint)!;
		alerts.push({
			check: 'push_quarantine',
			severity: 'warning',
			title: `${waiting.length} quarantined push(es) still wait for replay 仍有隔离推送待重放`,
			detail: `${top.hint} (${top.reason})`,
			action: `${top.setting}. Then replay them: Xiaohongshu node → Push Quarantine → Replay. Unreplayed pushes expire after 7 days.`,
			figures: {
				waitingForReplay: waiting.length,
				oldestAt: new Date(Math.min(...waiting.map((q) => q.at))).toISOString(),
			},
		});
	}
	const refused = input.refused.filter((r) => r.at >= input.sinceMs);
	if (refused.length > 0) {
		const top = mostCommon(refused, (r) => r.reason)!;
		alerts.push({
			check: 'push_refused',
			severity: 'critical',
			title: `${refused.length} push(es) refused: signature check failed 推送签名校验失败`,
			detail: `Reason: ${top.reason}. Either someone is posting forged pushes to the URL, or the platform does not sign the way this trigger expects; refused DMs are redelivered and then given up by the platform.`,
			action:
				"Xiaohongshu Trigger → Signature Check: choose the mode the console actually uses (None if it does not sign), and check the credential's secrets",
			figures: {
				refused: refused.length,
				lastAt: new Date(Math.max(...refused.map((r) => r.at))).toISOString(),
			},
		});
	}
	for (const notice of input.notices.filter((n) => n.at >= input.sinceMs && n.hint)) {
		alerts.push({
			check: 'push_notice',
			severity: 'warning',
			title: 'A push setting looks wrong 推送设置可能有误',
			detail: notice.hint ?? '',
			action: notice.setting ?? '',
			figures: { at: new Date(notice.at).toISOString() },
		});
	}
	return alerts;
}
