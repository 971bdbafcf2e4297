import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { appConfigFor } from '../shared/n8n/clientFor';
import { webhookAppConfig } from '../shared/n8n/webhookAppConfig';
import { n8nHttp } from '../shared/n8n/httpAdapter';
import { recordIntake } from '../shared/intake/intakeLog';
import { stateStoreFor, stateStoreProperty } from '../shared/n8n/stateStoreParameter';
import { stateStoreNodeMethods } from '../shared/n8n/stateStoreTest';
import { readSandboxWebhook, registerSandboxWebhook, removeSandboxWebhook } from '../shared/xiaohongshu/sandboxWebhook';
import type { IncomingPush, SignatureMode } from '../shared/xiaohongshu/pushReceiver';
import { REPLAY_HEADER, REPLAY_SIGNATURE_HEADER } from '../shared/xiaohongshu/replaySignature';
import { recordQuietly } from '../shared/metrics/eventLog';
import { agentMessageEvent, inboundEvent } from '../shared/metrics/recorders';
import type { ServiceEvent } from '../shared/metrics/serviceEvent';
import type { StateStore } from '../shared/state/StateStore';
import { decidePush, type PushDecision, type PushSettings } from './pushHandling';
import { replayQuarantined } from './replayHandling';
import { kindOfWebhook, TRIGGER_WEBHOOKS } from './webhookPaths';

const EVENT_OPTIONS = [
	{ name: 'Message (DM)', value: 'message', description: 'A direct message' },
	{ name: 'Lead Form Submitted (留资)', value: 'lead', description: 'A customer left contact details' },
	{ name: 'Account Bound', value: 'account_bound', description: 'An account was bound to this app (answers a binding link)' },
	{ name: 'Account Unbound', value: 'account_unbound' },
	{ name: 'KOS Authorization', value: 'kos_auth', description: 'A KOS or sub-account authorisation changed' },
	{ name: 'Comment Intent', value: 'comment_intent', description: 'A comment with purchase intent' },
];

const SIGNATURE_OPTIONS = [
	{
		name: 'None (Revision 2 Default)',
		value: 'none',
		description: 'Authenticity rests on the secret URL and on content that must decrypt with your key',
	},
	{
		name: 'Body HMAC (X-Xhs-Signature)',
		value: 'bodyHmac',
		description: 'HMAC-SHA256 of the raw body, keyed with the encryption key (or the webhook secret)',
	},
	{
		name: 'Timestamp + Body HMAC (Revision 1)',
		value: 'hmac',
		description: 'X-Xhs-Timestamp and X-Xhs-Signature over timestamp + "." + body, keyed with the webhook secret or app secret',
	},
];

/** Version 2 reads revision 2 by default: no signature unless the console is known to sign. */
const signatureProperty = (version: number[], def: string) => ({
	displayName: 'Signature Check',
	name: 'signatureMode',
	type: 'options' as const,
	options: SIGNATURE_OPTIONS,
	default: def,
	description: 'Whether Xiaohongshu signs its pushes is unconfirmed. A push that fails the chosen check is refused (HTTP 401) and counted for Health Check.',
	displayOptions: { show: { '@version': version } },
});

export class XiaohongshuTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu Trigger',
		name: 'xiaohongshuTrigger',
		icon: { light: 'file:xiaohongshu.svg', dark: 'file:xiaohongshu.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{"on " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a Xiaohongshu (小红书) DM or another pushed event arrives',
		defaults: { name: 'Xiaohongshu Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'xiaohongshuDmApi', required: true },
			{
				name: 'xiaohongshuStateStoreApi',
				required: true,
				displayOptions: { show: { stateStore: ['redis'] } },
				testedBy: 'stateStoreConnectionTest',
			},
		],
		webhooks: TRIGGER_WEBHOOKS,
		properties: [
			{
				displayName:
					'Paste this node\'s Production URL into the Xiaohongshu app console as the push URL (the same URL followed by /open/im/send, /open/im/third/data and the other suffixes works too). With the Sandbox environment it is registered for you. Pushes that cannot be read are kept in quarantine, see the README.',
				name: 'registrationNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: ['message'],
				required: true,
			},
			{
				displayName: 'Directions',
				name: 'directions',
				type: 'options',
				options: [
					{
						name: 'Customer Messages Only',
						value: 'inbound',
						description: 'Safe for auto-replies: your own and the API\'s messages never start the workflow',
					},
					{
						name: 'All Directions',
						value: 'all',
						description: 'Also messages sent by your team in the app and echoes of API sends (for logging, never for auto-replies)',
					},
				],
				default: 'inbound',
			},
			signatureProperty([1], 'hmac'),
			signatureProperty([2], 'none'),
			{
				displayName:
					'Without a signature, anyone who learns this URL could post to it; only pushes whose content decrypts with your encryption key start the workflow, so keep the URL and the key secret.',
				name: 'noSignatureWarning',
				type: 'notice',
				default: '',
				displayOptions: { show: { signatureMode: ['none'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Remember Message IDs For (Hours)',
						name: 'dedupHours',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 72,
						description: 'A redelivered message within this time starts no second execution',
					},
					{
						displayName: 'Accept Unencrypted Events',
						name: 'acceptUnencrypted',
						type: 'boolean',
						default: true,
						description:
							'Whether bind, lead, comment and KOS events whose fields arrive unencrypted (under "data") are read. Turn off to keep them in quarantine unless a signature check vouches for them. DMs are never read unencrypted.',
					},
				],
			},
			stateStoreProperty,
		],
	};

	methods = stateStoreNodeMethods;

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const config = await appConfigFor(this);
				if (config.environment !== 'sandbox') return false;
				const registered = await readSandboxWebhook(n8nHttp(this), config.baseUrl);
				return registered === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const config = await appConfigFor(this);
				if (config.environment === 'sandbox') {
					await registerSandboxWebhook(n8nHttp(this), config.baseUrl, this.getNodeWebhookUrl('default') as string);
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const config = await appConfigFor(this);
				if (config.environment === 'sandbox') {
					await removeSandboxWebhook(n8nHttp(this), config.baseUrl, this.getNodeWebhookUrl('default') as string);
				}
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & { rawBody?: Buffer };
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
			mode: this.getNodeParameter('signatureMode', this.getNode().typeVersion >= 2 ? 'none' : 'hmac') as SignatureMode,
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
			const answer = await replayQuarantined(replayId, headers[REPLAY_SIGNATURE_HEADER], config, settings, store, push.nowMs);
			// A replay is answered with what it did, also when it starts an execution (n8n would
			// otherwise answer the node's fixed acknowledgement, which says nothing of the replay).
			this.getResponseObject().status(answer.status).json(answer.body);
			if (answer.status !== 200 || !answer.decision) return { noWebhookResponse: true };
			const replayed = await respond(this, store, answer.decision, push.nowMs);
			return { noWebhookResponse: true, workflowData: replayed.workflowData };
		}
		const kept = await webhookAppConfig(this);
		// With a kept credential, a push is only quarantined or counted as refused after the fresh read below.
		let decision = await decidePush(push, kept.config, { ...settings, record: !kept.fromCache }, store);
		if ((decision.respond === 'rejected' || decision.respond === 'unreadable') && kept.fromCache) {
			// The credential may have changed since it was kept (a new key or secret): read the
			// push once more against it before refusing or quarantining it.
			decision = await decidePush(push, (await webhookAppConfig(this, { fresh: true })).config, settings, store);
		}
		return respond(this, store, decision, push.nowMs);
	}
}

/** Answers the push as the platform needs, and hands the item (if any) to the workflow. */
async function respond(context: IWebhookFunctions, store: StateStore, decision: PushDecision, receivedAtMs: number): Promise<IWebhookResponseData> {
	if (decision.respond === 'full') {
		context.logger.warn(`Xiaohongshu Trigger: quarantine full for today, asked for a resend of an unreadable push (${decision.reason})`);
		context.getResponseObject().status(decision.status).json(decision.body);
		return { noWebhookResponse: true };
	}
	if (decision.respond === 'rejected') {
		context.logger.warn(`Xiaohongshu Trigger: refused a push (${decision.reason})`);
		context.getResponseObject().status(decision.status).json(decision.body);
		return { noWebhookResponse: true };
	}
	if (decision.respond === 'unreadable') {
		context.logger.warn(`Xiaohongshu Trigger: kept an unreadable push in quarantine (${decision.reason}). ${decision.hint}`);
		return { webhookResponse: decision.body };
	}
	if (decision.respond === 'challenge') return { webhookResponse: decision.body };
	recordPush(store, decision, receivedAtMs, (m) => context.logger.warn(m));
	if (!decision.item) return { webhookResponse: decision.body };
	// Written before the execution is queued: a worker that dies mid-run loses the item,
	// this log keeps it for "Recover Unfinished DMs".
	const item = decision.item;
	if (item.event === 'message' && item.direction === 'inbound') {
		await recordIntake(store, context.getWorkflow().id ?? 'workflow', item as unknown as Record<string, unknown>, receivedAtMs).catch((error: Error) =>
			context.logger.warn(`Xiaohongshu Trigger: could not keep DM ${item.messageId} for crash recovery: ${error.message}`),
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
function recordPush(store: StateStore, decision: Extract<PushDecision, { respond: 'ack' }>, receivedAtMs: number, warn: (message: string) => void): void {
	const events: Array<ServiceEvent | undefined> = [];
	if (decision.item && decision.item.event === 'message' && decision.item.direction === 'inbound') {
		events.push(inboundEvent(decision.item, receivedAtMs, Date.now() - receivedAtMs));
	}
	if (decision.agentMessage) events.push(agentMessageEvent(decision.agentMessage, receivedAtMs));
	void recordQuietly(store, events.filter((e): e is ServiceEvent => e !== undefined), warn);
}
