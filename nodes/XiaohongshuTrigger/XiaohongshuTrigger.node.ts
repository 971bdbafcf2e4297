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
import { PUSH_ACK, type SignatureMode } from '../shared/xiaohongshu/pushReceiver';
import { recordQuietly } from '../shared/metrics/eventLog';
import { agentMessageEvent, inboundEvent } from '../shared/metrics/recorders';
import type { ServiceEvent } from '../shared/metrics/serviceEvent';
import type { StateStore } from '../shared/state/StateStore';
import { decidePush, type PushDecision } from './pushHandling';

const EVENT_OPTIONS = [
	{ name: 'Message (DM)', value: 'message', description: 'A direct message' },
	{ name: 'Lead Form Submitted', value: 'lead', description: 'A customer submitted a lead form' },
	{ name: 'Account Bound', value: 'account_bound' },
	{ name: 'Account Unbound', value: 'account_unbound' },
	{ name: 'KOS Authorization', value: 'kos_auth' },
	{ name: 'Comment Intent', value: 'comment_intent' },
];

export class XiaohongshuTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu Trigger',
		name: 'xiaohongshuTrigger',
		icon: { light: 'file:xiaohongshu.svg', dark: 'file:xiaohongshu.dark.svg' },
		group: ['trigger'],
		version: 1,
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
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// When an execution starts, n8n answers with this, not with webhookResponse; the
				// platform redelivers anything but exactly {"success": true, "code": 0}. n8n
				// evaluates it as a complex value, so an object is sent as JSON. A plain object,
				// not an "={{ }}" expression: an expression here makes n8n 2.x acquire an
				// expression isolate for every push (40–90 ms measured).
				responseData: PUSH_ACK as unknown as string,
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Paste this node\'s Production URL into the Xiaohongshu app console as the push URL. With the Sandbox environment it is registered for you when the workflow is activated.',
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
			{
				displayName: 'Signature Check',
				name: 'signatureMode',
				type: 'options',
				options: [
					{ name: 'HMAC-SHA256 (Recommended)', value: 'hmac' },
					{ name: 'None (Insecure)', value: 'none', description: 'Anyone who knows the URL can start the workflow' },
				],
				default: 'hmac',
			},
			{
				displayName:
					'Without a signature check, anyone who learns this URL can send fake DMs into your workflow. Use only behind a gateway that checks requests.',
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
		const push = {
			rawBody: request.rawBody ?? JSON.stringify(this.getBodyData()),
			headers: this.getHeaderData() as Record<string, string>,
			nowMs: Date.now(),
		};
		const settings = {
			mode: this.getNodeParameter('signatureMode', 'hmac') as SignatureMode,
			events: this.getNodeParameter('events', ['message']) as string[],
			includeOutbound: this.getNodeParameter('directions', 'inbound') === 'all',
			claimScope: `${this.getWorkflow().id ?? 'workflow'}:${this.getNode().id ?? this.getNode().name}`,
			dedupTtlMs: Number(options.dedupHours ?? 72) * 3_600_000,
		};
		const store = await stateStoreFor(this);
		const kept = await webhookAppConfig(this);
		let decision = await decidePush(push, kept.config, settings, store);
		if (decision.respond === 'rejected' && kept.fromCache) {
			// The credential may have changed since it was kept: verify once more against it.
			decision = await decidePush(push, (await webhookAppConfig(this, { fresh: true })).config, settings, store);
		}
		if (decision.respond === 'rejected') {
			this.getResponseObject().status(decision.status).json(decision.body);
			return { noWebhookResponse: true };
		}
		if (decision.respond === 'ack') recordPush(store, decision, push.nowMs, (m) => this.logger.warn(m));
		if (decision.respond === 'challenge' || !decision.item) {
			return { webhookResponse: decision.body };
		}
		// Written before the execution is queued: a worker that dies mid-run loses the item,
		// this log keeps it for "Recover Unfinished DMs".
		if (decision.item.event === 'message' && decision.item.direction === 'inbound') {
			const item = decision.item;
			await recordIntake(store, this.getWorkflow().id ?? 'workflow', item as unknown as Record<string, unknown>, push.nowMs).catch((error: Error) =>
				this.logger.warn(`Xiaohongshu Trigger: could not keep DM ${item.messageId} for crash recovery: ${error.message}`),
			);
		}
		return {
			webhookResponse: decision.body,
			workflowData: [[{ json: decision.item as unknown as IDataObject }]],
		};
	}
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
