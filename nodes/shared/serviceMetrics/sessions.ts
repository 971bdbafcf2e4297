import type { ServiceEvent } from './serviceEvent';

/**
 * Splits each conversation's events into sessions: a session starts with a customer's message
 * when none is open and ends when an agent closes it; a conversation silent for longer than
 * the idle limit starts afresh (the customer came back with a new matter). Survey and CSAT
 * events belong to the session that just closed.
 */
export interface InboundMessage {
	at: number;
	messageId?: string;
	/** When an automatic answer to this message was sent (or, without a send, decided). */
	autoAnsweredAt?: number;
	handedOff: boolean;
}

export interface Session {
	conversationId: string;
	customerUserId?: string;
	channel: string;
	startAt: number;
	lastEventAt: number;
	messages: InboundMessage[];
	/** Question type: the first tag (or FAQ id) the keyword reply gave. */
	tag?: string;
	lane?: string;
	/** When the session needed a human: the first message not answered automatically. */
	handoffAt?: number;
	queuedAt?: number;
	assignedAt?: number;
	agentId?: string;
	agentName?: string;
	firstAgentReplyAt?: number;
	firstResponseAt?: number;
	firstResponseBy?: 'auto' | 'agent';
	closedAt?: number;
	surveyAt?: number;
	csat?: number;
	sendFailures: number;
	/** DMs a chat model answered, and DMs it was asked about but handed back, by reason. */
	aiAnswered: number;
	aiHandedBack: Record<string, number>;
}

export const DEFAULT_IDLE_MS = 24 * 3_600_000;

interface Building {
	session: Session;
	byMessageId: Map<string, InboundMessage>;
	/** classified events seen for a message, so a later send or failure decides. */
	decidedAuto: Map<string, number>;
	sendSeen: Set<string>;
}

function startSession(event: ServiceEvent): Building {
	return {
		session: {
			conversationId: event.conversationId,
			customerUserId: event.customerUserId,
			channel: event.channel ?? 'xiaohongshu',
			startAt: event.at,
			lastEventAt: event.at,
			messages: [],
			sendFailures: 0,
			aiAnswered: 0,
			aiHandedBack: {},
		},
		byMessageId: new Map(),
		decidedAuto: new Map(),
		sendSeen: new Set(),
	};
}

function markHandoff(s: Session, at: number): void {
	if (s.handoffAt === undefined || at < s.handoffAt) s.handoffAt = at;
}

function respond(s: Session, at: number, by: 'auto' | 'agent'): void {
	if (s.firstResponseAt === undefined) {
		s.firstResponseAt = at;
		s.firstResponseBy = by;
	}
}

function apply(b: Building, e: ServiceEvent): void {
	const s = b.session;
	s.lastEventAt = Math.max(s.lastEventAt, e.at);
	if (e.customerUserId && !s.customerUserId) s.customerUserId = e.customerUserId;
	switch (e.type) {
		case 'message_in': {
			const message: InboundMessage = { at: e.at, messageId: e.messageId, handedOff: false };
			s.messages.push(message);
			if (e.messageId) b.byMessageId.set(e.messageId, message);
			break;
		}
		case 'classified': {
			if (!s.tag)
				s.tag =
					e.tags?.[0] ??
					(e.faqQuestion ? `FAQ ${e.faqQuestion}` : e.faq ? `FAQ ${e.faq}` : undefined);
			const message =
				(e.messageId && b.byMessageId.get(e.messageId)) || s.messages[s.messages.length - 1];
			if (e.ai === 'answered') s.aiAnswered++;
			else if (e.ai === 'handedBack') {
				const why = e.aiWhy ?? 'other';
				s.aiHandedBack[why] = (s.aiHandedBack[why] ?? 0) + 1;
			}
			if (e.route === 'matched' && !e.suppressed) {
				if (e.messageId) b.decidedAuto.set(e.messageId, e.at);
			} else if (e.route === 'urgent' || e.route === 'noMatch') {
				if (message) message.handedOff = true;
				markHandoff(s, message?.at ?? e.at);
			}
			break;
		}
		case 'reply_sent': {
			if (e.messageId) b.sendSeen.add(e.messageId);
			if (e.by === 'auto') {
				const message =
					(e.messageId && b.byMessageId.get(e.messageId)) ||
					[...s.messages].reverse().find((m) => m.autoAnsweredAt === undefined);
				if (message && message.autoAnsweredAt === undefined) message.autoAnsweredAt = e.at;
				respond(s, e.at, 'auto');
			} else if (e.by === 'agent') {
				agentReplied(s, e);
			}
			break;
		}
		case 'agent_reply':
			agentReplied(s, e);
			break;
		case 'send_failed':
			if (e.messageId) b.sendSeen.add(e.messageId);
			s.sendFailures++;
			break;
		case 'queued':
			if (s.queuedAt === undefined) s.queuedAt = e.at;
			markHandoff(s, e.at);
			s.lane ??= e.lane;
			break;
		case 'assigned':
		case 'transferred':
			if (s.assignedAt === undefined) s.assignedAt = e.at;
			markHandoff(s, e.at);
			s.agentId = e.agentId ?? s.agentId;
			s.agentName = e.agentName ?? s.agentName;
			if (e.lane && (!s.lane || s.lane === 'normal')) s.lane = e.lane;
			break;
		case 'closed':
			s.closedAt = e.at;
			if (e.agentId && !s.agentId) s.agentId = e.agentId;
			break;
		case 'survey_sent':
			s.surveyAt ??= e.at;
			break;
		case 'csat':
			// Once per session: the first answer counts (the survey node also enforces it).
			s.csat ??= e.score;
			if (e.agentId && !s.agentId) s.agentId = e.agentId;
			break;
	}
}

function agentReplied(s: Session, e: ServiceEvent): void {
	if (s.firstAgentReplyAt === undefined && (s.handoffAt === undefined || e.at >= s.handoffAt))
		s.firstAgentReplyAt = e.at;
	if (e.agentId && !s.agentId) {
		s.agentId = e.agentId;
		s.agentName = e.agentName;
	}
	// An agent writing first is a hand-off too (they took it over without a routing step):
	// from the first message nobody had answered.
	if (s.handoffAt === undefined)
		s.handoffAt = s.messages.find((m) => m.autoAnsweredAt === undefined)?.at ?? e.at;
	respond(s, e.at, 'agent');
}

/** A decision to answer counts when no send for that message was recorded (another channel's sender). */
function finish(b: Building): Session {
	for (const [messageId, at] of b.decidedAuto) {
		const message = b.byMessageId.get(messageId);
		if (message && message.autoAnsweredAt === undefined && !b.sendSeen.has(messageId)) {
			message.autoAnsweredAt = at;
			respond(b.session, at, 'auto');
		}
	}
	return b.session;
}

/** Sessions of all conversations, each conversation's events in time order. */
export function buildSessions(events: ServiceEvent[], idleMs = DEFAULT_IDLE_MS): Session[] {
	const byConversation = new Map<string, ServiceEvent[]>();
	for (const event of events) {
		let list = byConversation.get(event.conversationId);
		if (!list) byConversation.set(event.conversationId, (list = []));
		list.push(event);
	}
	const sessions: Session[] = [];
	for (const list of byConversation.values()) {
		list.sort((a, b) => a.at - b.at);
		let current: Building | undefined;
		// A message recorded twice (a workflow run again, two trigger workflows) counts once, and
		// a survey answer is no new question: it belongs to the session it rates.
		const seenMessages = new Set<string>();
		for (const e of list) if (e.type === 'csat' && e.messageId) seenMessages.add(e.messageId);
		for (const event of list) {
			// Bookkeeping for the crash recovery, not something said in the conversation.
			if (event.type === 'crm_synced') continue;
			if (event.type === 'message_in' && event.messageId) {
				if (seenMessages.has(event.messageId)) continue;
				seenMessages.add(event.messageId);
			}
			const closed = current?.session.closedAt !== undefined;
			const idle = current !== undefined && event.at - current.session.lastEventAt > idleMs;
			const afterClose = event.type === 'survey_sent' || event.type === 'csat';
			if (current && afterClose && closed) {
				apply(current, event);
				continue;
			}
			const opensNew =
				event.type === 'message_in' ||
				event.type === 'queued' ||
				event.type === 'assigned' ||
				event.type === 'agent_reply';
			if (!current || ((closed || idle) && opensNew)) {
				if (current) sessions.push(finish(current));
				if (!opensNew && !current) continue;
				current = startSession(event);
			}
			apply(current, event);
		}
		if (current) sessions.push(finish(current));
	}
	return sessions.sort((a, b) => a.startAt - b.startAt);
}
