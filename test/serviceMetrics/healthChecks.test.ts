import { MemoryStateStore } from '../../nodes/shared/state';
import { alertNews } from '../../nodes/shared/serviceMetrics/alertMemory';
import {
	checkHealth,
	DEFAULT_HEALTH,
	type HealthSettings,
} from '../../nodes/shared/serviceMetrics/healthChecks';
import type { ServiceEvent } from '../../nodes/shared/serviceMetrics/serviceEvent';
import { L } from './eventLogFixture';

const settings = (nowMs: number, extra: Partial<HealthSettings> = {}): HealthSettings => ({
	...DEFAULT_HEALTH,
	nowMs,
	...extra,
});
const dm = (at: number, extra: Partial<ServiceEvent> = {}): ServiceEvent => ({
	type: 'message_in',
	at,
	conversationId: `c${at}`,
	...extra,
});
const checks = (events: ServiceEvent[], s: HealthSettings) =>
	checkHealth(events, s).map((a) => a.check);

/** Six DMs an hour (minutes 0, 10, … 50) from 09:00 to 21:59, local, on 2026-11-17 … 11-23, and on 11-24 up to 14:10. */
function weekOfTraffic(): ServiceEvent[] {
	const events: ServiceEvent[] = [];
	for (let day = 17; day <= 24; day++) {
		for (let hour = 9; hour <= 21; hour++) {
			for (let minute = 0; minute < 60; minute += 10) {
				const at = L(day, hour, minute);
				if (at <= L(24, 14, 10)) events.push(dm(at));
			}
		}
	}
	return events;
}

describe('health: DMs stop arriving', () => {
	it('uses a fixed limit when one is set', () => {
		const events = [dm(L(24, 14, 40))];
		expect(checks(events, settings(L(24, 14, 54), { maxSilenceMinutes: 15 }))).toEqual([]);
		const [alert] = checkHealth(events, settings(L(24, 15, 0), { maxSilenceMinutes: 15 }));
		expect(alert).toMatchObject({
			check: 'no_dms',
			severity: 'critical',
			figures: { silentMinutes: 20, limitMinutes: 15 },
		});
		expect(alert.action).toMatch(/push URL/);
	});

	it('watches the Xiaohongshu webhook: a busy website chat does not hide its silence', () => {
		const events = [
			dm(L(24, 14, 40)),
			dm(L(24, 14, 58), { channel: 'webchat' }),
			dm(L(24, 14, 59), { channel: 'xiaohongshu' }),
		];
		expect(checks(events, settings(L(24, 15, 0), { maxSilenceMinutes: 15 }))).toEqual([]);
		const [alert] = checkHealth(
			events.slice(0, 2),
			settings(L(24, 15, 0), { maxSilenceMinutes: 15 }),
		);
		expect(alert).toMatchObject({ check: 'no_dms', figures: { silentMinutes: 20 } });
	});

	it('learns the expected gap per hour from the baseline (hand-computed)', () => {
		const events = weekOfTraffic();
		// Hour 14 saw 6 DMs on six days and 2 today: 38/7 per hour. 14:10 → 15:00 expects
		// 38/7 × 50/60 = 4.52 DMs, below ln(100) = 4.61: no alert yet.
		expect(checks(events, settings(L(24, 15, 0)))).toEqual([]);
		// Five more minutes at 6/hour add 0.5: 5.02 expected, a silence that rare is an alert.
		const [alert] = checkHealth(events, settings(L(24, 15, 5)));
		expect(alert).toMatchObject({
			check: 'no_dms',
			figures: { silentMinutes: 55, expectedDms: 5 },
		});
	});

	it('does not alert in the quiet hours of the night', () => {
		const events = weekOfTraffic().filter((e) => e.at < L(23, 22, 0));
		expect(checks(events, settings(L(24, 8, 30)))).toEqual([]);
	});
});

describe('health: sends, webhook, queue, token', () => {
	const now = L(24, 15, 0);
	const sent = (n: number, type: ServiceEvent['type'], extra: Partial<ServiceEvent> = {}) =>
		Array.from({ length: n }, (_, i) => ({
			type,
			at: now - (i + 1) * 60_000,
			conversationId: `s${i}`,
			by: 'auto' as const,
			...extra,
		}));

	it('alerts when failed sends pass the rate, with the likely fix', () => {
		const events = [
			...sent(10, 'reply_sent'),
			...sent(3, 'send_failed', { code: 40001, error: 'access token invalid' }),
		];
		const [alert] = checkHealth(events, settings(now, { maxSilenceMinutes: 0 }));
		expect(alert).toMatchObject({
			check: 'send_failures',
			severity: 'warning',
			figures: { failed: 3, attempts: 13, failureRate: 0.231 },
		});
		expect(alert.action).toMatch(/re-authorize/);
		expect(checks([...sent(10, 'reply_sent'), ...sent(2, 'send_failed')], settings(now))).toEqual(
			[],
		);
	});

	it('alerts on auto-replies decided but never sent', () => {
		const decided = Array.from({ length: 4 }, (_, i) => ({
			type: 'classified' as const,
			at: now - (i + 3) * 60_000,
			conversationId: `d${i}`,
			messageId: `m${i}`,
			route: 'matched',
		}));
		expect(checks(decided, settings(now))).toEqual(['unsent_auto_replies']);
		const answered = decided.map((d) => ({
			type: 'reply_sent' as const,
			at: d.at + 1000,
			conversationId: d.conversationId,
			messageId: d.messageId,
			by: 'auto' as const,
		}));
		expect(checks([...decided, ...answered], settings(now))).toEqual([]);
	});

	it('warns on a slow webhook from 60% of the limit, critical past it', () => {
		expect(checkHealth([dm(now - 60_000, { ackMs: 3500 })], settings(now))[0]).toMatchObject({
			check: 'slow_webhook',
			severity: 'warning',
		});
		expect(checkHealth([dm(now - 60_000, { ackMs: 5200 })], settings(now))[0]).toMatchObject({
			check: 'slow_webhook',
			severity: 'critical',
			figures: { overLimit: 1 },
		});
		expect(checks([dm(now - 60_000, { ackMs: 2900 })], settings(now))).toEqual([]);
	});

	it('alerts when DMs arrive late', () => {
		expect(checks([dm(now - 60_000, { delayMs: 300_000 })], settings(now))).toEqual(['sync_delay']);
	});

	it('alerts when the queue waits too long', () => {
		const queued = (minutesAgo: number): ServiceEvent[] => [
			{ type: 'message_in', at: now - minutesAgo * 60_000, conversationId: 'q' },
			{ type: 'queued', at: now - minutesAgo * 60_000, conversationId: 'q', lane: 'complaint' },
		];
		expect(checks(queued(10), settings(now))).toEqual([]);
		expect(checkHealth(queued(20), settings(now))[0]).toMatchObject({
			check: 'queue_wait',
			severity: 'warning',
			figures: { queued: 1, longestWaitMinutes: 20 },
		});
		expect(checkHealth(queued(40), settings(now))[0]).toMatchObject({ severity: 'critical' });
		const served = [
			...queued(40),
			{ type: 'assigned' as const, at: now - 5 * 60_000, conversationId: 'q', agentId: 'a1' },
		];
		expect(checks(served, settings(now))).toEqual([]);
	});

	it('warns before the refresh token expires', () => {
		const day = 86_400_000;
		expect(checkHealth([], settings(now), { refreshExpiresAt: now + 3 * day })[0]).toMatchObject({
			check: 'token_expiry',
			severity: 'warning',
			figures: { daysLeft: 3 },
		});
		expect(checkHealth([], settings(now), { refreshExpiresAt: now + day / 2 })[0]).toMatchObject({
			severity: 'critical',
		});
		expect(checkHealth([], settings(now), { refreshExpiresAt: now + 30 * day })).toEqual([]);
		expect(
			checkHealth([], settings(now), { connectionError: '40003 refresh token invalid' })[0],
		).toMatchObject({ check: 'connection', severity: 'critical' });
	});
});

describe('alert memory', () => {
	it('tells a problem once, again after the repeat interval or when worse, and when it is over', async () => {
		const store = new MemoryStateStore();
		const alert = checkHealth(
			[dm(L(24, 14, 0))],
			settings(L(24, 15, 0), { maxSilenceMinutes: 15 }),
		)[0];
		const warning = { ...alert, severity: 'warning' as const };
		const t0 = L(24, 15, 0);
		expect((await alertNews(store, 'w', [warning], t0, 3_600_000)).fire).toHaveLength(1);
		expect(await alertNews(store, 'w', [warning], t0 + 5 * 60_000, 3_600_000)).toMatchObject({
			fire: [],
			quiet: [warning],
		});
		const worse = await alertNews(store, 'w', [alert], t0 + 10 * 60_000, 3_600_000);
		expect(worse.fire).toEqual([
			expect.objectContaining({
				severity: 'critical',
				repeat: true,
				firstSeenAt: new Date(t0).toISOString(),
			}),
		]);
		expect((await alertNews(store, 'w', [alert], t0 + 20 * 60_000, 3_600_000)).fire).toEqual([]);
		expect((await alertNews(store, 'w', [alert], t0 + 71 * 60_000, 3_600_000)).fire).toHaveLength(
			1,
		);
		const over = await alertNews(store, 'w', [], t0 + 80 * 60_000, 3_600_000);
		expect(over.resolved).toEqual([
			expect.objectContaining({ check: 'no_dms', durationMinutes: 80 }),
		]);
		expect(await alertNews(store, 'w', [], t0 + 85 * 60_000, 3_600_000)).toEqual({
			fire: [],
			resolved: [],
			quiet: [],
		});
	});
});
