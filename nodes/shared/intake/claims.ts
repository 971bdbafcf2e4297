import type { StateStore } from '../state/StateStore';

/**
 * The claims that make intake exactly once: each is one atomic write in the state store, so of
 * concurrent copies (a redelivery, two workers, two recovery passes) exactly one wins.
 */

/** The first delivery of a pushed event to one trigger node: redeliveries within `ttlMs` lose. */
export async function claimFirstDelivery(
	store: StateStore,
	scope: string,
	eventId: string,
	nowMs: number,
	ttlMs: number,
): Promise<boolean> {
	return await store.claim(`seen:${scope}:${eventId}`, String(nowMs), ttlMs);
}

/** One recovery of an unfinished DM per workflow: a run cut off again is for a person to look at, not to loop on. */
export async function claimRecovery(
	store: StateStore,
	workflowId: string,
	messageId: string,
	nowMs: number,
	ttlMs: number,
): Promise<boolean> {
	return await store.claim(`seen:recover:${workflowId}:${messageId}`, String(nowMs), ttlMs);
}
