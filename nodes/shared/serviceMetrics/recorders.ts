import type { DeskEvent } from '../assignAgent/deskOperations';
import { textForLog, type SentBy, type ServiceEvent } from './serviceEvent';

/**
 * How each node's work becomes service events: pure functions from what the node already has
 * (a canonical DM item, a smart-reply result, a desk event) to the log's records.
 */
type Item = Record<string, unknown>;

const str = (value: unknown): string | undefined =>
	typeof value === 'string' && value ? value : undefined;

/** The conversation id an item belongs to: its own, or "<account>:<customer>" like the trigger's. */
export function conversationOf(
	item: Item,
	customerUserId?: string,
	accountUserId?: string,
): string | undefined {
	const own = str(item.conversationId);
	const customer = customerUserId || str(item.customerUserId);
	const account = accountUserId || str(item.accountUserId);
	if (own && (!customer || own.endsWith(`:${customer}`) || !own.includes(':'))) return own;
	return customer && account ? `${account}:${customer}` : (own ?? customer);
}

export function inboundEvent(
	item: Item,
	receivedAtMs: number,
	ackMs: number,
): ServiceEvent | undefined {
	const conversationId = conversationOf(item);
	if (!conversationId) return undefined;
	const sentAt = Number(item.timestampMs);
	return {
		type: 'message_in',
		at: receivedAtMs,
		conversationId,
		customerUserId: str(item.customerUserId),
		messageId: str(item.messageId),
		channel: str(item.channel),
		text: textForLog(item.text),
		ackMs: Math.max(0, Math.round(ackMs)),
		// A timestamp equal to the receipt means the platform gave none.
		delayMs:
			Number.isFinite(sentAt) && sentAt > 0 && sentAt !== receivedAtMs
				? Math.max(0, receivedAtMs - sentAt)
				: undefined,
	};
}

/**
 * CRM Sync merged the DM and its rows are safe (queued for the batch writer, or in the CRM):
 * the crash recovery then leaves its CRM part alone.
 */
export function crmSyncedEvent(item: Item, atMs = Date.now()): ServiceEvent[] {
	const conversationId = conversationOf(item);
	const messageId = str(item.messageId);
	if (!conversationId || !messageId) return [];
	return [
		{
			type: 'crm_synced',
			at: atMs,
			conversationId,
			customerUserId: str(item.customerUserId),
			messageId,
		},
	];
}

/** A message the business wrote in the Xiaohongshu app itself: a human agent's reply. */
export function agentMessageEvent(item: Item, receivedAtMs: number): ServiceEvent | undefined {
	const conversationId = conversationOf(item);
	if (!conversationId || item.direction !== 'outbound') return undefined;
	const at = Number(item.timestampMs);
	return {
		type: 'agent_reply',
		at: Number.isFinite(at) && at > 0 ? Math.min(at, receivedAtMs) : receivedAtMs,
		conversationId,
		customerUserId: str(item.customerUserId),
		messageId: str(item.messageId),
		by: 'agent',
	};
}

interface ReplyDecision {
	route: string;
	reply: string | null;
	tags: string[];
	rule: string | null;
	faq: { id: string; question?: string } | null;
	suppressed: string | null;
	ai?: { outcome: 'answered' | 'handedBack'; handBack?: string };
}

export function classifiedEvent(
	item: Item,
	result: ReplyDecision,
	atMs: number,
): ServiceEvent | undefined {
	const conversationId = conversationOf(item);
	if (!conversationId || (item.direction !== undefined && item.direction !== 'inbound'))
		return undefined;
	return {
		type: 'classified',
		at: atMs,
		conversationId,
		customerUserId: str(item.customerUserId),
		messageId: str(item.messageId),
		channel: str(item.channel),
		// A matched rule without a reply text (routing only) is not an answer.
		route: result.route === 'matched' && !result.reply ? 'noMatch' : result.route,
		tags: result.tags,
		rule: result.rule ?? undefined,
		faq: result.faq?.id,
		// A question type people recognise in a report, where the FAQ's id would be a number.
		faqQuestion: result.faq?.question ? result.faq.question.slice(0, 24) : undefined,
		suppressed: result.suppressed ?? undefined,
		...(result.ai
			? {
					// Answered only if it went out: a pick held back by the cooldown went to a human.
					ai: result.ai.outcome === 'answered' && result.reply ? 'answered' : 'handedBack',
					aiWhy:
						result.ai.handBack ?? (result.reply ? undefined : (result.suppressed ?? undefined)),
				}
			: {}),
	};
}

/** What a send answers for, when the workflow does not say: read from the item that led to it. */
export function detectSentBy(item: Item): SentBy {
	const smart = item.smartReply as { route?: string } | undefined;
	if (item.survey || item.csat) return 'survey';
	if (smart?.route === 'matched' && typeof item.reply === 'string' && item.reply) return 'auto';
	if (item.assignment) return 'system';
	if (item.agentReply || item.agent) return 'agent';
	return 'system';
}

export interface SendFacts {
	item: Item;
	by: SentBy;
	customerUserId: string;
	accountUserId?: string;
	/** The customer's message this answers (the item's own DM, or Reply To). */
	replyToMessageId?: string;
	atMs: number;
	error?: { message: string; code?: string | number };
}

export function sendEvent(f: SendFacts): ServiceEvent | undefined {
	const conversationId = conversationOf(f.item, f.customerUserId, f.accountUserId);
	if (!conversationId) return undefined;
	const agent = (f.item.assignment as { agent?: { id?: string; name?: string } } | undefined)
		?.agent;
	return {
		type: f.error ? 'send_failed' : 'reply_sent',
		at: f.atMs,
		conversationId,
		customerUserId: f.customerUserId,
		messageId: f.replyToMessageId || str(f.item.messageId),
		by: f.by,
		agentId: f.by === 'agent' ? agent?.id : undefined,
		error: f.error?.message.slice(0, 200),
		code: f.error?.code,
	};
}

/** Desk events (assign, queue, transfer, close, reply) as service events. */
export function deskServiceEvents(events: DeskEvent[], atMs: number, item: Item): ServiceEvent[] {
	const out: ServiceEvent[] = [];
	for (const e of events) {
		const conversationId = e.conversationId;
		// A DM run again after a crash: its assignment or queue place was recorded the first time.
		if (!conversationId || e.repeat) continue;
		const customerUserId = e.context?.customerUserId ?? str(item.customerUserId);
		// The DM behind it, so a DM's outcome can be told from the log (crash recovery): the item's
		// own DM when it is of this conversation (a follow-up's context is the first DM's).
		const ownDm = str(item.conversationId) === conversationId ? str(item.messageId) : undefined;
		const messageId = ownDm ?? e.context?.messageId;
		const base = {
			at: atMs,
			conversationId,
			customerUserId,
			messageId,
			agentId: e.agent?.id,
			agentName: e.agent?.name,
			lane: e.lane,
		};
		switch (e.type) {
			case 'assigned':
			case 'backfilled':
			case 'reassigned':
				out.push({ ...base, type: 'assigned' });
				break;
			case 'transferred':
				out.push({ ...base, type: 'transferred', fromAgentId: e.previousAgent?.id });
				break;
			case 'queued':
				out.push({ ...base, type: 'queued', position: e.queue?.position });
				break;
			case 'already':
				out.push({ ...base, type: 'followup' });
				break;
			case 'released':
			case 'cancelled':
				out.push({ ...base, type: 'closed' });
				break;
			case 'replied':
				out.push({ ...base, type: 'agent_reply', by: 'agent' });
				break;
		}
	}
	return out;
}
