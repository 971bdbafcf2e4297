/**
 * Reads the customer's reply to the satisfaction survey DM ("请为本次服务打分：回复 1-5（5=非常满意）😊")
 * as a 1–5 score, or says it is not an answer (undefined) so that the message goes on to the
 * normal reply flow. Precision comes first: a wrong score corrupts the metric and, worse, a
 * swallowed question never gets answered, while an answer passed on as a message only costs
 * one ordinary reply.
 *
 * Decisions:
 * - Scale: digits 1–5 as written; 0 (零分, "1分都不想给") is 1; 10, 满分, 100分 and 10/10 are 5
 *   (top marks on the 10-point scales customers know); even tenths scale ("8/10" is 4); 6–9,
 *   odd tenths and halves ("4.5分") are ambiguous and give undefined, as does any number in
 *   score position that is off the scale (including "7分，很满意": meant, but on which scale?).
 *   A number counts only in score position: filler before it (我给, 那就打个) or a giving verb
 *   with a unit (客服很耐心给5分), and nothing but particles, thanks or rating words after it
 *   in its clause, so "5号能发货吗", "第5个", "5分钟" and "三星手机" are not scores. "666" is 5.
 * - Words: intensified praise 5 (非常满意, 很满意, 很好, 好评, 超赞, 完美, yyds), plain or
 *   hedged praise 4 (满意, 不错, 挺好, 还不错, 没有不满意), neutral 3 (一般, 还行, 凑合,
 *   还好, 还可以), hedged complaints 2 (不太满意, 不是很满意, 不怎么样, 有点失望), complaints
 *   1 (不满意, 差评, 太差了, 垃圾). See csatLexicon.ts.
 * - Emoji: a strong smile, heart or 👍 is 5; one mild smile (😊🙂☺️) is 4, two are 5; 😐 3;
 *   🙁😕 2; 😡😠👎💩 1. Emoji speak only when the rest of the message is empty or thanks
 *   ("谢谢😊" is 4); next to anything else they can only veto a contradicting word score.
 *   ⭐/★ runs count filled stars (over 5 is 5); "5⭐" is 5 stars, not one.
 * - Acknowledgements (好的, 好, ok, 嗯, 收到, 👌) are not scores: they answer the previous
 *   message as often as the survey. "好的😊" is therefore not an answer either.
 * - Questions and requests are never answers, whatever they contain: a "?" anywhere, or a
 *   question, request or condition word outside the rating words (吗, 怎么, 请问, 我要, 的话):
 *   "我对上次的服务不满意，想问问退款怎么办" is undefined — it needs a reply, and a CSAT hook
 *   that swallowed it would lose the refund request. The normal flow still sees the complaint.
 *   After-sales topics (物流, 退款, 投诉) beside rating words also make it undefined ("满意，物流
 *   到哪了"); beside an explicit number or stars they are a comment ("4分吧，物流有点慢" is 4).
 * - Long messages (over 40 characters once normalised) are undefined: survey answers are short,
 *   and a long message is a new conversation.
 * - When several parts score (a number, stars, words, emoji): one above 3 and one below 3 make
 *   the answer contradictory (undefined); otherwise an explicit number decides, then stars, then
 *   the rating words (no two more than one point apart; the strongest when all praise or all
 *   complain, else the first).
 */
import type { CsatScore } from './csatLexicon';
import { readClause, type ClauseReading, type Found } from './csatClause';
import { prepare, type Mark, type StarRun } from './csatText';

export type { CsatScore } from './csatLexicon';

export interface CsatAnswer {
	score: CsatScore;
	/** The part of the text that decided, as written in the original message. */
	matched: string;
	/** exact: an explicit number or star count; phrase: words or emoji. */
	confidence: 'exact' | 'phrase';
}

/** Longer input is never read (and so costs nothing): a survey answer is a few words. */
const MAX_INPUT = 500;
/** Normalised characters (emoji and punctuation excluded) above which a message is not an answer. */
const MAX_TEXT = 40;

const MAX_SCORE: CsatScore = 5;

/** Faces together: all on one side or no score; repeated smiles are enthusiasm. */
function faceScore(faces: readonly Mark[]): CsatScore | undefined {
	const scores = faces.map((f) => f.score);
	if (scores.every((s) => s >= 4)) return scores.length >= 2 ? 5 : scores[0];
	if (scores.every((s) => s <= 2)) return Math.min(...scores) as CsatScore;
	if (scores.every((s) => s === 3)) return 3;
	return undefined;
}

function starScore(runs: readonly StarRun[]): CsatScore | undefined {
	// Two runs ("⭐新品⭐") are decoration, and an empty ☆☆☆ run rates nothing.
	if (runs.length !== 1 || runs[0].full === 0) return undefined;
	return Math.min(runs[0].full, MAX_SCORE) as CsatScore;
}

function contradictory(scores: readonly number[]): boolean {
	return scores.some((s) => s >= 4) && scores.some((s) => s <= 2);
}

function answer(
	input: string,
	score: CsatScore,
	start: number,
	end: number,
	confidence: CsatAnswer['confidence'],
): CsatAnswer {
	return { score, matched: input.slice(start, end), confidence };
}

/**
 * Several rating words one point apart: on one side of the scale the strongest wins, as praise
 * builds up ("满意，客服很专业" is 5); across the middle ("还行，挺好的") the first, the direct
 * answer, does. Further apart they contradict each other.
 */
function fromWords(input: string, found: readonly Found[]): CsatAnswer | undefined {
	const first = found[0];
	if (found.some((f) => Math.abs(f.score - first.score) > 1)) return undefined;
	let best = first;
	if (found.every((f) => f.score >= 4)) best = found.reduce((a, b) => (b.score > a.score ? b : a));
	else if (found.every((f) => f.score <= 2))
		best = found.reduce((a, b) => (b.score < a.score ? b : a));
	return answer(input, best.score, best.start, best.end, 'phrase');
}

function decide(
	input: string,
	readings: readonly ClauseReading[],
	faces: readonly Mark[],
	runs: readonly StarRun[],
): CsatAnswer | undefined {
	const numbers = readings.flatMap((r) => r.numbers);
	const words = readings.flatMap((r) =>
		[...r.phrases, ...r.slang].sort((a, b) => a.start - b.start),
	);
	const rated = numbers.length > 0 || words.length > 0;
	// Emoji and stars speak only beside thanks, or beside a rating they can agree with.
	const free = rated || readings.every((r) => r.politeOnly);
	const stars = free ? starScore(runs) : undefined;
	const face = free && faces.length > 0 ? faceScore(faces) : undefined;
	if (free && faces.length > 0 && face === undefined) return undefined;

	// Order talk beside rating words: the words are probably about the order, not the survey.
	if (numbers.length === 0 && stars === undefined && readings.some((r) => r.topic))
		return undefined;

	const all = [
		...numbers.map((x) => x.score),
		...words.map((x) => x.score),
		...(stars ? [stars] : []),
		...(face ? [face] : []),
	];
	if (all.length === 0 || contradictory(all)) return undefined;

	if (numbers.length > 0) {
		const first = numbers[0];
		if (numbers.some((x) => x.score !== first.score)) return undefined;
		return answer(input, first.score, first.start, first.end, 'exact');
	}
	if (stars !== undefined) return answer(input, stars, runs[0].start, runs[0].end, 'exact');
	if (words.length > 0) return fromWords(input, words);
	if (face !== undefined)
		return answer(input, face, faces[0].start, faces[faces.length - 1].end, 'phrase');
	return undefined;
}

/** undefined when the text is not an answer to the survey. */
export function parseCsatAnswer(text: string): CsatAnswer | undefined {
	if (typeof text !== 'string' || text.length === 0 || text.length > MAX_INPUT) return undefined;
	const prepared = prepare(text);
	if (prepared.question) return undefined;
	const readings: ClauseReading[] = [];
	let budget = MAX_TEXT;
	for (const clause of prepared.clauses) {
		// Measured before it is read, so that the scans only ever see a few dozen characters.
		const reading = readClause(clause, budget);
		budget -= reading.length;
		if (budget < 0 || reading.question || reading.outOfRange) return undefined;
		readings.push(reading);
	}
	return decide(text, readings, prepared.faces, prepared.stars);
}
