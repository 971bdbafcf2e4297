import type { Decision, FaqSearch } from './decide';
import type { PickCandidate } from '../modelPick';

/**
 * The undecided tail and what a chat model may choose from there. Shared by the live reply
 * and the rule-change preview, so a preview with the model predicts what the node will do.
 */

/**
 * Entries scoring under this share hardly a character with the DM ("你好" against anything):
 * the model is not asked to choose among them, which saves a call on pure chatter.
 */
const CANDIDATE_FLOOR = 0.2;

/** No rule matched at all (a tag-only or fast-lane rule is a decision for a human) and no entry answered. */
export function isUndecided(decision: Decision): boolean {
	return decision.route === 'noMatch' && decision.evaluation.matches.length === 0;
}

export function tailCandidates(faq: FaqSearch, text: string, topK: number): PickCandidate[] {
	return faq
		.search(text, { topK, threshold: CANDIDATE_FLOOR })
		.map((h) => ({ id: h.id, question: h.matchedQuestion, answer: h.answer, score: h.score }));
}
