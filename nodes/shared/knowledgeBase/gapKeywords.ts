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
 * without a long stop list. An n-gram must be in at least MIN_SUPPORT of the group (and in
 * MIN_DMS DMs) and at least MIN_LIFT times as common there as overall, unless it occurs only
 * in the group (for a group that is most of the traffic no n-gram can reach the lift).
 */

/** Smallest share of the group's DMs a keyword must occur in. */
const MIN_SUPPORT = 0.3;
/** ...and never fewer DMs than this: one DM's wording says nothing about a group. */
const MIN_DMS = 2;
/** Smallest share of the group's DMs its anchor word must occur in. */
const ANCHOR_SUPPORT = 0.5;
/** Smallest share of all the DMs saying an anchor word that must be in the group. */
const ANCHOR_OWN = 0.7;
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
 * pieces (可以吗 = 可以 + 吗) is never a keyword, and weighs little in gapClusters' similarity.
 * Kept short on purpose. 用 is here because 能用吗 / 可以用吗 frame questions about anything
 * (孕妇, 敏感肌, 男生); words with another character (试用, 使用, 好用) still count.
 */
const STOP_WORDS = [
	'你好',
	'您好',
	'请问',
	'在吗',
	'谢谢',
	'亲亲',
	'可以',
	'一下',
	'这个',
	'那个',
	'怎么',
	'什么',
	'哈喽',
	'hello',
	'姐妹',
	'姐妹们',
	'不懂就问',
	'在线等',
	'辛苦',
	'麻烦',
	'你们',
	'我们',
	'有没有',
	'是不是',
	'能不能',
	'可不可以',
	'吗',
	'呢',
	'吧',
	'啊',
	'呀',
	'哦',
	'嘛',
	'么',
	'的',
	'了',
	'亲',
	'我',
	'你',
	'您',
	'是',
	'有',
	'能',
	'在',
	'不',
	'要',
	'就',
	'还',
	'也',
	'都',
	'和',
	'这',
	'那',
	'个',
	'一',
	'用',
];
const STOP = new Set(STOP_WORDS);
const STOP_MAX = Math.max(...STOP_WORDS.map((w) => w.length));

/** Sentence-final particles: a keyword that starts or ends with one (票吗, 了过敏) is a fragment. */
const PARTICLES = new Set(['吗', '呢', '吧', '啊', '呀', '哦', '嘛', '么', '的', '了']);

/** True when the n-gram splits entirely into stop words. */
export function isChatter(gram: string): boolean {
	const ok = new Array<boolean>(gram.length + 1).fill(false);
	ok[0] = true;
	for (let end = 1; end <= gram.length; end++) {
		for (let len = 1; len <= Math.min(STOP_MAX, end) && !ok[end]; len++) {
			if (ok[end - len] && STOP.has(gram.slice(end - len, end))) ok[end] = true;
		}
	}
	return ok[gram.length];
}

/**
 * For each character (code point) of a normalised text, 1 when some stop word covers it
 * there: in 你好请问孕妇能用吗 every character but 孕妇. Lets a caller treat 好请, which is no
 * stop word, as the chatter it is in this DM.
 */
export function chatterMask(chars: readonly string[]): Uint8Array {
	const mask = new Uint8Array(chars.length);
	for (let i = 0; i < chars.length; i++) {
		let piece = '';
		for (let len = 1; len <= STOP_MAX && i + len <= chars.length; len++) {
			piece += chars[i + len - 1];
			if (STOP.has(piece)) mask.fill(1, i, i + len);
		}
	}
	return mask;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The distinct n-grams of length minN..maxN in a normalised text, by code point so that a
 * supplementary-plane character is never cut in half.
 */
export function keywordGrams(text: string, minN = MIN_N, maxN = MAX_N): Set<string> {
	const out = new Set<string>();
	if (!SURROGATE.test(text)) {
		for (let n = minN; n <= maxN; n++)
			for (let i = 0; i + n <= text.length; i++) out.add(text.substring(i, i + n));
		return out;
	}
	const chars = Array.from(text);
	for (let n = minN; n <= maxN; n++) {
		for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
	}
	return out;
}

export interface KeywordCorpus {
	/** Distinct normalised texts. */
	texts: readonly string[];
	/** How many DMs said each text. */
	weights: ArrayLike<number>;
	/** keywordGrams per text and length range, filled on use: reusing the corpus object reuses them. */
	memo?: Map<string, Array<Set<string> | undefined>>;
}

/** keywordGrams of corpus.texts[i], memoised in the corpus. */
export function corpusGrams(
	corpus: KeywordCorpus,
	i: number,
	minN: number,
	maxN: number,
): Set<string> {
	const memo = (corpus.memo ??= new Map());
	const key = `${minN}-${maxN}`;
	let cache = memo.get(key);
	if (!cache) memo.set(key, (cache = new Array<Set<string> | undefined>(corpus.texts.length)));
	return (cache[i] ??= keywordGrams(corpus.texts[i], minN, maxN));
}

interface Candidate {
	gram: string;
	support: number;
	score: number;
	p: number;
}

interface GroupStats {
	/** Per group: n-gram → DMs of the group containing it, for the n-grams that qualify. */
	inGroup: Array<Map<string, number>>;
	sizes: number[];
	/** n-gram → DMs of the whole corpus containing it, for the n-grams some group kept. */
	background: Map<string, number>;
	total: number;
}

/**
 * Supports in each group and in the whole corpus. The background is only counted for n-grams
 * some group kept, so the pass over all DMs is a lookup per n-gram.
 */
function groupStats(
	corpus: KeywordCorpus,
	groups: ReadonlyArray<readonly number[]>,
	minN: number,
	maxN: number,
	minSupport: number,
): GroupStats {
	const grams = (i: number) => corpusGrams(corpus, i, minN, maxN);
	const inGroup: Array<Map<string, number>> = [];
	const sizes: number[] = [];
	const background = new Map<string, number>();
	for (const members of groups) {
		const counts = new Map<string, number>();
		let size = 0;
		for (const i of members) {
			const w = corpus.weights[i];
			size += w;
			for (const g of grams(i)) counts.set(g, (counts.get(g) ?? 0) + w);
		}
		for (const [g, c] of counts) {
			if (
				c < Math.max(minSupport * size, Math.min(MIN_DMS, size)) ||
				PARTICLES.has(g[0]) ||
				PARTICLES.has(g[g.length - 1]) ||
				isChatter(g)
			)
				counts.delete(g);
			else background.set(g, 0);
		}
		inGroup.push(counts);
		sizes.push(size);
	}
	let total = 0;
	for (let i = 0; i < corpus.texts.length; i++) {
		const w = corpus.weights[i];
		total += w;
		if (background.size === 0) continue;
		for (const g of grams(i)) {
			const c = background.get(g);
			if (c !== undefined) background.set(g, c + w);
		}
	}
	return { inGroup, sizes, background, total };
}

/** Keywords for several groups at once (each a list of indices into corpus.texts), best first, at most `limit` per group. */
export function groupKeywords(
	corpus: KeywordCorpus,
	groups: ReadonlyArray<readonly number[]>,
	limit: number,
): string[][] {
	if (limit <= 0) return groups.map(() => []);
	const { inGroup, sizes, background, total } = groupStats(
		corpus,
		groups,
		MIN_N,
		MAX_N,
		MIN_SUPPORT,
	);
	return inGroup.map((counts, k) =>
		pickKeywords(scored(counts, sizes[k], background, total), limit),
	);
}

/**
 * Each group's anchor, or undefined: the best-scoring two-character word that at least
 * ANCHOR_SUPPORT of its DMs say and that is the group's own, i.e. at least ANCHOR_OWN of all
 * the DMs saying it are in the group. The second condition keeps out a frame shared by
 * several topics: 能用 can top a group of 孕妇能用吗 by score, but most DMs saying 能用 ask
 * about something else. Two characters because that is the length of most Chinese words, so
 * anchors of different groups are comparable; used to find DMs that say the anchors of two
 * groups at once (快递单号, 孕妇哺乳期).
 */
export function groupAnchors(
	corpus: KeywordCorpus,
	groups: ReadonlyArray<readonly number[]>,
): Array<string | undefined> {
	const { inGroup, sizes, background, total } = groupStats(corpus, groups, 2, 2, ANCHOR_SUPPORT);
	return inGroup.map((counts, k) => {
		const candidates = scored(counts, sizes[k], background, total).filter(
			(c) => c.support >= ANCHOR_OWN * (background.get(c.gram) as number),
		);
		candidates.sort(byScore);
		return candidates[0]?.gram;
	});
}

function scored(
	counts: Map<string, number>,
	size: number,
	background: Map<string, number>,
	total: number,
): Candidate[] {
	const candidates: Candidate[] = [];
	for (const [gram, support] of counts) {
		const everywhere = background.get(gram) as number;
		const p = support / size;
		const lift = p / (everywhere / total);
		if (everywhere !== support && lift < MIN_LIFT) continue;
		candidates.push({ gram, support, p, score: p * Math.log(lift) });
	}
	return candidates;
}

/**
 * Best first. Equal scores (a group that is all the traffic scores everything 0): wider
 * coverage, then the longer, more specific n-gram, then code-unit order so the output never
 * depends on Map insertion order.
 */
function byScore(a: Candidate, b: Candidate): number {
	return (
		b.score - a.score ||
		b.p - a.p ||
		b.gram.length - a.gram.length ||
		(a.gram < b.gram ? -1 : a.gram > b.gram ? 1 : 0)
	);
}

function pickKeywords(candidates: Candidate[], limit: number): string[] {
	candidates.sort(byScore);
	const chosen: Candidate[] = [];
	// Longer n-grams passed over because chosen keywords inside them already cover them.
	const covered: Candidate[] = [];
	for (const c of candidates) {
		if (chosen.length >= limit) break;
		// A fragment of a chosen or covered n-gram said by (nearly) the same DMs adds nothing:
		// with 发票 chosen and 开发票 covered by it, 开发 is neither word.
		const fragment = (k: Candidate) =>
			k.gram.includes(c.gram) && k.support >= SAME_SUPPORT * c.support;
		if (chosen.some(fragment) || covered.some(fragment)) continue;
		const inside = chosen.filter((k) => c.gram.includes(k.gram));
		if (inside.length > 0) {
			// A longer n-gram around chosen keywords matches no DM they miss: it only takes the
			// place of those said by (nearly) the same DMs (开发票 for an earlier 开发).
			const same = inside.filter((k) => c.support >= SAME_SUPPORT * k.support);
			if (same.length > 0) {
				chosen[chosen.indexOf(same[0])] = c;
				for (const k of same.slice(1)) chosen.splice(chosen.indexOf(k), 1);
			} else {
				covered.push(c);
			}
			continue;
		}
		chosen.push(c);
	}
	return chosen.map((c) => c.gram);
}
