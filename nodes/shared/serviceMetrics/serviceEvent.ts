import { maskLeads } from '../crmSync/maskLeads';

/**
 * What happened in a conversation, as the nodes record it while they run. Metrics and health
 * checks are computed from these alone, so every figure can be traced back to the events.
 *
 * Conversations are identified the way the trigger names them ("<account>:<customer>"); a
 * conversation may hold several sessions (a customer comes back after a close), which the
 * metrics split, not the recorders.
 */
export const SERVICE_EVENT_TYPES = [
	'message_in',
	'classified',
	'reply_sent',
	'send_failed',
	'assigned',
	'queued',
	/** A DM in a conversation already open with an agent (its outcome: the agent is told). */
	'followup',
	'transferred',
	'agent_reply',
	'closed',
	'survey_sent',
	'csat',
	/** CRM Sync merged the DM; its rows are queued or in the CRM (the recovery's second outcome). */
	'crm_synced',
] as const;

export type ServiceEventType = (typeof SERVICE_EVENT_TYPES)[number];

/** Who a sent message speaks for: a matched rule or FAQ, a human, or a notice/survey. */
export type SentBy = 'auto' | 'agent' | 'system' | 'survey';

export interface ServiceEvent {
	type: ServiceEventType;
	/** Epoch ms when it happened. */
	at: number;
	conversationId: string;
	customerUserId?: string;
	messageId?: string;
	/** 'xiaohongshu' unless another channel was mapped onto the canonical item. */
	channel?: string;
	/** message_in: the DM, contacts masked and cut to 500 characters (for gap reports). */
	text?: string;
	/** message_in: how long the trigger took to answer the push. */
	ackMs?: number;
	/** message_in: from the platform's timestamp to our receipt (sync delay). */
	delayMs?: number;
	/** classified: the keyword reply's route ('matched' | 'urgent' | 'noMatch'). */
	route?: string;
	/** classified: rule or FAQ tags; the first is the question type in reports. */
	tags?: string[];
	rule?: string;
	faq?: string;
	/** classified: the FAQ's question, the session's type when no rule tagged it. */
	faqQuestion?: string;
	/** classified: why an auto-reply was held back (cooldown, daily cap). */
	suppressed?: string;
	/** classified: a chat model was asked about the DM; whether its pick answered or went back to a human. */
	ai?: 'answered' | 'handedBack';
	/** classified, ai handedBack: why ('timeout', 'prose', 'unknown entry' …). */
	aiWhy?: string;
	/** reply_sent / send_failed */
	by?: SentBy;
	agentId?: string;
	agentName?: string;
	/** transferred: the agent it came from. */
	fromAgentId?: string;
	lane?: string;
	/** queued: how many waited in front. */
	position?: number;
	/** csat */
	score?: number;
	/** send_failed */
	error?: string;
	code?: string | number;
}

const TEXT_LIMIT = 500;

function clipText(text: string): string {
	return text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)}…` : text;
}

/** A customer's text as the log keeps it: contacts masked, cut to 500 characters. */
export function textForLog(text: unknown): string | undefined {
	return typeof text === 'string' && text ? clipText(maskLeads(text)) : undefined;
}

/** The webhook answer times and sync delays of customer messages, each sorted ascending. */
export function latencySamples(events: ServiceEvent[]): { acks: number[]; delays: number[] } {
	const inbound = events.filter((e) => e.type === 'message_in');
	const sorted = (values: Array<number | undefined>) =>
		values.filter((v): v is number => Number.isFinite(v)).sort((a, b) => a - b);
	return {
		acks: sorted(inbound.map((e) => e.ackMs)),
		delays: sorted(inbound.map((e) => e.delayMs)),
	};
}

export class ServiceEventError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'ServiceEventError';
	}
}

/** Checks an event given from outside (the Record Event operation, another channel). */
export function validateEvent(event: Partial<ServiceEvent>): ServiceEvent {
	if (!event.type || !(SERVICE_EVENT_TYPES as readonly string[]).includes(event.type)) {
		throw new ServiceEventError(
			`"${String(event.type ?? '')}" is not an event type (${SERVICE_EVENT_TYPES.join(', ')})`,
			'type',
		);
	}
	if (typeof event.conversationId !== 'string' || !event.conversationId.trim()) {
		throw new ServiceEventError('the conversation ID is empty', 'conversationId');
	}
	if (!Number.isFinite(event.at) || (event.at as number) <= 0) {
		throw new ServiceEventError(`"${String(event.at)}" is not a time`, 'at');
	}
	if (
		event.type === 'csat' &&
		!(Number.isInteger(event.score) && (event.score as number) >= 1 && (event.score as number) <= 5)
	) {
		throw new ServiceEventError(
			`a CSAT score must be a whole number 1–5, not "${String(event.score)}"`,
			'score',
		);
	}
	return event as ServiceEvent;
}
