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
	const built = items.map((_, i) => outcomeOf(() => eventFromFields(this, i, nowMs)));
	// Without continue-on-fail a bad item fails the node (routeOutcomes throws its error) before anything is written.
	if (!this.continueOnFail() && built.some((b) => !b.ok))
		return built.map((b) => (b.ok ? { ok: true, value: [] } : b));
	const valid = built.flatMap((b, i) => (b.ok ? [{ i, event: b.value }] : []));
	const firsts = once
		? await claimFirst(
				store,
				valid.map((v) => v.event),
			)
		: valid.map(() => true);
	const fresh = valid.filter((_, k) => firsts[k]).map((v) => v.event);
	const written = await settled(async () => await new EventLog(store).record(fresh));
	if (!written.ok) {
		if (once) await releaseClaims(store, fresh);
		throw toNodeError(this.getNode(), written.error, 0);
	}
	const repeat = new Set(valid.filter((_, k) => !firsts[k]).map((v) => v.i));
	return built.map((b, i) =>
		b.ok
			? {
					ok: true,
					value: [
						routed(repeat.has(i) ? 1 : 0, {
							...items[i].json,
							recordedEvent: b.value as unknown as IDataObject,
						}),
					],
				}
			: b,
	);
}
