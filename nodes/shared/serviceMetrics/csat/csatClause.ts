/**
 * Reads one clause of a survey answer (text between punctuation) after `normalize()`: the
 * explicit numbers in score position ("给5分", "五星", "5 stars") and the rating words
 * (非常满意, 还行, 不太满意), each with the span of the original text it came from.
 *
 * Everything is a left-to-right scan with bounded look-ups (longest phrase, longest token):
 * linear in the clause, no regular expressions.
 */
import { normalize, originalSpan, type Normalized } from '../../keywordReply/normalize';
import { MAX_PHRASE, PHRASES, type CsatScore, type PhraseEntry } from './csatLexicon';
import type { Clause } from './csatText';
import {
	ASSIGN,
	CHINESE_NUMERALS,
	ENGLISH_NUMERALS,
	NOT_QUESTIONS,
	PREFIX,
	QUESTION_CUES,
	SUFFIX,
	TOPIC_CUES,
	UNITS,
} from './csatTokens';

export interface Found {
	score: CsatScore;
	/** Span of the original input. */
	start: number;
	end: number;
}

export interface ClauseReading {
	numbers: Found[];
	phrases: Found[];
	/** "666": slang for great, read as a phrase. */
	slang: Found[];
	/** A number in score position but off the scale ("7分", "6"): no score can be trusted. */
	outOfRange: boolean;
	question: boolean;
	/** An after-sales topic (物流, 退款): rating words beside it are about an order. */
	topic: boolean;
	/** Nothing but thanks and particles: emoji and stars next to it may speak for the message. */
	politeOnly: boolean;
	length: number;
}

interface Span {
	start: number;
	end: number;
}

interface PhraseSpan extends Span {
	entry: PhraseEntry;
}

interface NumberToken extends Span {
	value: number;
	unit: string;
	slang: boolean;
}

const MAX_TOKEN = Math.max(...[...PREFIX, ...SUFFIX].map((t) => t.length));

/**
 * Negation directly before a positive word, with up to 3 filler characters in between
 * ("不是非常满意", "没有很满意", "不会给好评"): the same idea as mentionContext, with cues and
 * fillers of ratings. 别 is left out: "别的都很满意" praises.
 */
const NEGATION_CUES = [
	'并没有',
	'没有',
	'不是',
	'不算',
	'并不',
	'谈不上',
	'说不上',
	'算不上',
	'称不上',
	'不',
	'没',
	'never',
	'isnt',
	'wasnt',
	'dont',
	'didnt',
	'not',
	'no',
];
const NEGATION_FILLER = new Set([
	'是',
	'很',
	'太',
	'那',
	'么',
	'怎',
	'特',
	'别',
	'大',
	'够',
	'算',
	'真',
	'会',
	'给',
	'打',
]);
const MAX_FILLER = 3;

function isDigit(c: string | undefined): boolean {
	return c !== undefined && c >= '0' && c <= '9';
}

function isLatin(c: string | undefined): boolean {
	return c !== undefined && c >= 'a' && c <= 'z';
}

/** Whether position k falls inside a Latin word ("goodbye" at 4): normalising removed the spaces. */
function glued(n: Normalized, k: number): boolean {
	const t = n.text;
	if (k <= 0 || k >= t.length || !isLatin(t[k - 1]) || !isLatin(t[k])) return false;
	return n.origin[k] - n.origin[k - 1] <= 1;
}

function findPhrases(n: Normalized): PhraseSpan[] {
	const t = n.text;
	const found: PhraseSpan[] = [];
	let i = 0;
	while (i < t.length) {
		let hit: PhraseSpan | undefined;
		for (let len = Math.min(MAX_PHRASE, t.length - i); len > 0 && !hit; len--) {
			const entry = PHRASES.get(t.slice(i, i + len));
			if (entry && !glued(n, i) && !glued(n, i + len)) hit = { start: i, end: i + len, entry };
		}
		if (hit) {
			found.push(hit);
			i = hit.end;
		} else i++;
	}
	return found;
}

/** Whether t[from, to) is nothing but `tokens` and the given spans (start → end). */
function consumes(
	t: string,
	from: number,
	to: number,
	tokens: ReadonlySet<string>,
	spans: ReadonlyMap<number, number>,
): boolean {
	let p = from;
	while (p < to) {
		const jump = spans.get(p);
		if (jump !== undefined && jump <= to) {
			p = jump;
			continue;
		}
		let len = Math.min(MAX_TOKEN, to - p);
		while (len > 0 && !tokens.has(t.slice(p, p + len))) len--;
		if (len === 0) return false;
		p += len;
	}
	return true;
}

function readValue(n: Normalized, i: number): NumberToken | undefined {
	const t = n.text;
	if (isDigit(t[i])) {
		if (isDigit(t[i - 1])) return undefined;
		let j = i;
		while (isDigit(t[j])) j++;
		const digits = t.slice(i, j);
		if (digits.length >= 3 && digits.split('').every((d) => d === '6'))
			return { value: 5, start: i, end: j, unit: '', slang: true };
		// Longer runs are order numbers and phones: any value off the scale will do.
		return {
			value: digits.length > 3 ? -1 : Number(digits),
			start: i,
			end: j,
			unit: '',
			slang: false,
		};
	}
	if (t.startsWith('一百', i)) return { value: 100, start: i, end: i + 2, unit: '', slang: false };
	const chinese = CHINESE_NUMERALS.get(t[i]);
	if (chinese !== undefined)
		return { value: chinese, start: i, end: i + 1, unit: '', slang: false };
	if (!isLatin(t[i]) || glued(n, i)) return undefined;
	for (const [word, value] of ENGLISH_NUMERALS) {
		if (t.startsWith(word, i) && !glued(n, i + word.length))
			return { value, start: i, end: i + word.length, unit: '', slang: false };
	}
	return undefined;
}

function readNumber(n: Normalized, i: number): NumberToken | undefined {
	const token = readValue(n, i);
	if (!token || token.slang) return token;
	const unit = UNITS.find((u) => n.text.startsWith(u, token.end));
	if (unit !== undefined) {
		token.unit = unit;
		token.end += unit.length;
	}
	return token;
}

/**
 * On the survey's 1–5 scale: 0 is the lowest mark on any scale (1); 10, and 100 with 分, are
 * top marks on the 10- and 100-point scales customers know from elsewhere (5); 6–9 could be
 * a mistyped 5-point answer or a middling 10-point one, so they give nothing (null).
 */
function onScale(token: NumberToken): CsatScore | null {
	const v = token.value;
	if (v >= 1 && v <= 5) return v as CsatScore;
	if (v === 0) return 1;
	if (v === 10 || (v === 100 && token.unit === '分')) return 5;
	return null;
}

/** Where the negation before `start` begins, or -1 when the word is not negated. */
function negationAt(n: Normalized, start: number): number {
	const t = n.text;
	for (let skip = 0; skip <= MAX_FILLER && start - skip >= 0; skip++) {
		const end = start - skip;
		if (skip > 0 && !NEGATION_FILLER.has(t[end])) return -1;
		for (const cue of NEGATION_CUES) {
			const at = end - cue.length;
			if (at >= 0 && t.startsWith(cue, at) && !glued(n, at)) return at;
		}
	}
	return -1;
}

function spanMap(spans: readonly Span[]): Map<number, number> {
	return new Map(spans.map((s) => [s.start, s.end]));
}

/** A clause whose normalised text is longer than `budget` is only measured, not read. */
export function readClause(clause: Clause, budget: number): ClauseReading {
	const n = normalize(clause.text);
	const t = n.text;
	if (t.length > budget)
		return {
			numbers: [],
			phrases: [],
			slang: [],
			outOfRange: false,
			question: false,
			topic: false,
			politeOnly: false,
			length: t.length,
		};
	const toInput = (s: Span): Span => {
		const span = originalSpan(n, s.start, s.end);
		return { start: clause.from[span.start], end: clause.to[span.end - 1] };
	};
	const phrases = findPhrases(n);
	const covered = (i: number) => phrases.some((p) => i >= p.start && i < p.end);

	// Numbers in score position: filler before (or a verb that gives a score, with a unit), and
	// filler or rating words after. "5号", "第5个" and "11月5日" fail one side and are not scores.
	const tokens: NumberToken[] = [];
	for (let i = 0; i < t.length; i++) {
		const token = covered(i) ? undefined : readNumber(n, i);
		if (!token) continue;
		tokens.push(token);
		i = token.end - 1;
	}
	// A number with its unit may stand beside another ("5分5分"; "4分5分" then disagrees).
	const nearby = spanMap([...phrases, ...tokens.filter((x) => x.unit !== '')]);
	const numbers: Array<NumberToken & { score: CsatScore | null }> = [];
	for (const token of tokens) {
		const before =
			consumes(t, 0, token.start, PREFIX, nearby) ||
			(token.unit !== '' && ASSIGN.some((a) => t.endsWith(a, token.start)));
		if (before && consumes(t, token.end, t.length, SUFFIX, nearby))
			numbers.push({ ...token, score: onScale(token) });
	}

	const scoredPhrases: Array<PhraseSpan & { score: CsatScore }> = [];
	const around = spanMap([...phrases, ...numbers]);
	for (const p of phrases) {
		if (p.entry.score === null) continue;
		if (p.entry.alone && !consumes(t, 0, p.start, PREFIX, around)) continue;
		// The rating word ends the clause (but for particles and thanks): "很好" yes, "很好奇" and
		// "好评返现" no.
		if (!consumes(t, p.end, t.length, SUFFIX, around)) continue;
		// 不是非常满意: a negated positive is a hedged complaint; a negated complaint says too little.
		const negation = p.entry.negated ? -1 : negationAt(n, p.start);
		if (negation < 0) scoredPhrases.push({ ...p, score: p.entry.score });
		else if (p.entry.score >= 4) scoredPhrases.push({ ...p, start: negation, score: 2 });
	}

	// Blank out what was read as a score, then look for question and request words in the rest.
	const blank = [...scoredPhrases, ...numbers];
	let rest = '';
	for (let i = 0; i < t.length; i++)
		rest += blank.some((s) => i >= s.start && i < s.end) ? '\u0000' : t[i];
	for (const word of NOT_QUESTIONS) rest = rest.split(word).join('\u0000');
	const question = QUESTION_CUES.some((cue) => rest.includes(cue));
	const topic = TOPIC_CUES.some((cue) => rest.includes(cue));

	const valid = numbers.filter((x) => !x.slang && x.score !== null);
	return {
		numbers: valid.map((x) => ({ score: x.score as CsatScore, ...toInput(x) })),
		phrases: scoredPhrases.map((p) => ({ score: p.score, ...toInput(p) })),
		slang: numbers.filter((x) => x.slang).map((x) => ({ score: 5 as CsatScore, ...toInput(x) })),
		outOfRange: numbers.some((x) => x.score === null),
		question,
		topic,
		politeOnly: consumes(t, 0, t.length, SUFFIX, new Map()),
		length: t.length,
	};
}
