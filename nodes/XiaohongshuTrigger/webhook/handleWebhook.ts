import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { recordIntake } from '../../shared/intake';
import {
	agentMessageEvent,
	inboundEvent,
	recordQuietly,
	type ServiceEvent,
} from '../../shared/serviceMetrics';
import { stateStoreFor, webhookAppConfig } from '../../shared/n8n';
import type { StateStore } from '../../shared/state';
import {
	type IncomingPush,
	REPLAY_HEADER,
	REPLAY_SIGNATURE_HEADER,
	type SignatureMode,
} from '../../shared/xiaohongshu';
import { decidePush, type PushDecision, type PushSettings } from './pushHandling';
import { replayQuarantined } from './replayHandling';
import { kindOfWebhook } from './webhookPaths';

/** The trigger's webhook(): one push (or a replay of a quarantined one), read and answered. */
export async function handleWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & {
		rawBody?: Buffer;
	};
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const headers = this.getHeaderData() as Record<string, string>;
	const push: IncomingPush = {
		rawBody: request.rawBody ?? JSON.stringify(this.getBodyData()),
		headers,
		nowMs: Date.now(),
		pathKind: kindOfWebhook(this.getWebhookName()),
	};
	const workflowId = this.getWorkflow().id ?? 'workflow';
	const settings: PushSettings = {
		// Version 1 checked revision 1's signature when the parameter was never saved.
		mode: this.getNodeParameter(
			'signatureMode',
			this.getNode().typeVersion >= 2 ? 'none' : 'hmac',
		) as SignatureMode,
		events: this.getNodeParameter('events', ['message']) as string[],
		includeOutbound: this.getNodeParameter('directions', 'inbound') === 'all',
		claimScope: `${workflowId}:${this.getNode().id ?? this.getNode().name}`,
		dedupTtlMs: Number(options.dedupHours ?? 72) * 3_600_000,
		workflowId,
		nodeName: this.getNode().name,
		webhookUrl: String(this.getNodeWebhookUrl('default') ?? ''),
		record: true,
		acceptUnencrypted: options.acceptUnencrypted !== false,
		version: this.getNode().typeVersion,
	};
	const store = await stateStoreFor(this);
	const replayId = headers[REPLAY_HEADER];
	if (typeof replayId === 'string' && replayId) {
		const config = (await webhookAppConfig(this, { fresh: true })).config;
		const answer = await replayQuarantined(
			replayId,
			headers[REPLAY_SIGNATURE_HEADER],
			config,
			settings,
			store,
			push.nowMs,
		);
		// A replay is answered with what it did, also when it starts an execution (n8n would
		// otherwise answer the node's fixed acknowledgement, which says nothing of the replay).
		this.getResponseObject().status(answer.status).json(answer.body);
		if (answer.status !== 200 || !answer.decision) return { noWebhookResponse: true };
		const replayed = await respond(this, store, answer.decision, push.nowMs);
		return { noWebhookResponse: true, workflowData: replayed.workflowData };
	}
	const kept = await webhookAppConfig(this);
	// With a kept credential, a push is only quarantined or counted as refused after the fresh read below.
	let decision = await decidePush(
		push,
		kept.config,
		{ ...settings, record: !kept.fromCache },
		store,
	);
	if ((decision.respond === 'rejected' || decision.respond === 'unreadable') && kept.fromCache) {
		// The credential may have changed since it was kept (a new key or secret): read the
		// push once more against it before refusing or quarantining it.
		decision = await decidePush(
			push,
			(await webhookAppConfig(this, { fresh: true })).config,
			settings,
			store,
		);
	}
	return respond(this, store, decision, push.nowMs);
}

/** Answers the push as the platform needs, and hands the item (if any) to the workflow. */
async function respond(
	context: IWebhookFunctions,
	store: StateStore,
	decision: PushDecision,
	receivedAtMs: number,
): Promise<IWebhookResponseData> {
	if (decision.respond === 'full') {
		context.logger.warn(
			`Xiaohongshu Trigger: quarantine full for today, asked for a resend of an unreadable push (${decision.reason})`,
		);
		context.getResponseObject().status(decision.status).json(decision.body);
		return { noWebhookResponse: true };
	}
	if (decision.respond === 'rejected') {
		context.logger.warn(`Xiaohongshu Trigger: refused a push (${decision.reason})`);
		context.getResponseObject().status(decision.status).json(decision.body);
		return { noWebhookResponse: true };
	}
	if (decision.respond === 'unreadable') {
		context.logger.warn(
			`Xiaohongshu Trigger: kept an unreadable push in quarantine (${decision.reason}). ${decision.hint}`,
		);
		return { webhookResponse: decision.body };
	}
	if (decision.respond === 'challenge') return { webhookResponse: decision.body };
	recordPush(store, decision, receivedAtMs, (m) => context.logger.warn(m));
	if (!decision.item) return { webhookResponse: decision.body };
	// Written before the execution is queued: a worker that dies mid-run loses the item,
	// this log keeps it for "Recover Unfinished DMs".
	const item = decision.item;
	if (item.event === 'message' && item.direction === 'inbound') {
		await recordIntake(
			store,
			context.getWorkflow().id ?? 'workflow',
			item as unknown as Record<string, unknown>,
			receivedAtMs,
		).catch((error: Error) =>
			context.logger.warn(
				`Xiaohongshu Trigger: could not keep DM ${item.messageId} for crash recovery: ${error.message}`,
			),
		);
	}
	return {
		webhookResponse: decision.body,
		workflowData: [[{ json: item as unknown as IDataObject }]],
	};
}

/**
 * Service metrics: a customer's DM and an agent's reply in the app. Not awaited: the push is
 * answered first (the platform's 5 s limit), and a failed record is logged, never thrown.
 */
function recordPush(
	store: StateStore,
	decision: Extract<PushDecision, { respond: 'ack' }>,
	receivedAtMs: number,
	warn: (message: string) => void,
): void {
	const events: Array<ServiceEvent | undefined> = [];
	if (decision.item && decision.item.event === 'message' && decision.item.direction === 'inbound') {
		events.push(inboundEvent(decision.item, receivedAtMs, Date.now() - receivedAtMs));
	}
	if (decision.agentMessage) events.push(agentMessageEvent(decision.agentMessage, receivedAtMs));
	void recordQuietly(
		store,
		events.filter((e): e is ServiceEvent => e !== undefined),
		warn,
	);
}
