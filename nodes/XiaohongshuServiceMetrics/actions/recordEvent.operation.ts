import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { listOf } from '../../shared/listOf';
import {
	claimFirst,
	EventLog,
	releaseClaims,
	type ServiceEvent,
	type ServiceEventType,
	textForLog,
	validateEvent,
} from '../../shared/serviceMetrics';
import { FieldError, routed, type Routed, toNodeError } from '../../shared/n8n';
import { outcomeOf, settled, type Outcome } from '../../shared/outcome';
import type { StateStore } from '../../shared/state';
import { admitMessage, type IntakeLimits, type IntakeVerdict } from '../../shared/intake';
import { conversationIdField } from '../helpers/fields';

const properties: INodeProperties[] = [
	conversationIdField,
	{
		displayName: 'Event',
		name: 'eventType',
		type: 'options',
		options: [
			{ name: 'Agent Reply', value: 'agent_reply' },
			{ name: 'Assigned to an Agent', value: 'assigned' },
			{ name: 'Classified (Keyword Reply Result)', value: 'classified' },
			{ name: 'Closed', value: 'closed' },
			{ name: 'CSAT Score', value: 'csat' },
			{ name: 'Customer Message', value: 'message_in' },
			{ name: 'Queued', value: 'queued' },
			{ name: 'Reply Sent', value: 'reply_sent' },
			{ name: 'Send Failed', value: 'send_failed' },
			{ name: 'Survey Sent', value: 'survey_sent' },
			{ name: 'Transferred', value: 'transferred' },
		],
		default: 'message_in',
		description:
			'What happened; the Xiaohongshu nodes record these by themselves, so use this for other channels',
	},
	{
		displayName: 'Customer User ID',
		name: 'customerUserId',
		type: 'string',
		default: '={{ $json.customerUserId }}',
	},
	{
		displayName: 'Event Fields',
		name: 'eventFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{ displayName: 'Agent ID', name: 'agentId', type: 'string', default: '' },
			{ displayName: 'Agent Name', name: 'agentName', type: 'string', default: '' },
			{
				displayName: 'By',
				name: 'by',
				type: 'options',
				options: [
					{ name: 'Agent', value: 'agent' },
					{ name: 'Auto-Reply', value: 'auto' },
					{ name: 'Notice', value: 'system' },
					{ name: 'Survey', value: 'survey' },
				],
				default: 'auto',
				description: 'Who a sent message speaks for (Reply Sent, Send Failed)',
			},
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'string',
				default: '',
				placeholder: 'wecom',
				description: 'Where the DM came from (default xiaohongshu)',
			},
			{ displayName: 'Message ID', name: 'messageId', type: 'string', default: '' },
			{
				displayName: 'Route',
				name: 'route',
				type: 'options',
				options: [
					{ name: 'Matched (Answered Automatically)', value: 'matched' },
					{ name: 'No Match (to a Human)', value: 'noMatch' },
					{ name: 'Urgent (Fast Lane)', value: 'urgent' },
				],
				default: 'matched',
				description: 'For Classified',
			},
			{
				displayName: 'Score (1–5)',
				name: 'score',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 5 },
				default: 5,
				description: 'For CSAT Score',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				description: 'Question types, comma-separated (for Classified)',
			},
			{
				displayName: 'Text',
				name: 'text',
				type: 'string',
				default: '',
				description: "The customer's message (contacts are masked before it is stored)",
			},
			{
				displayName: 'Time',
				name: 'time',
				type: 'dateTime',
				default: '',
				description: 'When it happened; empty: now',
			},
		],
	},
	{
		displayName: 'Once per Message ID',
		name: 'oncePerMessage',
		type: 'boolean',
		default: false,
		description:
			'Whether an event whose message ID was recorded before goes to "Already Recorded" instead, atomically (for channels that retry their webhooks: the DM is then handled once)',
	},
	{
		displayName: 'Intake Limits',
		name: 'intakeLimits',
		type: 'collection',
		placeholder: 'Add Limit',
		default: {},
		description:
			'For a public channel such as a website chat: messages over a limit are not recorded and go to "Over Limit" (counted in the state store, across executions and n8n processes)',
		displayOptions: { show: { eventType: ['message_in'] } },
		options: [
			{
				displayName: 'Client Address',
				name: 'clientAddress',
				type: 'string',
				default: '',
				placeholder: "={{ $json.headers['x-real-ip'] }}",
				description:
					"The sender's network address, as the reverse proxy in front of n8n reports it (a header it sets); counted by Messages per Address. Empty: not counted.",
			},
			{
				displayName: 'Longest Message (Characters)',
				name: 'maxTextLength',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 2000,
				description: 'Longer texts go to "Over Limit"; 0: no limit',
			},
			{
				displayName: 'Messages per Address per Minute',
				name: 'perAddressPerMinute',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
				description:
					'From one Client Address, whatever customer ID it sends (a script that makes up visitor IDs still meets it); 0: no limit',
			},
			{
				displayName: 'Messages per Customer per Minute',
				name: 'perCustomerPerMinute',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description: 'From one Customer User ID; 0: no limit',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['recordEvent'] } },
	properties,
);

const FIELD_LABELS: Record<string, string> = {
	type: 'Event',
	conversationId: 'Conversation ID',
	at: 'Time',
	score: 'Score (1–5)',
};

/** One event from the node's fields, checked before anything is written. */
function eventFromFields(context: IExecuteFunctions, i: number, nowMs: number): ServiceEvent {
	const f = context.getNodeParameter('eventFields', i, {}) as IDataObject;
	const type = context.getNodeParameter('eventType', i) as ServiceEventType;
	const time = f.time ? Date.parse(String(f.time)) : nowMs;
	const candidate: Partial<ServiceEvent> = {
		type,
		at: time,
		conversationId: String(context.getNodeParameter('conversationId', i, '') ?? '').trim(),
		customerUserId:
			String(context.getNodeParameter('customerUserId', i, '') ?? '').trim() || undefined,
		messageId: (f.messageId as string) || undefined,
		channel: (f.channel as string) || undefined,
		text: type === 'message_in' ? textForLog(f.text) : undefined,
		agentId: (f.agentId as string) || undefined,
		agentName: (f.agentName as string) || undefined,
		by:
			type === 'reply_sent' || type === 'send_failed'
				? ((f.by as ServiceEvent['by']) ?? 'auto')
				: undefined,
		route: type === 'classified' ? ((f.route as string) ?? 'matched') : undefined,
		tags: type === 'classified' ? listOf(f.tags) : undefined,
		score: type === 'csat' ? Number(f.score ?? 5) : undefined,
	};
	const outcome = outcomeOf(() => validateEvent(candidate));
	if (!outcome.ok) {
		const field = (outcome.error as { field?: string }).field ?? 'type';
		throw new FieldError(outcome.error.message, FIELD_LABELS[field] ?? field);
	}
	return outcome.value;
}

/** The item's limits, or undefined when the node sets none (then there is no "Over Limit" output). */
function limitsFor(
	context: IExecuteFunctions,
	i: number,
): { limits: IntakeLimits; address: string; text: string } | undefined {
	const f = context.getNodeParameter('intakeLimits', i, {}) as IDataObject;
	if (Object.keys(f).length === 0) return undefined;
	// The whole text: the event log keeps a shortened copy (textForLog), the length limit is for what came in.
	const fields = context.getNodeParameter('eventFields', i, {}) as IDataObject;
	const count = (name: string, label: string) => {
		const value = f[name] === undefined ? 0 : Number(f[name]);
		if (!Number.isFinite(value) || value < 0)
			throw new FieldError(`must be a number of 0 or more, not "${String(f[name])}"`, label);
		return Math.floor(value);
	};
	return {
		limits: {
			perCustomerPerMinute: count('perCustomerPerMinute', 'Messages per Customer per Minute'),
			perAddressPerMinute: count('perAddressPerMinute', 'Messages per Address per Minute'),
			maxTextLength: count('maxTextLength', 'Longest Message (Characters)'),
		},
		address: String(f.clientAddress ?? '').trim(),
		text: typeof fields.text === 'string' ? fields.text : String(fields.text ?? ''),
	};
}

/**
 * All items at once, as one batch: every item's event is checked before any is written, so a
 * run that fails on item 3 has recorded nothing, and running it again does not count items
 * 0–2 twice. Returns each item's outcome for the router's routeOutcomes: output 1 "Recorded",
 * output 2 "Already Recorded" (with Once per Message ID).
 */
export async function execute(
	this: IExecuteFunctions,
	store: StateStore,
	once: boolean,
): Promise<Array<Outcome<Routed[]>>> {
	const items = this.getInputData();
	const nowMs = Date.now();
	const built = items.map((_, i) =>
		outcomeOf(() => {
			const event = eventFromFields(this, i, nowMs);
			// Limits are for customers' messages; other events are the pipeline's own.
			return { event, limits: event.type === 'message_in' ? limitsFor(this, i) : undefined };
		}),
	);
	// Without continue-on-fail a bad item fails the node (routeOutcomes throws its error) before anything is written.
	if (!this.continueOnFail() && built.some((b) => !b.ok))
		return built.map((b) => (b.ok ? { ok: true, value: [] } : b));
	const valid = built.flatMap((b, i) => (b.ok ? [{ i, ...b.value }] : []));
	const firsts = once
		? await claimFirst(
				store,
				valid.map((v) => v.event),
			)
		: valid.map(() => true);
	// A repeat is not counted against a limit; a message over one is not recorded, and its claim
	// goes back, so the same message sent again once the minute has passed comes in.
	const refused = new Map<number, IntakeVerdict>();
	for (const [k, v] of valid.entries()) {
		if (!firsts[k] || !v.limits) continue;
		const verdict = await admitMessage(
			store,
			{ customerUserId: v.event.customerUserId, address: v.limits.address, text: v.limits.text },
			v.limits.limits,
			nowMs,
		);
		if (!verdict.admitted) refused.set(v.i, verdict);
	}
	if (once)
		await releaseClaims(
			store,
			valid.filter((v) => refused.has(v.i)).map((v) => v.event),
		);
	const fresh = valid.filter((v, k) => firsts[k] && !refused.has(v.i)).map((v) => v.event);
	const written = await settled(async () => await new EventLog(store).record(fresh));
	if (!written.ok) {
		if (once) await releaseClaims(store, fresh);
		throw toNodeError(this.getNode(), written.error, 0);
	}
	const repeat = new Set(valid.filter((_, k) => !firsts[k]).map((v) => v.i));
	const overLimitOutput = once ? 2 : 1;
	return built.map((b, i) => {
		if (!b.ok) return b;
		const verdict = refused.get(i);
		const output = verdict ? overLimitOutput : repeat.has(i) ? 1 : 0;
		const json: IDataObject = { ...items[i].json };
		if (verdict) json.overLimit = verdict as unknown as IDataObject;
		else json.recordedEvent = b.value.event as unknown as IDataObject;
		return { ok: true, value: [routed(output, json)] };
	});
}
