/**
 * The raw-text half of reading a survey answer, done before `normalize()` because normalising
 * throws away exactly what matters here: it drops emoji and ★ (which carry the score in
 * "⭐⭐⭐⭐" or "👍"), it drops the digit of a keycap "5️⃣", and it removes punctuation, so
 * "5/5" would become "55" and "不错，5分" one clause.
 *
 * Output: the faces and star runs found, and the rest of the text cut into clauses, each unit
 * of which still knows the span of the original text it came from (for `matched`).
 */
import type { CsatScore } from './csatLexicon';

export interface Clause {
	text: string;
	/** text[i] came from input[from[i], to[i]). */
	from: number[];
	to: number[];
}

export interface Mark {
	score: CsatScore;
	start: number;
	end: number;
}

export interface StarRun {
	/** Filled stars (⭐★🌟); ☆ counts for nothing. */
	full: number;
	start: number;
	end: number;
}

export interface Prepared {
	clauses: Clause[];
	faces: Mark[];
	stars: StarRun[];
	/** A question mark anywhere: the message asks something, so it is not an answer. */
	question: boolean;
}

/** Faces and hand signs, by code point. A single mild smile is 4: it is also plain politeness. */
const FACES = new Map<number, CsatScore>([
	...[
		0x1f600, 0x1f603, 0x1f604, 0x1f601, 0x1f606, 0x1f60d, 0x1f970, 0x1f929, 0x1f618, 0x1f63b,
		0x1f973,
	].map((c) => [c, 5] as const),
	...[
		0x2764, 0x2665, 0x1f495, 0x1f496, 0x1f497, 0x1f493, 0x1f49e, 0x1f4af, 0x1f44d, 0x1f44f, 0x1f64c,
		0x1faf6,
	].map((c) => [c, 5] as const),
	...[0x1f60a, 0x1f642, 0x263a].map((c) => [c, 4] as const),
	...[0x1f610, 0x1f611].map((c) => [c, 3] as const),
	...[0x1f641, 0x1f615, 0x2639, 0x1f61e, 0x1f614, 0x1f61f, 0x1f612].map((c) => [c, 2] as const),
	...[0x1f621, 0x1f620, 0x1f92c, 0x1f44e, 0x1f4a9, 0x1f92e].map((c) => [c, 1] as const),
] as Array<[number, CsatScore]>);

/** ⭐ ★ 🌟 are filled, ☆ empty. */
const STARS = new Map<number, number>([
	[0x2b50, 1],
	[0x2605, 1],
	[0x1f31f, 1],
	[0x2606, 0],
]);

/**
 * Xiaohongshu sends its built-in emoji as text: "[赞R]", "[微笑R]"; WeChat-style ones come as
 * "[强]". Names not listed here but ending in R are still emoji (dropped, no score).
 */
const BRACKET_FACES = new Map<string, CsatScore>([
	['赞', 5],
	['强', 5],
	['点赞', 5],
	['大笑', 5],
	['爱心', 5],
	['微笑', 4],
	['失望', 2],
	['难过', 2],
	['生气', 1],
	['发怒', 1],
	['弱', 1],
]);

/** Variation selectors, ZWJ, the keycap mark and skin tones: they only decorate the unit before. */
function isDecoration(cp: number): boolean {
	return (
		cp === 0xfe0f ||
		cp === 0xfe0e ||
		cp === 0x200d ||
		cp === 0x20e3 ||
		(cp >= 0x1f3fb && cp <= 0x1f3ff)
	);
}

function isCjk(code: number): boolean {
	return (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

function isDigit(code: number): boolean {
	return code >= 0x30 && code <= 0x39;
}

function isAsciiLetter(code: number): boolean {
	return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

const DELIMITERS = new Set([
	',',
	'.',
	'!',
	'?',
	';',
	':',
	'~',
	'-',
	'、',
	'。',
	'…',
	'—',
	'〜',
	'\n',
	'\r',
]);

/** "[赞R]" at `at`: the end of the bracket and its score (undefined for an unscored emoji); null if not an emoji. */
function bracketEmoji(input: string, at: number): { end: number; score?: CsatScore } | null {
	const close = input.indexOf(']', at + 1);
	if (close < 0 || close - at > 8) return null;
	const name = input.slice(at + 1, close);
	if (name.includes('[')) return null;
	const known = BRACKET_FACES.get(name.endsWith('R') ? name.slice(0, -1) : name);
	if (known !== undefined) return { end: close + 1, score: known };
	return name.endsWith('R') && name.length > 1 ? { end: close + 1 } : null;
}

class Builder {
	units: string[] = [];
	from: number[] = [];
	to: number[] = [];

	push(unit: string, start: number, end: number): void {
		this.units.push(unit);
		this.from.push(start);
		this.to.push(end);
	}

	lastSolid(): number {
		for (let k = this.units.length - 1; k >= 0; k--)
			if (this.units[k] !== ' ') return this.units[k].charCodeAt(0);
		return -1;
	}
}

/** Emoji, stars and keycaps out; full-width ASCII folded so that "５／５" reads as "5/5". */
function scan(input: string, faces: Mark[], stars: StarRun[]): Builder {
	const b = new Builder();
	// The star run being read, and whether it is the unit of a number ("5⭐" is "5星").
	let run: StarRun | undefined;
	// Index of the 星 unit that stands for the run, or -1.
	let unitAt = -1;
	let i = 0;
	while (i < input.length) {
		const cp = input.codePointAt(i) as number;
		const end = i + (cp > 0xffff ? 2 : 1);
		const star = STARS.get(cp);
		if (star !== undefined) {
			if (run) {
				run.full += star;
				run.end = end;
				if (unitAt >= 0) b.to[unitAt] = end;
			} else {
				run = { full: star, start: i, end };
				unitAt = isDigit(b.lastSolid()) ? b.units.length : -1;
				if (unitAt >= 0) b.push('星', i, end);
				else stars.push(run);
			}
			i = end;
			continue;
		}
		if (isDecoration(cp)) {
			i = end;
			continue;
		}
		if (cp === 0x20 || cp === 0x3000) {
			b.push(' ', i, end);
			i = end;
			continue;
		}
		// One star just before a number marks it ("★5"): the number is the score, not the star.
		if (run && unitAt < 0 && run.full === 1 && (isDigit(cp) || (cp >= 0xff10 && cp <= 0xff19)))
			stars.splice(stars.indexOf(run), 1);
		run = undefined;
		const face = FACES.get(cp);
		if (face !== undefined) {
			faces.push({ score: face, start: i, end });
			i = end;
			continue;
		}
		if (cp === 0x1f51f) {
			b.push('1', i, end);
			b.push('0', i, end);
			i = end;
			continue;
		}
		if (cp === 0x5b) {
			const emoji = bracketEmoji(input, i);
			if (emoji) {
				if (emoji.score !== undefined) faces.push({ score: emoji.score, start: i, end: emoji.end });
				i = emoji.end;
				continue;
			}
		}
		if (cp >= 0xff01 && cp <= 0xff5e) b.push(String.fromCharCode(cp - 0xfee0), i, end);
		else for (let k = i; k < end; k++) b.push(input[k], i, end);
		i = end;
	}
	return b;
}

/**
 * Rewrites, over the built units, every match of `re` for which `replace` gives a string; the
 * new units all map to the span of the whole match. Patterns are flat (no nested quantifiers).
 */
function rewrite(
	b: Builder,
	re: RegExp,
	replace: (m: RegExpExecArray) => string | undefined,
): Builder {
	const text = b.units.join('');
	const out = new Builder();
	let last = 0;
	for (let m = re.exec(text); m !== null; m = re.exec(text)) {
		const value = replace(m);
		if (value === undefined) continue;
		for (let k = last; k < m.index; k++) out.push(b.units[k], b.from[k], b.to[k]);
		const start = b.from[m.index];
		const end = b.to[m.index + m[0].length - 1];
		for (const unit of value) out.push(unit, start, end);
		last = m.index + m[0].length;
	}
	for (let k = last; k < b.units.length; k++) out.push(b.units[k], b.from[k], b.to[k]);
	return out;
}

/** "4/5", "8/10", "5 out of 5": the score on the survey's scale; odd tenths stay ambiguous. */
function fraction(m: RegExpExecArray): string | undefined {
	const got = Number(m[1]);
	const of = Number(m[2]);
	if (of === 5 && got <= 5) return `${got}分`;
	if (of === 10 && got <= 10 && got % 2 === 0) return `${got === 0 ? 0 : got / 2}分`;
	return undefined;
}

const FRACTION = /(?<![\d./])(\d{1,3}) *(?:\/|out of) *(\d{1,3})分?(?![\d./])/gi;
/** "5.0" is 5; "4.5" is left alone and later read as 45, out of range. */
const WHOLE_DECIMAL = /(?<![\d.])(\d{1,2})\.0{1,3}(?![\d.])/g;

function split(b: Builder): Clause[] {
	const clauses: Clause[] = [];
	let current: Clause = { text: '', from: [], to: [] };
	const close = () => {
		const text = current.text.trim();
		if (text.length > 0) {
			const skip = current.text.length - current.text.trimStart().length;
			clauses.push({
				text,
				from: current.from.slice(skip, skip + text.length),
				to: current.to.slice(skip, skip + text.length),
			});
		}
		current = { text: '', from: [], to: [] };
	};
	const { units } = b;
	for (let k = 0; k < units.length; k++) {
		const unit = units[k];
		const prev = k > 0 ? units[k - 1].charCodeAt(0) : -1;
		const next = k + 1 < units.length ? units[k + 1].charCodeAt(0) : -1;
		// A dot between digits is a decimal point and a hyphen between letters joins "so-so":
		// neither ends a sentence.
		const joins =
			(unit === '.' && isDigit(prev) && isDigit(next)) ||
			(unit === '-' && isAsciiLetter(prev) && isAsciiLetter(next));
		if (DELIMITERS.has(unit) && !joins) {
			close();
			continue;
		}
		// People separate phrases with a space instead of a comma ("非常满意 客服很耐心"), but
		// "4 分" and "very good" are one phrase: only a space between two Chinese characters cuts.
		if (unit === ' ' && isCjk(lastSolidOf(current.text)) && isCjk(nextSolid(units, k))) {
			close();
			continue;
		}
		current.text += unit;
		current.from.push(b.from[k]);
		current.to.push(b.to[k]);
	}
	close();
	return clauses;
}

function lastSolidOf(text: string): number {
	const t = text.trimEnd();
	return t.length > 0 ? t.charCodeAt(t.length - 1) : -1;
}

function nextSolid(units: string[], k: number): number {
	for (let j = k + 1; j < units.length; j++) if (units[j] !== ' ') return units[j].charCodeAt(0);
	return -1;
}

export function prepare(input: string): Prepared {
	const faces: Mark[] = [];
	const stars: StarRun[] = [];
	let built = scan(input, faces, stars);
	built = rewrite(built, WHOLE_DECIMAL, (m) => m[1]);
	built = rewrite(built, FRACTION, fraction);
	const question = built.units.includes('?');
	return { clauses: split(built), faces, stars, question };
}
