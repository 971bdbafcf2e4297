/**
 * Candidate rule keywords for a group of unanswered DMs: the character n-grams (2–4 characters
 * of the normalised text) that many of the group's DMs contain and few of the others do.
 *
 * Support counts DMs, not occurrences (a DM saying 发票 twice is one vote), over the considered
 * DMs with exact duplicates weighted by their count. For a group of size n and all N DMs:
 * p = support in the group / n, q = support in all DMs / N, and the score is p · ln(p / q),
 * the n-gram's share of the group times how much more common it is there than overall
 * (one term of the KL divergence of the group from the traffic). p rewards coverage, which is
 * what a rule keyword is for; the log-ratio keeps words everyone says (你好, 能用, 请问) low
 * without a long stop list. An n-gram must be in at least MIN_SUPPORT of the group and at
 * least MIN_LIFT times as common there as overall, unless it occurs only in the group (for a
 * group that is most of the traffic no n-gram can reach the lift).
 */

/** Smallest share of the group's DMs a keyword must occur in. */
const MIN_SUPPORT = 0.3;
/** How much more common in the group than overall a keyword must be. */
const MIN_LIFT = 1.5;
/**
 * A shorter n-gram inside a chosen longer one (or the reverse) counts as the same keyword when
 * its support is at most this much higher: 开发 and 开发票 said by the same DMs is one word.
 */
const SAME_SUPPORT = 0.8;
const MIN_N = 2;
const MAX_N = 4;

/**
 * Chatter that the statistics alone can leave in a small group: an n-gram made only of these
 * pieces (可以吗 = 可以 + 吗) is never a keyword. Kept short on purpose.
 */
const STOP_WORDS = [
	'你好', '您好', '请问', '在吗', '谢谢', '亲亲', '可以', '一下', '这个', '那个', '怎么', '什么', '哈喽',
	'麻烦', '你们', '我们', '有没有', '是不是', '能不能', '可不可以', '吗', '呢', '吧', '啊', '呀', '哦', '嘛',
	'么', '的', '了', '亲', '我', '你', '您', '是', '有', '能', '在', '不', '要', '就', '还', '也', '都', '和',
	'这', '那', '个', '一',
];
const STOP = new Set(STOP_WORDS);
const STOP_MAX = Math.max(...STOP_WORDS.map((w) => w.length));

/** Sentence-final particles: a keyword that starts or ends with one (票吗, 了过敏) is a fragment. */
const PARTICLES = new Set(['吗', '呢', '吧', '啊', '呀', '哦', '嘛', '么', '的', '了']);

/** True when the n-gram splits entirely into stop words. */
function isChatter(gram: string): boolean {
	const ok = new Array<boolean>(gram.length + 1).fill(false);
	ok[0] = true;
	for (let end = 1; end <= gram.length; end++) {
		for (let len = 1; len <= Math.min(STOP_MAX, end) && !ok[end]; len++) {
			if (ok[end - len] && STOP.has(gram.slice(end - len, end))) ok[end] = true;
		}
	}
	return ok[gram.length];
}

/** Code points, so that a supplementary-plane character is never cut in half. */
function codePoints(text: string): string[] {
	return Array.from(text);
}

/** The distinct n-grams of length MIN_N..MAX_N in a normalised text. */
export function keywordGrams(text: string): Set<string> {
	const chars = codePoints(text);
	const out = new Set<string>();
	for (let n = MIN_N; n <= MAX_N; n++) {
		for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
	}
	return out;
}

export interface KeywordCorpus {
	/** Distinct normalised texts. */
	texts: readonly string[];
	/** How many DMs said each text. */
	weights: ArrayLike<number>;
}

interface Candidate {
	gram: string;
	support: number;
	score: number;
	p: number;
}

/**
 * Keywords for several groups at once (each a list of indices into corpus.texts), best first,
 * at most `limit` per group. The background counts are taken only for n-grams that some group
 * could use, so the pass over all DMs stays a lookup per n-gram.
 */
export function groupKeywords(corpus: KeywordCorpus, groups: ReadonlyArray<readonly number[]>, limit: number): string[][] {
	if (limit <= 0) return groups.map(() => []);
	const gramsOf = new Map<number, Set<string>>();
	const grams = (i: number) => {
		let g = gramsOf.get(i);
		if (!g) gramsOf.set(i, (g = keywordGrams(corpus.texts[i])));
		return g;
	};
	const inGroup: Array<Map<string, number>> = [];
	const sizes: number[] = [];
	const wanted = new Map<string, number>();
	for (const members of groups) {
		const counts = new Map<string, number>();
		let size = 0;
		for (const i of members) {
			const w = corpus.weights[i];
			size += w;
			for (const g of grams(i)) counts.set(g, (counts.get(g) ?? 0) + w);
		}
		for (const [g, c] of counts) {
			if (c < MIN_SUPPORT * size || PARTICLES.has(g[0]) || PARTICLES.has(g[g.length - 1]) || isChatter(g)) counts.delete(g);
			else wanted.set(g, 0);
		}
		inGroup.push(counts);
		sizes.push(size);
	}
	let total = 0;
	for (let i = 0; i < corpus.texts.length; i++) {
		const w = corpus.weights[i];
		total += w;
		if (wanted.size === 0) continue;
		for (const g of grams(i)) {
			const c = wanted.get(g);
			if (c !== undefined) wanted.set(g, c + w);
		}
	}
	return inGroup.map((counts, k) => pickKeywords(counts, sizes[k], wanted, total, limit));
}

function pickKeywords(counts: Map<string, number>, size: number, background: Map<string, number>, total: number, limit: number): string[] {
	const candidates: Candidate[] = [];
	for (const [gram, support] of counts) {
		const everywhere = background.get(gram) as number;
		const p = support / size;
		const lift = p / (everywhere / total);
		if (everywhere !== support && lift < MIN_LIFT) continue;
		candidates.push({ gram, support, p, score: p * Math.log(lift) });
	}
	// Equal scores (a group that is all the traffic scores everything 0): wider coverage, then
	// the longer, more specific n-gram, then code-unit order so the output never depends on
	// Map insertion order.
	candidates.sort((a, b) => b.score - a.score || b.p - a.p || b.gram.length - a.gram.length || (a.gram < b.gram ? -1 : a.gram > b.gram ? 1 : 0));
	const chosen: Candidate[] = [];
	for (const c of candidates) {
		if (chosen.length >= limit) break;
		// A keyword inside a chosen one said by (nearly) the same DMs adds nothing.
		if (chosen.some((k) => k.gram.includes(c.gram) && k.support >= SAME_SUPPORT * c.support)) continue;
		const inside = chosen.filter((k) => c.gram.includes(k.gram));
		if (inside.length > 0) {
			// A longer n-gram around a chosen keyword matches no DM that keyword misses: take it
			// in its place only when it covers (nearly) the same DMs, as 开发票 for 开发.
			if (inside.every((k) => c.support >= SAME_SUPPORT * k.support)) {
				const at = chosen.indexOf(inside[0]);
				chosen[at] = c;
				for (const k of inside.slice(1)) chosen.splice(chosen.indexOf(k), 1);
			}
			continue;
		}
		chosen.push(c);
	}
	return chosen.map((c) => c.gram);
}
