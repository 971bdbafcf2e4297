import { createHash } from 'node:crypto';

/**
 * A decrypted push event (spec §4, §7) and the canonical item the trigger emits for it.
 * Field names of the platform are inferred, so they are read here and nowhere else.
 */
export interface XhsEvent {
	event: string;
	message_id?: string;
	message_type?: string;
	message_source?: number;
	from_user_id?: string;
	to_user_id?: string;
	third_account_id?: string;
	timestamp?: number;
	content?: Record<string, unknown>;
	user_info?: { nickname?: string; avatar?: string };
	challenge?: string;
	[key: string]: unknown;
}

export type Direction = 'inbound' | 'outbound' | 'outbound_api';

export interface CanonicalDmItem {
	[key: string]: unknown;
	event: string;
	messageId: string;
	conversationId: string;
	accountUserId: string;
	customerUserId: string;
	thirdAccountId: string;
	direction: Direction;
	msgType: string;
	text: string;
	content: Record<string, unknown>;
	nickname: string;
	avatar: string;
	timestamp: string;
	timestampMs: number;
	raw: XhsEvent;
}

const DIRECTIONS: Record<number, Direction> = { 1: 'inbound', 2: 'outbound', 3: 'outbound_api' };

export function isXhsEvent(value: unknown): value is XhsEvent {
	return typeof value === 'object' && value !== null && typeof (value as XhsEvent).event === 'string';
}

/** Stable id for dedup: the message id, or a digest of the event for events that have none. */
export function eventId(event: XhsEvent): string {
	if (typeof event.message_id === 'string' && event.message_id) return event.message_id;
	const digest = createHash('sha256').update(JSON.stringify(sortKeys(event))).digest('hex');
	return `evt_${digest.slice(0, 32)}`;
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value as object)
				.sort()
				.map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
		);
	}
	return value;
}

export function toCanonicalItem(event: XhsEvent, receivedAtMs: number): CanonicalDmItem {
	const source = Number(event.message_source ?? 1);
	const direction = DIRECTIONS[source] ?? 'inbound';
	// For source 1 the customer writes to the business; for 2 and 3 the business writes.
	const from = String(event.from_user_id ?? '');
	const to = String(event.to_user_id ?? '');
	const accountUserId = direction === 'inbound' ? to : from;
	const customerUserId = direction === 'inbound' ? from : to;
	const content = (event.content && typeof event.content === 'object' ? event.content : {}) as Record<string, unknown>;
	const timestampMs = Number.isFinite(Number(event.timestamp)) && Number(event.timestamp) > 0
		? Number(event.timestamp)
		: receivedAtMs;
	return {
		event: event.event,
		messageId: eventId(event),
		conversationId: accountUserId && customerUserId ? `${accountUserId}:${customerUserId}` : '',
		accountUserId,
		customerUserId,
		thirdAccountId: String(event.third_account_id ?? ''),
		direction,
		msgType: String(event.message_type ?? ''),
		text: textOf(event.message_type, content),
		content,
		nickname: String(event.user_info?.nickname ?? ''),
		avatar: String(event.user_info?.avatar ?? ''),
		timestamp: new Date(timestampMs).toISOString(),
		timestampMs,
		raw: event,
	};
}

function textOf(type: string | undefined, content: Record<string, unknown>): string {
	if (typeof content.text === 'string') return content.text;
	if ((type === 'CARD' || type === 'NOTE') && typeof content.title === 'string') return content.title;
	return '';
}
