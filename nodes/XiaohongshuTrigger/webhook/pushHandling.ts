import { claimFirstDelivery } from '../../shared/intake';
import type { StateStore } from '../../shared/state';
import {
	applyAccountEvent,
	type CanonicalDmItem,
	credentialSecrets,
	diagnoseUnreadable,
	eventId,
	eventNotice,
	type IncomingPush,
	logPushNotice,
	logRefusedPush,
	openPush,
	PUSH_ACK,
	type PushKind,
	type PushOutcome,
	quarantinePush,
	revisionNotice,
	type SignatureMode,
	suffixOf,
	toCanonicalItem,
	type XhsAppConfig,
} from '../../shared/xiaohongshu';

/**
 * What the trigger does with one push, apart from n8n: check it, read it, answer it, and
 * decide whether it starts an execution. Redeliveries are acknowledged (so the platform
 * stops) but start nothing: the claim in the state store is atomic, so concurrent copies of
 * one message cannot both win. A push that passes the check but cannot be read is
 * acknowledged and quarantined; only a failed signature is refused.
 */
export interface PushSettings {
	mode: SignatureMode;
	events: string[];
	includeOutbound: boolean;
	/** Namespace of the claims: one per trigger node, so two workflows both get each DM. */
	claimScope: string;
	dedupTtlMs: number;
	workflowId: string;
	nodeName: string;
	webhookUrl: string;
	/**
	 * Whether this reading is the one that counts: only then is an unreadable push quarantined
	 * and a refused one counted. False for a first reading with a kept credential (a fresh one
	 * follows) and for a replay (the push is in quarantine already).
	 */
	record: boolean;
	/** The trigger node's version (behaviour that changed between versions). */
	version: number;
	/** Accept events whose fields arrive unencrypted (see ReadOptions); DMs never. */
	acceptUnencrypted: boolean;
}

type Ack = typeof PUSH_ACK;

export type PushDecision =
	| {
			respond: 'rejected';
			status: 401;
			reason: string;
			body: { success: false; code: number; msg: string };
	  }
	| { respond: 'challenge'; body: { challenge: string } }
	| {
			respond: 'unreadable';
			body: Ack;
			reason: string;
			hint: string;
			setting: string;
			quarantineId?: string;
	  }
	/** Unreadable, and today's quarantine budget is spent: the platform is asked to send it again later. */
	| {
			respond: 'full';
			status: 503;
			reason: string;
			body: { success: false; code: number; msg: string };
	  }
	| {
			respond: 'ack';
			body: Ack;
			item?: CanonicalDmItem;
			skipped?: 'duplicate' | 'event' | 'direction' | 'urlCheck';
			/** A message the business wrote in the app (an agent's reply), seen once even when it starts nothing. */
			agentMessage?: CanonicalDmItem;
	  };

export async function decidePush(
	push: IncomingPush,
	config: XhsAppConfig,
	settings: PushSettings,
	store: StateStore,
): Promise<PushDecision> {
	return await decideOpened(
		push,
		openPush(push, config, settings.mode, { acceptUnencrypted: settings.acceptUnencrypted }),
		config,
		settings,
		store,
	);
}

export async function decideOpened(
	push: IncomingPush,
	outcome: PushOutcome,
	config: XhsAppConfig,
	settings: PushSettings,
	store: StateStore,
): Promise<PushDecision> {
	const log = {
		at: push.nowMs,
		appId: config.appId,
		workflowId: settings.workflowId,
		node: settings.nodeName,
	};
	if (outcome.kind === 'rejected') {
		if (settings.record)
			void logRefusedPush(store, { ...log, reason: outcome.reason }).catch(() => undefined);
		return {
			respond: 'rejected',
			status: 401,
			reason: outcome.reason,
			body: { success: false, code: 40100, msg: outcome.reason },
		};
	}
	if (outcome.kind === 'challenge')
		return { respond: 'challenge', body: { challenge: outcome.challenge } };
	if (outcome.kind === 'urlCheck') return { respond: 'ack', body: PUSH_ACK, skipped: 'urlCheck' };
	if (outcome.kind === 'unreadable')
		return await keepUnreadable(push, outcome, config, settings, store);

	const { event } = outcome;
	const revision = revisionNotice(outcome.shape, config);
	if (revision)
		void logPushNotice(store, 'revision', { ...log, reason: 'revision', ...revision }).catch(
			() => undefined,
		);
	const accountChange = await applyAccountEvent(store, config, event, push.nowMs);
	if (!settings.events.includes(event.event)) {
		const notice = eventNotice(
			event.event as PushKind,
			push.pathKind ? suffixOf(push.pathKind) : undefined,
		);
		void logPushNotice(store, `event:${event.event}`, {
			...log,
			reason: 'event not selected',
			...notice,
		}).catch(() => undefined);
		return { respond: 'ack', body: PUSH_ACK, skipped: 'event' };
	}
	const item = toCanonicalItem(event, push.nowMs, { eventText: settings.version >= 2 });
	if (accountChange) {
		item.account = accountChange.account;
		if (accountChange.binding) item.binding = accountChange.binding;
	}
	// Loop guard: the business's own messages (and API echoes) never start a reply flow
	// unless the user explicitly asks for all directions.
	const skipDirection =
		event.event === 'message' && item.direction !== 'inbound' && !settings.includeOutbound;
	// API echoes are our own sends, already counted where they were sent: no claim needed.
	if (skipDirection && item.direction !== 'outbound')
		return { respond: 'ack', body: PUSH_ACK, skipped: 'direction' };
	const claimed = await claimFirstDelivery(
		store,
		settings.claimScope,
		eventId(event),
		push.nowMs,
		settings.dedupTtlMs,
	);
	if (!claimed) return { respond: 'ack', body: PUSH_ACK, skipped: 'duplicate' };
	const agentMessage =
		event.event === 'message' && item.direction === 'outbound' ? item : undefined;
	if (skipDirection) return { respond: 'ack', body: PUSH_ACK, skipped: 'direction', agentMessage };
	return { respond: 'ack', body: PUSH_ACK, item, agentMessage };
}

async function keepUnreadable(
	push: IncomingPush,
	outcome: Extract<PushOutcome, { kind: 'unreadable' }>,
	config: XhsAppConfig,
	settings: PushSettings,
	store: StateStore,
): Promise<PushDecision> {
	const rawBody =
		typeof push.rawBody === 'string'
			? push.rawBody
			: (push.rawBody ?? Buffer.alloc(0)).toString('utf8');
	const diagnosis = diagnoseUnreadable(
		outcome.cause,
		rawBody,
		config,
		push.pathKind,
		outcome.shape,
	);
	const decision = {
		respond: 'unreadable' as const,
		body: PUSH_ACK,
		reason: outcome.reason,
		...diagnosis,
	};
	if (!settings.record) return decision;
	const entry = await quarantinePush(store, {
		rawBody,
		appId: config.appId,
		secrets: credentialSecrets(config),
		workflowId: settings.workflowId,
		node: settings.nodeName,
		webhookUrl: settings.webhookUrl,
		pathSuffix: push.pathKind ? suffixOf(push.pathKind) : '',
		reason: outcome.reason,
		cause: outcome.cause,
		shape: outcome.shape,
		diagnosis,
		nowMs: push.nowMs,
	});
	if (!entry) {
		void logPushNotice(store, 'quarantine-full', {
			at: push.nowMs,
			appId: config.appId,
			workflowId: settings.workflowId,
			node: settings.nodeName,
			reason: 'quarantine full',
			hint: "Today's quarantine space is used up; unreadable pushes are answered 503 so the platform sends them again later.",
			setting: diagnosis.setting,
		}).catch(() => undefined);
		return {
			respond: 'full',
			status: 503,
			reason: outcome.reason,
			body: { success: false, code: 50300, msg: 'busy, please retry later' },
		};
	}
	return { ...decision, quarantineId: entry.id };
}
