/**
 * Stage-2 scoring of one message against one question variant (both already `faqText`).
 * Why these parts:
 * - Jaro–Winkler rewards a shared beginning and tolerates a swapped or changed character,
 *   which is how short DMs tend to differ from the stored question;
 * - Damerau–Levenshtein similarity covers whole-string typos, missing or extra characters;
 * - containment (the question found inside the message, typos allowed) covers a DM that
 *   wraps the question in chatter ("亲～请问保质期多久呀😊"), where whole-string measures fall;
 *   the reverse (a short message inside a long question) covers "成分是什么" against
 *   "这款产品的成分是什么".
 * The TF-IDF cosine from stage 1 adds which characters are informative (rare ones weigh more),
 * which edit distances cannot see; that is what keeps "在吗" away from "有货吗".
 */
import { jaroWinklerDistance } from './jaroWinkler';
import { osaDistances } from './osa';

// Weights picked on the labelled set (test/keywordReply/faqLabelled.test.ts), where a grid over
// them moved precision/recall by only a few cases: no single part is load-bearing.
const TFIDF_WEIGHT = 0.55;
const JW_WEIGHT = 0.2;
// A short message found inside a longer question ("可以用吗" in many) is weaker evidence than
// the whole question found inside the message, hence the discount.
const FRAGMENT_DISCOUNT = 0.8;

/**
 * Edit-based similarity of message and question, in [0, 1]. Edit parts are normalised
 * distances (1 - distance / length), so one typo in a 5-character question costs 0.2.
 */
export function rerankScore(message: string, question: string): number {
	if (message.length === 0 || question.length === 0) return 0;
	const jw = jaroWinklerDistance(message, question);
	const d = osaDistances(question, message);
	const edit = Math.max(
		1 - d.whole / Math.max(message.length, question.length),
		1 - d.questionInMessage / question.length,
		FRAGMENT_DISCOUNT * (1 - d.messageInQuestion / message.length),
	);
	return JW_WEIGHT * jw + (1 - JW_WEIGHT) * edit;
}

/** The best score a candidate with this cosine could still get (a perfect re-rank). */
export function scoreCeiling(tfidfCosine: number): number {
	return blendScore(tfidfCosine, 1);
}

/** The calibrated score: 1 for an exact question, near 0 for unrelated text. */
export function blendScore(tfidfCosine: number, rerank: number): number {
	return TFIDF_WEIGHT * tfidfCosine + (1 - TFIDF_WEIGHT) * rerank;
}
