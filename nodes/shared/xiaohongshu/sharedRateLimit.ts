import type { StateStore } from '../state/StateStore';
import type { SleepFn } from './http';

/**
 * The app's request rate across every n8n process (queue mode: main and workers), kept in
 * the state store: each slot of time has a bounded counter, and a call goes out only when
 * its slot still has room (one atomic increment in SQLite or Redis). The per-process token
 * bucket (rateLimiter.ts) only smooths calls inside one process; this is what keeps N
 * workers together under the platform's limit, where N buckets would send N times the rate.
 *
 * A second is cut into up to 10 slots with a bounded count each. A sliding second overlaps
 * one slot more than fits in it, and a request leaves a moment after its slot admitted it,
 * so the slots are sized with a slot to spare: s slots of p calls with p × (s + 2) ≤ the
 * rate, as many calls a second as that allows (50/s: 8 slots of 5, 40 a second sustained,
 * never more than 50 in any second). Whole-second windows would allow twice the rate across
 * a boundary. The configured rate is a ceiling, not a target.
 */
export interface SlotPlan {
	slotMs: number;
	perSlot: number;
}

export function slotPlan(perSecond: number): SlotPlan {
	const rate = Math.max(1, Math.floor(perSecond));
	let best = { slots: 1, perSlot: 1 };
	for (let slots = 1; slots <= 10; slots++) {
		const perSlot = Math.floor(rate / (slots + 2));
		if (perSlot >= 1 && slots * perSlot > best.slots * best.perSlot) best = { slots, perSlot };
	}
	// Rates of 1–3 cannot be split this way: one call a slot of a second.
	return { slotMs: 1000 / best.slots, perSlot: best.perSlot };
}

export interface SharedRateLimitOptions {
	store: StateStore;
	appId: string;
	perSecond: number;
	now?: () => number;
	sleep: SleepFn;
}

/** Waits until the app may send one more request, then counts it. */
export async function acquireShared(options: SharedRateLimitOptions): Promise<void> {
	const { store, appId, perSecond, sleep } = options;
	const now = options.now ?? Date.now;
	const { slotMs, perSlot } = slotPlan(perSecond);
	for (;;) {
		const at = now();
		const slot = Math.floor(at / slotMs);
		const counted = await store.increment(`ratelimit:${appId}:${slot}`, 1, {
			max: perSlot,
			ttlMs: Math.ceil(slotMs) * 2 + 1000,
		});
		if (counted.applied) return;
		// Full: try the next slot (a few ms of jitter so waiting processes do not all wake at once).
		await sleep(Math.max(1, Math.ceil((slot + 1) * slotMs - at)) + Math.floor(Math.random() * 5));
	}
}
