import { createHash } from 'node:crypto';
import type { StateStore } from '../state/StateStore';

/**
 * Limits for a public intake (the website chat): how many messages one customer and one network
 * address may send a minute, and how long a message may be. Xiaohongshu itself limits who can
 * DM an account; a public web endpoint has no such gate, so without these one script could fill
 * the desk's queue, the event log and the agents' chats.
 *
 * Counting is shared across n8n processes (one atomic increment in the state store) and
 * approximates a sliding minute: this minute's count plus last minute's, weighted by how much
 * of last minute the sliding window still covers. Fixed minutes alone would let a sender put
 * twice the limit through across a minute's edge.
 */
export interface IntakeLimits {
	/** Messages a customer may send per minute; 0: no limit. */
	perCustomerPerMinute: number;
	/** Messages one network address may send per minute; 0: no limit. */
	perAddressPerMinute: number;
	/** The longest message, in characters (code points); 0: no limit. */
	maxTextLength: number;
}

export interface IntakeRequest {
	customerUserId?: string;
	/** The sender's network address as the proxy in front of n8n saw it; empty: not counted. */
	address?: string;
	text?: string;
}

export type LimitReason = 'text' | 'customer' | 'address';

export type IntakeVerdict =
	| { admitted: true }
	| {
			admitted: false;
			reason: LimitReason;
			/** The limit that was reached (messages a minute, or characters). */
			limit: number;
			/** When a sender may try again; 0 for a text that is too long (shorten it instead). */
			retryAfterSeconds: number;
	  };

const MINUTE_MS = 60_000;

/** The store key of one sender's count in one minute (the sender's id hashed: any length, any characters). */
function counterKey(kind: 'customer' | 'address', id: string, minute: number): string {
	const digest = createHash('sha256').update(id).digest('base64url').slice(0, 22);
	return `intake-limit:${kind}:${digest}:${minute}`;
}

/** Counts one message for a sender, unless the sliding minute is full. */
async function countWithin(
	store: StateStore,
	kind: 'customer' | 'address',
	id: string,
	limit: number,
	nowMs: number,
): Promise<boolean> {
	const minute = Math.floor(nowMs / MINUTE_MS);
	const previous = Number((await store.get(counterKey(kind, id, minute - 1)))?.value ?? 0);
	const stillCovered = 1 - (nowMs - minute * MINUTE_MS) / MINUTE_MS;
	const room = limit - Math.floor(previous * stillCovered);
	if (room <= 0) return false;
	const counted = await store.increment(counterKey(kind, id, minute), 1, {
		max: room,
		ttlMs: 2 * MINUTE_MS + 5_000,
	});
	return counted.applied;
}

/** Until the current minute ends: by then at most the weighted share of this minute still counts. */
function secondsToNextMinute(nowMs: number): number {
	return Math.max(1, Math.ceil((MINUTE_MS - (nowMs % MINUTE_MS)) / 1000));
}

/**
 * Whether one message may come in, counting it when it may. The length is checked first (it
 * counts nothing), then the address, then the customer: a sender that rotates customer ids
 * still meets the address limit.
 */
export async function admitMessage(
	store: StateStore,
	request: IntakeRequest,
	limits: IntakeLimits,
	nowMs: number,
): Promise<IntakeVerdict> {
	const length = [...(request.text ?? '')].length;
	if (limits.maxTextLength > 0 && length > limits.maxTextLength)
		return { admitted: false, reason: 'text', limit: limits.maxTextLength, retryAfterSeconds: 0 };
	const checks: Array<['address' | 'customer', string | undefined, number]> = [
		['address', request.address?.trim(), limits.perAddressPerMinute],
		['customer', request.customerUserId?.trim(), limits.perCustomerPerMinute],
	];
	for (const [kind, id, limit] of checks) {
		if (!id || !(limit > 0)) continue;
		if (!(await countWithin(store, kind, id, limit, nowMs)))
			return {
				admitted: false,
				reason: kind,
				limit,
				retryAfterSeconds: secondsToNextMinute(nowMs),
			};
	}
	return { admitted: true };
}
