import type { ServiceEvent } from '../serviceMetrics/serviceEvent';
import type { GapDm } from './gapClusters';
import { readableText } from '../crmSync/readableText';

/**
 * Which customer DMs in a range the knowledge base did not answer: the ones the keyword reply
 * sent to a human (no match, or the fast lane) and the ones it never saw. Left out: DMs it
 * answered, DMs held back by a cooldown (a repeat of a question it had just answered) and
 * answers to a satisfaction survey. `total` is every customer DM in the range, so a group's
 * share is a share of all traffic.
 *
 * Texts come out as a person may read them (readableText): the gap page, the chat summary and
 * the draft FAQ rows show customers' own words, never their phone numbers or WeChat ids.
 */
export interface GapSelection {
	dms: GapDm[];
	total: number;
	answered: number;
}

export function selectGapDms(
	events: ServiceEvent[],
	sinceMs: number,
	untilMs: number,
): GapSelection {
	const surveyAnswers = new Set<string>();
	const classified = new Map<string, ServiceEvent>();
	for (const e of events) {
		if (e.type === 'csat' && e.messageId) surveyAnswers.add(e.messageId);
		if (e.type === 'classified' && e.messageId) classified.set(e.messageId, e);
	}
	const seen = new Set<string>();
	const dms: GapDm[] = [];
	let total = 0;
	let answered = 0;
	for (const e of events) {
		if (e.type !== 'message_in' || e.at < sinceMs || e.at >= untilMs) continue;
		if (e.messageId) {
			if (seen.has(e.messageId) || surveyAnswers.has(e.messageId)) continue;
			seen.add(e.messageId);
		}
		total++;
		const decision = e.messageId ? classified.get(e.messageId) : undefined;
		if (decision && (decision.route === 'matched' || decision.suppressed)) {
			answered++;
			continue;
		}
		if (!e.text?.trim()) continue;
		dms.push({
			text: readableText(e.text),
			at: e.at,
			conversationId: e.conversationId,
			messageId: e.messageId,
			channel: e.channel,
		});
	}
	return { dms, total, answered };
}
