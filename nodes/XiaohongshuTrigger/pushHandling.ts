import type { StateStore } from '../shared/state/StateStore';
import type { XhsAppConfig } from '../shared/xiaohongshu/appConfig';
import { eventId, toCanonicalItem, type CanonicalDmItem } from '../shared/xiaohongshu/pushEvent';
import { PUSH_ACK, openPush, type IncomingPush, type SignatureMode } from '../shared/xiaohongshu/pushReceiver';

/**
 * What the trigger does with one push, apart from n8n: check it, answer it, and decide
 * whether it starts an execution. Redeliveries are acknowledged (so the platform stops) but
 * start nothing: the claim in the state store is atomic, so concurrent copies of one message
 * cannot both win.
 */
export interface PushSettings {
	mode: SignatureMode;
	events: string[];
	includeOutbound: boolean;
	/** Namespace of the claims: one per trigger node, so two workflows both get each DM. */
	claimScope: string;
	dedupTtlMs: number;
}

export type PushDecision =
	| { respond: 'rejected'; status: 400 | 401; body: { success: false; code: number; msg: string } }
	| { respond: 'challenge'; body: { challenge: string } }
	| {
		respond: 'ack';
		body: typeof PUSH_ACK;
		item?: CanonicalDmItem;
		skipped?: 'duplicate' | 'event' | 'direction';
		/** A message the business wrote in the app (an agent's reply), seen once even when it starts nothing. */
		agentMessage?: CanonicalDmItem;
	};

export async function decidePush(
	push: IncomingPush,
	config: XhsAppConfig,
	settings: PushSettings,
	store: StateStore,
): Promise<PushDecision> {
	const outcome = openPush(push, config, settings.mode);
	if (outcome.kind === 'rejected') {
		return {
			respond: 'rejected',
			status: outcome.status,
			body: { success: false, code: outcome.status === 401 ? 40100 : 40000, msg: outcome.reason },
		};
	}
	if (outcome.kind === 'challenge') return { respond: 'challenge', body: { challenge: outcome.challenge } };
	const { event } = outcome;
	if (!settings.events.includes(event.event)) return { respond: 'ack', body: PUSH_ACK, skipped: 'event' };
	const item = toCanonicalItem(event, push.nowMs);
	// Loop guard: the business's own messages (and API echoes) never start a reply flow
	// unless the user explicitly asks for all directions.
	const skipDirection = event.event === 'message' && item.direction !== 'inbound' && !settings.includeOutbound;
	// API echoes are our own sends, already counted where they were sent: no claim needed.
	if (skipDirection && item.direction !== 'outbound') return { respond: 'ack', body: PUSH_ACK, skipped: 'direction' };
	const claimed = await store.claim(`seen:${settings.claimScope}:${eventId(event)}`, String(push.nowMs), settings.dedupTtlMs);
	if (!claimed) return { respond: 'ack', body: PUSH_ACK, skipped: 'duplicate' };
	const agentMessage = event.event === 'message' && item.direction === 'outbound' ? item : undefined;
	if (skipDirection) return { respond: 'ack', body: PUSH_ACK, skipped: 'direction', agentMessage };
	return { respond: 'ack', body: PUSH_ACK, item, agentMessage };
}
