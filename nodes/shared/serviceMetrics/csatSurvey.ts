import type { StateStore } from '../state/StateStore';
import { parseCsatAnswer, type CsatAnswer } from './csat/csatAnswer';

/**
 * The satisfaction survey by DM: after a close, one survey per conversation is pending for a
 * window; the customer's next DM that reads as a score (5, 五星, 非常满意, 😊) answers it. The
 * pending entry is the single source of "may we still count an answer": answering deletes it
 * with a version check, so two copies of the answer (or two answers at once) count once.
 */
export interface PendingSurvey {
	conversationId: string;
	customerUserId?: string;
	agentId?: string;
	agentName?: string;
	sentAt: number;
	expiresAt: number;
}

const pendingKey = (conversationId: string) => `csat:pending:${conversationId}`;
const cooldownKey = (customerUserId: string) => `csat:surveyed:${customerUserId}`;

export interface SurveyStart {
	started: boolean;
	/** Why no survey: one already pending, or the customer was asked recently. */
	skipped?: 'pending' | 'recently surveyed';
	pending?: PendingSurvey;
}

export async function startSurvey(
	store: StateStore,
	survey: Omit<PendingSurvey, 'sentAt' | 'expiresAt'>,
	nowMs: number,
	windowMs: number,
	cooldownMs: number,
): Promise<SurveyStart> {
	const pending: PendingSurvey = { ...survey, sentAt: nowMs, expiresAt: nowMs + windowMs };
	if (cooldownMs > 0 && survey.customerUserId) {
		const last = await store.get(cooldownKey(survey.customerUserId));
		if (last) return { started: false, skipped: 'recently surveyed' };
	}
	const claimed = await store.claim(
		pendingKey(survey.conversationId),
		JSON.stringify(pending),
		windowMs,
	);
	if (!claimed) return { started: false, skipped: 'pending' };
	if (cooldownMs > 0 && survey.customerUserId)
		await store.set(cooldownKey(survey.customerUserId), String(nowMs), cooldownMs);
	return { started: true, pending };
}

export type SurveyReading =
	| { kind: 'score'; answer: CsatAnswer; survey: PendingSurvey }
	/** No survey waits for this conversation, or the text is not a score, or a copy already counted. */
	| { kind: 'not an answer'; reason: 'no survey pending' | 'not a score' | 'already answered' };

export async function readSurveyAnswer(
	store: StateStore,
	conversationId: string,
	text: string,
	nowMs: number,
): Promise<SurveyReading> {
	const entry = await store.get(pendingKey(conversationId));
	if (!entry) return { kind: 'not an answer', reason: 'no survey pending' };
	const survey = JSON.parse(entry.value) as PendingSurvey;
	if (survey.expiresAt <= nowMs) return { kind: 'not an answer', reason: 'no survey pending' };
	const answer = parseCsatAnswer(text);
	if (!answer) return { kind: 'not an answer', reason: 'not a score' };
	const won = await store.commit([
		{ key: pendingKey(conversationId), expectVersion: entry.version },
	]);
	if (!won) return { kind: 'not an answer', reason: 'already answered' };
	return { kind: 'score', answer, survey };
}

/** "{nickname}" and "{agent}" in a survey or thank-you text. */
export function fillTemplate(
	template: string,
	values: Record<string, string | number | undefined>,
): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		values[name] === undefined ? (name === 'nickname' ? '' : whole) : String(values[name]),
	);
}
