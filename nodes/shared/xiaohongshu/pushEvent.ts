import { firstText } from './fieldText';
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
	return (
		typeof value === 'object' && value !== null && typeof (value as XhsEvent).event === 'string'
	);
}

/** Stable id for dedup: the message id, or a digest of the event for events that have none. */
export function eventId(event: XhsEvent): string {
	if (typeof event.message_id === 'string' && event.message_id) return event.message_id;
	const digest = createHash('sha256')
		.update(JSON.stringify(sortKeys(event)))
		.digest('hex');
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

/** Keys whose values open an account: a flow, its execution log and a CRM never see them. */
const SECRET_KEY = /^(access_?token|refresh_?token|token|secret|app_?secret|password|auth_?code)$/i;

function withoutSecrets<T>(value: T, depth = 0): T {
	if (Array.isArray(value))
		return (depth > 4 ? value : value.map((v) => withoutSecrets(v, depth + 1))) as T;
	if (!value || typeof value !== 'object' || depth > 4) return value;
	return Object.fromEntries(
		Object.entries(value as Record<string, unknown>)
			.filter(([k]) => !SECRET_KEY.test(k))
			.map(([k, v]) => [k, withoutSecrets(v, depth + 1)]),
	) as T;
}

export interface ItemOptions {
	/**
	 * Give leads and comments a text (the remark, the comment), as trigger version 2 does;
	 * version 1 gave them none, and its flows keep that.
	 */
	eventText?: boolean;
}

export function toCanonicalItem(
	event: XhsEvent,
	receivedAtMs: number,
	options: ItemOptions = { eventText: true },
): CanonicalDmItem {
	const messageId = eventId(event); // of the event as pushed, the id the trigger deduplicates on
	event = withoutSecrets(event);
	const source = Number(event.message_source ?? 1);
	const direction = DIRECTIONS[source] ?? 'inbound';
	const { accountUserId, customerUserId } = partiesOf(event, direction);
	const content = (
		event.content && typeof event.content === 'object' ? event.content : {}
	) as Record<string, unknown>;
	const timestampMs =
		Number.isFinite(Number(event.timestamp)) && Number(event.timestamp) > 0
			? Number(event.timestamp)
			: receivedAtMs;
	const userInfo = (event.user_info ?? {}) as Record<string, unknown>;
	return {
		event: event.event,
		messageId,
		conversationId: accountUserId && customerUserId ? `${accountUserId}:${customerUserId}` : '',
		accountUserId,
		customerUserId,
		thirdAccountId: String(event.third_account_id ?? ''),
		direction,
		msgType: String(event.message_type ?? ''),
		text: textOf(event, content, options.eventText === true),
		content,
		nickname: firstText(
			userInfo.nickname,
			event.nick_name,
			event.event === 'lead' ? event.name : undefined,
		),
		avatar: firstText(userInfo.avatar, userInfo.header_image),
		timestamp: new Date(timestampMs).toISOString(),
		timestampMs,
		raw: event,
	};
}

/**
 * Who is the business and who the customer. For DMs the direction says it (spec §7). Other
 * events name one user: the bound account for bind, unbind and KOS events, the customer for
 * leads and comments, unless the push names both.
 */
function partiesOf(
	event: XhsEvent,
	direction: Direction,
): { accountUserId: string; customerUserId: string } {
	const from = firstText(event.from_user_id);
	const to = firstText(event.to_user_id);
	if (event.event === 'message') {
		return direction === 'inbound'
			? { accountUserId: to, customerUserId: from }
			: { accountUserId: from, customerUserId: to };
	}
	const user = firstText(event.user_id);
	const aboutAccount = ['account_bound', 'account_unbound', 'kos_auth'].includes(event.event);
	return {
		accountUserId: to || firstText(event.business_user_id) || (aboutAccount ? user : ''),
		customerUserId:
			from || firstText(event.customer_user_id, event.open_id) || (aboutAccount ? '' : user),
	};
}

function textOf(event: XhsEvent, content: Record<string, unknown>, eventText: boolean): string {
	if (typeof content.text === 'string') return content.text;
	const type = event.message_type;
	if ((type === 'CARD' || type === 'NOTE') && typeof content.title === 'string')
		return content.title;
	if (!eventText) return '';
	if (event.event === 'comment_intent') return firstText(content.comment, content.content);
	if (event.event === 'lead') return firstText(content.remark);
	return '';
}
