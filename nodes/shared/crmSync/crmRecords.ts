import type { CustomerFacts, CustomerProfile } from './customerProfile';
import { maskLeads } from './maskLeads';

/**
 * The rows a CRM keeps besides the profile: one history entry per DM and one row per lead.
 * Each carries an idempotency key (the message id, plus the lead for lead rows), so whichever
 * store receives them can refuse a second copy.
 */
export interface HistoryRecord {
	idempotency_key: string;
	xhs_user_id: string;
	message_id: string;
	at: string;
	nickname: string;
	text: string;
	tags: string;
	intent: string | null;
	agent: string | null;
	csat: number | null;
}

export interface LeadRecord {
	idempotency_key: string;
	xhs_user_id: string;
	nickname: string;
	type: 'phone' | 'wechat' | 'email';
	value: string;
	message_id: string;
	at: string;
	/** The DM it came from, with contacts masked when the node says so. */
	text: string;
}

export interface RecordOptions {
	/** Mask phones and WeChat ids in free text (history, notes); lead fields stay whole. */
	maskContacts: boolean;
}

/** The DM text as notes and history keep it: masked once, shared by every record. */
export function noteText(facts: CustomerFacts, options: RecordOptions): string {
	return options.maskContacts ? maskLeads(facts.text) : facts.text;
}

export function historyRecord(
	facts: CustomerFacts,
	profile: CustomerProfile,
	text: string,
): HistoryRecord {
	return {
		idempotency_key: facts.messageId,
		xhs_user_id: facts.xhsUserId,
		message_id: facts.messageId,
		at: new Date(facts.atMs).toISOString(),
		nickname: facts.nickname || profile.nickname,
		text,
		tags: facts.tags.join(', '),
		intent: facts.intent ?? null,
		agent: facts.agent?.name ?? null,
		csat: facts.csat ?? null,
	};
}

export function leadRecords(
	facts: CustomerFacts,
	profile: CustomerProfile,
	text: string,
): LeadRecord[] {
	const at = new Date(facts.atMs).toISOString();
	const base = {
		xhs_user_id: facts.xhsUserId,
		nickname: facts.nickname || profile.nickname,
		message_id: facts.messageId,
		at,
		text,
	};
	return [
		...facts.leads.phones.map((value) => ({ ...base, type: 'phone' as const, value })),
		...facts.leads.wechatIds.map((value) => ({ ...base, type: 'wechat' as const, value })),
		...facts.leads.emails.map((value) => ({ ...base, type: 'email' as const, value })),
	].map((lead) => ({ ...lead, idempotency_key: `${facts.messageId}:${lead.type}:${lead.value}` }));
}

/** A note body for CRMs that keep free text (HubSpot notes): readable, with its marker. */
export function noteBody(history: HistoryRecord, marker: string): string {
	const lines = [
		`小红书私信 · Xiaohongshu DM — ${history.nickname || history.xhs_user_id}`,
		history.text,
		history.tags ? `Tags: ${history.tags}` : '',
		history.intent ? `Intent: ${history.intent}` : '',
		history.agent ? `Agent: ${history.agent}` : '',
		history.csat !== null ? `CSAT: ${history.csat}/5` : '',
		marker,
	];
	return lines.filter(Boolean).join('\n');
}
