import type { StateStore } from '../state/StateStore';
import type { ServiceEvent } from './serviceEvent';

/**
 * "Once per Message ID" of Record Event: which events were recorded before, decided in the
 * state store. Atomic across executions and processes, unlike n8n's own duplicate removal,
 * which rewrites one list of seen ids without a lock.
 */
const SEEN_TTL_MS = 7 * 86_400_000;

/**
 * Claims each event's message id (per channel and event type) in the state store: true for the
 * first time, false for a repeat. An event without a message id cannot be told apart from a
 * new one and is always first.
 */
export async function claimFirst(store: StateStore, events: ServiceEvent[]): Promise<boolean[]> {
	const firsts: boolean[] = [];
	for (const e of events)
		firsts.push(e.messageId ? await store.claim(seenKey(e), '1', SEEN_TTL_MS) : true);
	return firsts;
}

/** Gives back claims whose events could not be written, so a retry is not taken for a repeat. */
export async function releaseClaims(store: StateStore, events: ServiceEvent[]): Promise<void> {
	for (const e of events) if (e.messageId) await store.delete(seenKey(e));
}

function seenKey(e: ServiceEvent): string {
	return `seen:record:${e.channel ?? 'xiaohongshu'}:${e.type}:${e.messageId}`;
}
