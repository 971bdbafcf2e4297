import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { listOf } from '../../shared/matching/rules/ruleRows';
import { EventLog } from '../../shared/metrics/eventLog';
import { textForLog, validateEvent, type ServiceEvent, type ServiceEventType } from '../../shared/metrics/serviceEvent';
import { outcomeOf } from '../../shared/outcome';
import type { StateStore } from '../../shared/state/StateStore';
import { FieldError } from '../../shared/n8n/fieldError';

const FIELD_LABELS: Record<string, string> = { type: 'Event', conversationId: 'Conversation ID', at: 'Time', score: 'Score (1–5)' };

/** One event from the node's fields, checked before anything is written. */
export function eventFromFields(context: IExecuteFunctions, i: number, nowMs: number): ServiceEvent {
	const f = context.getNodeParameter('eventFields', i, {}) as IDataObject;
	const type = context.getNodeParameter('eventType', i) as ServiceEventType;
	const time = f.time ? Date.parse(String(f.time)) : nowMs;
	const candidate: Partial<ServiceEvent> = {
		type,
		at: time,
		conversationId: String(context.getNodeParameter('conversationId', i, '') ?? '').trim(),
		customerUserId: String(context.getNodeParameter('customerUserId', i, '') ?? '').trim() || undefined,
		messageId: (f.messageId as string) || undefined,
		channel: (f.channel as string) || undefined,
		text: type === 'message_in' ? textForLog(f.text) : undefined,
		agentId: (f.agentId as string) || undefined,
		agentName: (f.agentName as string) || undefined,
		by: type === 'reply_sent' || type === 'send_failed' ? ((f.by as ServiceEvent['by']) ?? 'auto') : undefined,
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

export async function recordEvents(store: StateStore, events: ServiceEvent[]): Promise<void> {
	await new EventLog(store).record(events);
}

const SEEN_TTL_MS = 7 * 86_400_000;

/**
 * Claims each event's message id (per channel and event type) in the state store: true for the
 * first time, false for a repeat. Atomic across executions and processes, unlike n8n's own
 * duplicate removal, which rewrites one list of seen ids without a lock. An event without a
 * message id cannot be told apart from a new one and is always first.
 */
export async function claimFirst(store: StateStore, events: ServiceEvent[]): Promise<boolean[]> {
	const firsts: boolean[] = [];
	for (const e of events) firsts.push(e.messageId ? await store.claim(seenKey(e), '1', SEEN_TTL_MS) : true);
	return firsts;
}

/** Gives back claims whose events could not be written, so a retry is not taken for a repeat. */
export async function releaseClaims(store: StateStore, events: ServiceEvent[]): Promise<void> {
	for (const e of events) if (e.messageId) await store.delete(seenKey(e));
}

function seenKey(e: ServiceEvent): string {
	return `seen:record:${e.channel ?? 'xiaohongshu'}:${e.type}:${e.messageId}`;
}

export function recordedItem(item: IDataObject, event: ServiceEvent, i: number): INodeExecutionData {
	return { json: { ...item, recordedEvent: event as unknown as IDataObject }, pairedItem: { item: i } };
}
