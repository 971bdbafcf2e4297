/**
 * The knowledge-base gap report: DMs that went to a human or got no answer, grouped by what
 * they ask, so that brand ops can see which FAQ entries are missing and how much traffic each
 * would take. Pure: no n8n, no I/O.
 *
 * Text and similarity. Texts go through the FAQ matcher's preparation (faqText: script, width,
 * case and alias folding, letters and digits only; charNgrams: character unigrams + bigrams,
 * since Chinese has no spaces to split words on), except that a run of Latin letters or digits
 * is one term. Identical normalised texts are one point weighted by their number of DMs. Terms
 * are weighted (1 + ln tf) · ln(1 + U / df), df counted over the U distinct texts of this very
 * set, so what many of these DMs say weighs little and the topic words carry the similarity;
 * vectors are unit length, similarity is cosine. The 1 + keeps a topic that most DMs of a
 * small week ask about from weighing almost nothing (发票 in 6 of 11). The idf alone cannot
 * tell chatter from a topic word said as often (你好 in 8% of DMs, 发票 in 15%), nor a frame
 * many questions share (能用吗) from a topic, so a term lying wholly in the keyword stop list's
 * words in its DM (gapKeywords' chatterMask: 你好, 请问, 在吗, 谢谢, 吗, 用…) is a term of its
 * own and keeps CHATTER_WEIGHT of its weight.
 *
 * Clustering, deterministic (every tie goes to the lower index), θ = options.similarity:
 * 1. leader pass: distinct texts, most frequent first (then first seen), each joins the
 *    cluster whose centroid (sum of its members) it is most similar to, at θ or more, else
 *    starts one. One pass, but order-dependent;
 * 2. refinement: each text moves to its most similar centroid of two DMs or more (its own taken
 *    without itself), or alone below θ, centroids frozen per pass, until nothing moves. This
 *    undoes most order effects, and leaves one cluster per phrasing of a question;
 * 3. merge: clusters whose centroids are MERGE_RATIO·θ alike join, most similar first. Two
 *    phrasings of a topic (能开发票吗 / 发票抬头怎么填) share only the topic word, so their
 *    centroids are less alike than the DMs of one phrasing are;
 * 4. bridges: clusters whose anchor words (groupAnchors) DMs say together join (快递单号 joins
 *    the 快递 and 单号 clusters). Synonyms share no character, so only such DMs link them;
 * 5. settling: a member whose cosine to its cluster (without itself) is below SETTLE_RATIO·θ
 *    leaves, and a loose text joins the most similar cluster at that cosine or more. Unlike
 *    step 2 it never starts a cluster, so merged phrasings cannot split again.
 * The lower thresholds of steps 3 and 5 are against centroids of diverse phrasings, which
 * their own members are only so similar to (a member's cosine to a big centroid is about the
 * square root of the mean pairwise cosine); step 1 and 2, which decide who is alike at all,
 * use θ. Groups are then ranked by size. A short DM (发票, 小样?) is all topic word, so its
 * cosine to its topic's centroid is high though it shares few terms.
 *
 * This is lexical: a question asked with words that share no character and that no DM uses
 * together (快递到哪了 / 物流不更新) stays in separate groups, each still pure.
 *
 * Speed: nothing is all-pairs. Cosines are only computed against clusters sharing a term with
 * the text, through an inverted index (term → clusters, with the centroid's weight for the
 * term), and only through the text's heavy terms: sorted by weight, the lightest terms whose
 * squared weights sum to less than θ² cannot lift a cosine to θ on their own (Cauchy–Schwarz
 * against a unit centroid), so a cluster sharing none of the others cannot qualify; their
 * norm also bounds what they add, which skips most candidates without finishing the dot
 * product. That keeps 吗 and 的 (in thousands of clusters) out of the search.
 */
import { charNgrams, faqText } from '../matching/faq/faqText';
import { chatterMask, corpusGrams, groupAnchors, groupKeywords, type KeywordCorpus } from './gapKeywords';

export interface GapDm {
	text: string;
	at?: number;
	conversationId?: string;
	messageId?: string;
	channel?: string;
}

export interface GapGroup {
	/** DMs in the group (after counting exact-duplicate normalised texts once per DM). */
	size: number;
	/** size / options.totalDms (share of ALL traffic in the range, not of the gaps); 0 when totalDms is 0. */
	share: number;
	/** distinct conversationIds in the group (DMs without one count as their own). */
	conversations: number;
	/** up to options.representatives (default 3) original DM texts: the most central first (highest similarity to the group centroid), distinct after normalisation. */
	representatives: string[];
	/** candidate keywords that characterise the group, best first, at most options.keywords (default 5); normalised (simplified) form. */
	keywords: string[];
	/** indices into the input array, in input order. */
	members: number[];
}

export interface GapOptions {
	/**
	 * Cosine (0–1] a DM needs with a group's centroid to start or join one; merging and keeping
	 * members use fixed fractions of it. Lower: fewer, larger, less pure groups.
	 * Default DEFAULT_GAP_SIMILARITY (0.225).
	 */
	similarity?: number;
	minGroupSize?: number;
	maxGroups?: number;
	representatives?: number;
	keywords?: number;
	/** All DMs in the range, answered or not; defaults to dms.length. */
	totalDms?: number;
}

export interface GapResult {
	groups: GapGroup[];
	/** DMs with some letter or digit left after normalisation (blank, emoji-only DMs are skipped). */
	considered: number;
	/** DMs in the returned groups. */
	clustered: number;
	/** considered − clustered: alone, in a group below minGroupSize, or in one beyond maxGroups. */
	ungrouped: number;
}

/**
 * Swept on generateGapSet seeds 11–20 (test/improve/gapFixture.ts: 12 intents of 5–70 DMs and
 * 42 one-off DMs per set), every group kept: size-weighted purity / recall against the intents
 * (mean, worst seed), and the share of one-off DMs left ungrouped (mean, worst):
 *   θ      purity       recall       one-offs left out
 *   0.15   0.95 (0.91)  0.95 (0.90)  0.68 (0.60)
 *   0.175  0.97 (0.95)  0.94 (0.90)  0.80 (0.71)
 *   0.20   0.98 (0.96)  0.91 (0.85)  0.92 (0.83)
 *   0.225  0.98 (0.96)  0.89 (0.85)  0.93 (0.86)
 *   0.25   0.98 (0.96)  0.86 (0.79)  0.92 (0.88)
 *   0.275  0.98 (0.97)  0.84 (0.77)  0.94 (0.91)
 *   0.30   0.99 (0.98)  0.82 (0.76)  0.96 (0.91)
 *   0.35   0.99 (0.98)  0.75 (0.68)  0.96 (0.91)
 * Below 0.2 one-off DMs join groups; above 0.225 recall falls for little purity. Between the
 * two, 0.225 because it leaves more one-offs out: of 3,000 DMs of random characters
 * decorated like the others it groups 145 (mostly a repeated nickname), 0.2 groups 211 and
 * 0.175 373. Seeds 1–10, not used for tuning, at 0.225: purity 0.98 (0.97), recall 0.88
 * (0.84), one-offs left out 0.92 (0.88).
 * MERGE_RATIO and SETTLE_RATIO (0.35–1 × 0.5–0.8 tried), CHATTER_WEIGHT (0–1) and the idf
 * (ln((U+1)/df), and that +0.5 or +1) were chosen on seeds 11–20 the same way; the bridge
 * constants while looking at seeds 1 and 6 (bridges add about 0.01 to recall here).
 */
export const DEFAULT_GAP_SIMILARITY = 0.225;

/** Passes of steps 2 and 5; moves after the third are a handful (and can oscillate). */
const REFINE_PASSES = 4;
/** Step 3 merges centroids at MERGE_RATIO·θ; step 5 keeps members at SETTLE_RATIO·θ. */
const MERGE_RATIO = 0.5;
const SETTLE_RATIO = 0.6;
/** Step 4: DMs saying both anchors, at least BRIDGE_MIN and BRIDGE_SHARE of the smaller group. */
const BRIDGE_MIN = 2;
const BRIDGE_SHARE = 0.15;
const BRIDGE_ROUNDS = 4;
/** Share of its tf-idf weight a chatter term keeps. */
const CHATTER_WEIGHT = 0.3;

/** A sparse unit vector, terms in ascending order of weight, so the light ones come first. */
interface Point {
	terms: Int32Array;
	values: Float64Array;
	weight: number;
	first: number;
	members: number[];
	text: string;
}

/**
 * Splits a point's terms into a light prefix and the heavy rest, for a lookup at `threshold`
 * against unit centroids whose weight for term t is at most maxWeight[t]. What the prefix can
 * add to a cosine is at most both |prefix| (Cauchy–Schwarz) and Σ v_t·maxWeight[t]; the
 * prefix grows while that bound stays below threshold, so a centroid sharing none of the
 * heavy terms cannot reach it and only the heavy terms' postings are read. The second bound
 * is what makes common characters light: in a week of one-off DMs such a character is in
 * thousands of centroids, each with a small weight for it.
 */
function split(p: Point, threshold: number, maxWeight: ArrayLike<number>): { from: number; bound: number } {
	let squares = 0;
	let linear = 0;
	let bound = 0;
	for (let i = 0; i < p.terms.length; i++) {
		const v = p.values[i];
		squares += v * v;
		linear += v * maxWeight[p.terms[i]];
		const next = Math.min(Math.sqrt(squares), linear);
		if (next >= threshold) return { from: i, bound };
		bound = next;
	}
	return { from: p.terms.length, bound };
}

/** Index of the first heavy term by Cauchy–Schwarz alone: the prefix before it has squared weights summing below threshold². */
function heavyFrom(values: Float64Array, threshold: number): number {
	const limit = threshold * threshold;
	let sum = 0;
	for (let i = 0; i < values.length; i++) {
		sum += values[i] * values[i];
		if (sum >= limit) return i;
	}
	return values.length;
}

function sortByWeight(terms: Int32Array, values: Float64Array): void {
	const order = Array.from(terms.keys()).sort((a, b) => values[a] - values[b] || terms[a] - terms[b]);
	const t = Int32Array.from(order, (i) => terms[i]);
	const v = Float64Array.from(order, (i) => values[i]);
	terms.set(t);
	values.set(v);
}

/**
 * faqText leaves letters and digits only, so below U+0250 (ASCII, Latin-1, Latin Extended)
 * every character is a Latin letter or a digit.
 */
const LATIN_RUN = /[\u0030-\u024f]+/g;
const HAS_LATIN = /[\u0030-\u024f]/;

function isLatin(gram: string): boolean {
	for (let i = 0; i < gram.length; i++) if (gram.charCodeAt(i) >= 0x250) return false;
	return true;
}

/** Prefix of a term where it is chatter: a term of its own, weighing CHATTER_WEIGHT as much. */
const CHATTER = '\u0000';

/**
 * charNgrams, with two changes. A run of Latin letters or digits is one term: its letters mean
 * nothing alone, and as n-grams "hello" or a nickname would make nine rare terms and outweigh
 * the two or three of a Chinese topic word. And a term lying wholly in chatter in this DM (see
 * chatterMask) is marked as such: 好请 in 你好请问 is as empty as 你好 and 请问, while 能用 in
 * 敏感肌能用吗 is too, and weighs little whatever its idf.
 */
function termsOf(text: string): string[] {
	const grams = charNgrams(text);
	// charNgrams gives the n unigrams (by code point), then the n − 1 bigrams in order.
	const n = (grams.length + 1) / 2;
	const mask = chatterMask(grams.slice(0, n));
	const terms: string[] = [];
	const latin = HAS_LATIN.test(text);
	for (let i = 0; i < grams.length; i++) {
		const g = grams[i];
		if (latin && isLatin(g)) continue;
		const chatter = i < n ? mask[i] === 1 : mask[i - n] === 1 && mask[i - n + 1] === 1;
		terms.push(chatter ? CHATTER + g : g);
	}
	if (latin) {
		for (const match of text.matchAll(LATIN_RUN)) {
			const word = match[0];
			// The mask counts code points; the word itself is all single units.
			const start = Array.from(text.slice(0, match.index)).length;
			let chatter = true;
			for (let k = 0; k < word.length; k++) if (mask[start + k] !== 1) chatter = false;
			terms.push(chatter ? CHATTER + word : word);
		}
	}
	return terms;
}

function buildPoints(dms: readonly GapDm[]): { points: Point[]; termCount: number } {
	const byText = new Map<string, Point>();
	const points: Point[] = [];
	for (let i = 0; i < dms.length; i++) {
		const raw = dms[i]?.text;
		if (typeof raw !== 'string' || raw.trim() === '') continue;
		const text = faqText(raw);
		if (text === '') continue;
		const seen = byText.get(text);
		if (seen) {
			seen.weight++;
			seen.members.push(i);
		} else {
			const p: Point = { terms: new Int32Array(0), values: new Float64Array(0), weight: 1, first: i, members: [i], text };
			byText.set(text, p);
			points.push(p);
		}
	}
	const ids = new Map<string, number>();
	const df: number[] = [];
	const counts: Array<Map<number, number>> = [];
	for (const p of points) {
		const tf = new Map<number, number>();
		for (const gram of termsOf(p.text)) {
			let id = ids.get(gram);
			if (id === undefined) {
				id = df.length;
				ids.set(gram, id);
				df.push(0);
			}
			const c = tf.get(id);
			if (c === undefined) df[id]++;
			tf.set(id, (c ?? 0) + 1);
		}
		counts.push(tf);
	}
	const u = points.length;
	const names = [...ids.keys()];
	const idf = df.map((d, id) => Math.log(1 + u / d) * (names[id].startsWith(CHATTER) ? CHATTER_WEIGHT : 1));
	points.forEach((p, k) => {
		const tf = counts[k];
		const terms = new Int32Array(tf.size);
		const values = new Float64Array(tf.size);
		let j = 0;
		let norm = 0;
		for (const [id, c] of tf) {
			terms[j] = id;
			values[j] = (1 + Math.log(c)) * idf[id];
			norm += values[j] * values[j];
			j++;
		}
		norm = Math.sqrt(norm);
		for (let i = 0; i < values.length; i++) values[i] /= norm;
		sortByWeight(terms, values);
		p.terms = terms;
		p.values = values;
	});
	return { points, termCount: df.length };
}

/**
 * A cluster's centroid as a weighted sum of its members' unit vectors, and its squared norm.
 * Each term has a slot in `vals`, so an index can point at the live value.
 */
class Centroid {
	readonly slots = new Map<number, number>();
	readonly vals: number[] = [];
	norm2 = 0;
	weight = 0;

	add(p: Point, onNewTerm?: (term: number, slot: number) => void): void {
		const w = p.weight;
		for (let i = 0; i < p.terms.length; i++) {
			const t = p.terms[i];
			let slot = this.slots.get(t);
			if (slot === undefined) {
				slot = this.vals.length;
				this.slots.set(t, slot);
				this.vals.push(0);
				onNewTerm?.(t, slot);
			}
			const old = this.vals[slot];
			const now = old + w * p.values[i];
			this.norm2 += now * now - old * old;
			this.vals[slot] = now;
		}
		this.weight += w;
	}

	get(term: number): number {
		const slot = this.slots.get(term);
		return slot === undefined ? 0 : this.vals[slot];
	}

	/** Dot product of the two sums, walking the smaller one. */
	dotCentroid(other: Centroid): number {
		const [small, large] = this.slots.size <= other.slots.size ? [this, other] : [other, this];
		let d = 0;
		for (const [t, slot] of small.slots) d += small.vals[slot] * large.get(t);
		return d;
	}

	dot(p: Point): number {
		let d = 0;
		for (let i = 0; i < p.terms.length; i++) d += p.values[i] * this.get(p.terms[i]);
		return d;
	}
}

/** Cosine of a point with a centroid, the point's own contribution removed when it is a member. */
function cosine(p: Point, c: Centroid, member: boolean): number {
	let dot = c.dot(p);
	let norm2 = c.norm2;
	if (member) {
		if (c.weight - p.weight <= 0) return 0;
		// |S − w·v|² = |S|² − 2w(v·S) + w², v being unit length.
		norm2 = norm2 - 2 * p.weight * dot + p.weight * p.weight;
		dot -= p.weight;
	}
	return norm2 > 1e-12 ? dot / Math.sqrt(norm2) : 0;
}

/** Centroids of all clusters, points flagged in `skip` left out. */
function centroidsOf(points: readonly Point[], assign: Int32Array, clusters: number, skip?: Uint8Array): Centroid[] {
	const centroids = Array.from({ length: clusters }, () => new Centroid());
	points.forEach((p, k) => {
		if (!skip?.[k]) centroids[assign[k]].add(p);
	});
	return centroids;
}

/**
 * Centroids frozen for one pass, with an inverted index (term → clusters, each with its
 * centroid's weight for the term, in compressed rows) over the clusters of at least two DMs:
 * a point alone is never a target, as two lone points would only swap places pass after pass.
 * A lookup sums the point's heavy terms over the postings, then completes the dot product
 * with its light terms only for a cluster that could still beat the best so far.
 */
class FrozenIndex {
	readonly centroids: Centroid[];
	private readonly norms: Float64Array;
	private readonly offsets: Int32Array;
	private readonly ids: Int32Array;
	private readonly vals: Float64Array;
	private readonly acc: Float64Array;
	private readonly marks: Int32Array;
	private readonly found: Int32Array;
	private readonly maxWeight: Float64Array;
	private stamp = 0;

	constructor(points: readonly Point[], assign: Int32Array, clusters: number, termCount: number, skip?: Uint8Array) {
		const centroids = centroidsOf(points, assign, clusters, skip);
		this.centroids = centroids;
		this.norms = Float64Array.from(centroids, (c) => Math.sqrt(c.norm2));
		const offsets = new Int32Array(termCount + 1);
		for (const c of centroids) if (c.weight >= 2) for (const t of c.slots.keys()) offsets[t + 1]++;
		for (let t = 0; t < termCount; t++) offsets[t + 1] += offsets[t];
		const fill = offsets.slice(0, termCount);
		this.ids = new Int32Array(offsets[termCount]);
		this.vals = new Float64Array(offsets[termCount]);
		this.maxWeight = new Float64Array(termCount);
		centroids.forEach((c, id) => {
			if (c.weight < 2) return;
			for (const [t, slot] of c.slots) {
				this.ids[fill[t]] = id;
				this.vals[fill[t]++] = c.vals[slot];
				this.maxWeight[t] = Math.max(this.maxWeight[t], c.vals[slot] / this.norms[id]);
			}
		});
		this.offsets = offsets;
		this.acc = new Float64Array(clusters);
		this.marks = new Int32Array(clusters);
		this.found = new Int32Array(clusters);
	}

	/** Most similar cluster at `threshold` or more (own: the point's cluster, compared without it), else -1. */
	best(p: Point, own: number, threshold: number): number {
		const { from, bound } = split(p, threshold, this.maxWeight);
		const stamp = ++this.stamp;
		let n = 0;
		for (let i = from; i < p.terms.length; i++) {
			const t = p.terms[i];
			const v = p.values[i];
			for (let j = this.offsets[t]; j < this.offsets[t + 1]; j++) {
				const c = this.ids[j];
				if (this.marks[c] !== stamp) {
					this.marks[c] = stamp;
					this.acc[c] = 0;
					this.found[n++] = c;
				}
				this.acc[c] += v * this.vals[j];
			}
		}
		let best = -1;
		let bestSim = threshold;
		// Its own cluster without it is not bounded by maxWeight (taking the point out can raise
		// the other weights), so it is always compared in full.
		if (own >= 0 && this.centroids[own].weight >= 2) {
			const sim = cosine(p, this.centroids[own], true);
			if (sim >= bestSim) {
				best = own;
				bestSim = sim;
			}
		}
		for (let k = 0; k < n; k++) {
			const c = this.found[k];
			if (c === own) continue;
			const centroid = this.centroids[c];
			if (this.acc[c] / this.norms[c] + bound < bestSim) continue;
			let dot = this.acc[c];
			for (let i = 0; i < from; i++) dot += p.values[i] * centroid.get(p.terms[i]);
			const sim = dot / this.norms[c];
			if (sim > bestSim || (sim === bestSim && (best === -1 || c < best))) {
				best = c;
				bestSim = sim;
			}
		}
		return best;
	}
}

/** Renumbers clusters 0.. in order of their first point, dropping empty ids; returns the count. */
function compact(assign: Int32Array): number {
	const map = new Map<number, number>();
	for (let k = 0; k < assign.length; k++) {
		let id = map.get(assign[k]);
		if (id === undefined) map.set(assign[k], (id = map.size));
		assign[k] = id;
	}
	return map.size;
}

/**
 * One pass in order, each point against the centroids as they stand. The index points at the
 * centroids' live values (term → clusters and slots), so it never goes stale as they grow;
 * the lookup is FrozenIndex.best's, lone points included as targets.
 */
function leaderPass(points: readonly Point[], termCount: number, threshold: number): Int32Array {
	const assign = new Int32Array(points.length);
	const centroids: Centroid[] = [];
	const postClusters: number[][] = Array.from({ length: termCount }, () => []);
	const postSlots: number[][] = Array.from({ length: termCount }, () => []);
	// An upper bound on every centroid's unit weight for each term: adding a point only makes
	// a centroid longer (weights are never negative), so only the point's own terms can rise.
	const maxWeight = new Float64Array(termCount);
	let acc = new Float64Array(64);
	let marks = new Int32Array(64);
	let found = new Int32Array(64);
	points.forEach((p, k) => {
		const { from, bound } = split(p, threshold, maxWeight);
		const stamp = k + 1;
		let n = 0;
		for (let i = from; i < p.terms.length; i++) {
			const t = p.terms[i];
			const v = p.values[i];
			const cs = postClusters[t];
			const slots = postSlots[t];
			for (let j = 0; j < cs.length; j++) {
				const c = cs[j];
				if (marks[c] !== stamp) {
					marks[c] = stamp;
					acc[c] = 0;
					found[n++] = c;
				}
				acc[c] += v * centroids[c].vals[slots[j]];
			}
		}
		let best = -1;
		let bestSim = threshold;
		for (let q = 0; q < n; q++) {
			const c = found[q];
			const centroid = centroids[c];
			const norm = Math.sqrt(centroid.norm2);
			if (acc[c] / norm + bound < bestSim) continue;
			let dot = acc[c];
			for (let i = 0; i < from; i++) dot += p.values[i] * centroid.get(p.terms[i]);
			const sim = dot / norm;
			if (sim > bestSim || (sim === bestSim && (best === -1 || c < best))) {
				best = c;
				bestSim = sim;
			}
		}
		if (best < 0) {
			best = centroids.length;
			centroids.push(new Centroid());
			if (centroids.length > acc.length) {
				acc = Float64Array.from({ length: acc.length * 2 }, (_, i) => acc[i] ?? 0);
				marks = Int32Array.from({ length: marks.length * 2 }, (_, i) => marks[i] ?? 0);
				found = new Int32Array(found.length * 2);
			}
		}
		const c = best;
		const centroid = centroids[c];
		centroid.add(p, (t, slot) => {
			postClusters[t].push(c);
			postSlots[t].push(slot);
		});
		const norm = Math.sqrt(centroid.norm2);
		for (let i = 0; i < p.terms.length; i++) {
			const t = p.terms[i];
			maxWeight[t] = Math.max(maxWeight[t], centroid.get(t) / norm);
		}
		assign[k] = c;
	});
	return assign;
}

/** Jacobi passes: every point against the centroids of the previous pass. Returns the cluster count. */
function refine(points: readonly Point[], assign: Int32Array, termCount: number, threshold: number, passes: number): number {
	let clusters = compact(assign);
	for (let pass = 0; pass < passes; pass++) {
		const index = new FrozenIndex(points, assign, clusters, termCount);
		let moved = 0;
		let fresh = clusters;
		const next = new Int32Array(assign.length);
		points.forEach((p, k) => {
			const c = index.best(p, assign[k], threshold);
			// Alone: its old cluster id if it was alone already, so that a stable state is stable.
			next[k] = c >= 0 ? c : index.centroids[assign[k]].weight === p.weight ? assign[k] : fresh++;
			if (next[k] !== assign[k]) moved++;
		});
		assign.set(next);
		clusters = compact(assign);
		if (moved === 0) break;
	}
	return clusters;
}

/**
 * Step 5: a member stays while its cosine to its cluster (without itself) is at threshold or
 * more, else it is left alone; a loose point joins the most similar cluster at threshold. A
 * point left alone attracts nobody, so the members of a merged cluster cannot regroup by
 * phrasing. Returns the cluster count.
 */
function settle(points: readonly Point[], assign: Int32Array, termCount: number, threshold: number, passes: number): number {
	const clusters = compact(assign);
	const alone = new Uint8Array(points.length);
	for (let pass = 0; pass < passes; pass++) {
		const index = new FrozenIndex(points, assign, clusters, termCount, alone);
		let moved = 0;
		const next = Int32Array.from(assign);
		const nextAlone = new Uint8Array(points.length);
		points.forEach((p, k) => {
			if (!alone[k] && cosine(p, index.centroids[assign[k]], true) >= threshold) return;
			const c = alone[k] ? index.best(p, -1, threshold) : -1;
			if (c >= 0) next[k] = c;
			else nextAlone[k] = 1;
			if (next[k] !== assign[k] || nextAlone[k] !== alone[k]) moved++;
		});
		assign.set(next);
		alone.set(nextAlone);
		if (moved === 0) break;
	}
	let fresh = clusters;
	for (let k = 0; k < points.length; k++) if (alone[k]) assign[k] = fresh++;
	return compact(assign);
}

/** Unit centroid as a point (terms ascending by weight), for centroid-to-centroid lookups. */
function centroidPoint(c: Centroid): Point {
	const terms = Int32Array.from(c.slots.keys());
	const norm = Math.sqrt(c.norm2);
	const values = Float64Array.from(terms, (t) => c.get(t) / norm);
	sortByWeight(terms, values);
	return { terms, values, weight: 1, first: 0, members: [], text: '' };
}

/**
 * Merges clusters (of two DMs or more) whose centroids are at least `threshold` alike, in
 * rounds until none are. Candidates come from the heavy terms of each centroid, as for points.
 */
function merge(points: readonly Point[], assign: Int32Array, termCount: number, threshold: number): number {
	let clusters = compact(assign);
	for (;;) {
		const centroids = centroidsOf(points, assign, clusters);
		const postings: number[][] = Array.from({ length: termCount }, () => []);
		centroids.forEach((c, id) => {
			if (c.weight >= 2) for (const t of c.slots.keys()) postings[t].push(id);
		});
		const pairs: Array<{ a: number; b: number; sim: number }> = [];
		const seen = new Int32Array(clusters).fill(-1);
		for (let a = 0; a < clusters; a++) {
			if (centroids[a].weight < 2) continue;
			const q = centroidPoint(centroids[a]);
			for (let i = heavyFrom(q.values, threshold); i < q.terms.length; i++) {
				for (const b of postings[q.terms[i]]) {
					if (b <= a || seen[b] === a) continue;
					seen[b] = a;
					const sim = centroids[b].dotCentroid(centroids[a]) / Math.sqrt(centroids[a].norm2 * centroids[b].norm2);
					if (sim >= threshold) pairs.push({ a, b, sim });
				}
			}
		}
		if (pairs.length === 0) return clusters;
		pairs.sort((x, y) => y.sim - x.sim || x.a - y.a || x.b - y.b);
		absorb(pairs, centroids, assign, clusters);
		clusters = compact(assign);
	}
}

/**
 * Applies one round of merges, most similar pairs first: the larger cluster of a pair absorbs
 * the smaller, and may absorb several in a round, each similar to it as it was at the start of
 * the round; a cluster absorbed, or absorbing, cannot take the other role in the same round,
 * so nothing chains through a centroid that has already moved.
 */
function absorb(pairs: ReadonlyArray<{ a: number; b: number }>, centroids: readonly Centroid[], assign: Int32Array, clusters: number): void {
	const into = Int32Array.from({ length: clusters }, (_, i) => i);
	// 0 untouched, 1 absorbing, 2 absorbed.
	const role = new Uint8Array(clusters);
	for (const { a, b } of pairs) {
		const [big, small] = centroids[b].weight > centroids[a].weight ? [b, a] : [a, b];
		if (role[small] !== 0 || role[big] === 2) continue;
		role[big] = 1;
		role[small] = 2;
		into[small] = big;
	}
	for (let k = 0; k < assign.length; k++) assign[k] = into[assign[k]];
}

/**
 * Joins groups whose anchor words (see groupAnchors) DMs say together: 快递单号查不到 ties the
 * 快递 group to the 单号 one. A pair needs at least BRIDGE_MIN such DMs and BRIDGE_SHARE of the
 * smaller group. Each group joins at most one other per round, strongest pairs first, and
 * anchors are recomputed between rounds: joining everything linked at once would chain two
 * topics through a mixed group (发票还没收到 + 快递怎么还没到, anchored on 还没), while after a
 * round the merged group's anchor is its main topic again. Returns the cluster count.
 */
function bridgeMerge(points: readonly Point[], assign: Int32Array): number {
	const corpus: KeywordCorpus = { texts: points.map((p) => p.text), weights: points.map((p) => p.weight) };
	let clusters = compact(assign);
	for (let round = 0; round < BRIDGE_ROUNDS; round++) {
		const byCluster: number[][] = Array.from({ length: clusters }, () => []);
		const size = new Float64Array(clusters);
		points.forEach((p, k) => {
			byCluster[assign[k]].push(k);
			size[assign[k]] += p.weight;
		});
		const eligible: number[] = [];
		for (let c = 0; c < clusters; c++) if (size[c] >= 2) eligible.push(c);
		const anchors = groupAnchors(corpus, eligible.map((c) => byCluster[c]));
		const anchorIds = new Map<string, number>();
		const clustersOf: number[][] = [];
		eligible.forEach((c, i) => {
			const a = anchors[i];
			if (a === undefined) return;
			let id = anchorIds.get(a);
			if (id === undefined) {
				anchorIds.set(a, (id = clustersOf.length));
				clustersOf.push([]);
			}
			clustersOf[id].push(c);
		});
		const n = clustersOf.length;
		const together = new Map<number, number>();
		points.forEach((p, k) => {
			const seen: number[] = [];
			for (const gram of corpusGrams(corpus, k, 2, 2)) {
				const id = anchorIds.get(gram);
				if (id !== undefined) seen.push(id);
			}
			for (let i = 0; i < seen.length; i++) {
				for (let j = i + 1; j < seen.length; j++) {
					const key = Math.min(seen[i], seen[j]) * n + Math.max(seen[i], seen[j]);
					together.set(key, (together.get(key) ?? 0) + p.weight);
				}
			}
		});
		const pairs: Array<{ a: number; b: number; strength: number }> = [];
		for (const [key, count] of together) {
			if (count < BRIDGE_MIN) continue;
			for (const a of clustersOf[Math.floor(key / n)]) {
				for (const b of clustersOf[key % n]) {
					const strength = count / Math.min(size[a], size[b]);
					if (strength >= BRIDGE_SHARE) pairs.push({ a: Math.min(a, b), b: Math.max(a, b), strength });
				}
			}
		}
		if (pairs.length === 0) break;
		pairs.sort((x, y) => y.strength - x.strength || x.a - y.a || x.b - y.b);
		const into = Int32Array.from({ length: clusters }, (_, i) => i);
		const touched = new Uint8Array(clusters);
		for (const { a, b } of pairs) {
			if (touched[a] || touched[b]) continue;
			touched[a] = touched[b] = 1;
			into[b] = a;
		}
		for (let k = 0; k < assign.length; k++) assign[k] = into[assign[k]];
		clusters = compact(assign);
	}
	return clusters;
}

function positiveInt(name: string, value: number | undefined, fallback: number, min: number): number {
	if (value === undefined) return fallback;
	if (!Number.isInteger(value) || value < min) throw new RangeError(`findGaps: ${name} must be an integer ≥ ${min}, got ${value}`);
	return value;
}

export function findGaps(dms: GapDm[], options: GapOptions = {}): GapResult {
	const similarity = options.similarity ?? DEFAULT_GAP_SIMILARITY;
	if (!(similarity > 0 && similarity <= 1)) throw new RangeError(`findGaps: similarity must be in (0, 1], got ${similarity}`);
	const minGroupSize = positiveInt('minGroupSize', options.minGroupSize, 2, 1);
	const maxGroups = positiveInt('maxGroups', options.maxGroups, 20, 0);
	const representatives = positiveInt('representatives', options.representatives, 3, 0);
	const keywordLimit = positiveInt('keywords', options.keywords, 5, 0);
	const totalDms = options.totalDms ?? dms.length;
	if (!(totalDms >= 0)) throw new RangeError(`findGaps: totalDms must be ≥ 0, got ${totalDms}`);

	const { points, termCount } = buildPoints(dms);
	const considered = points.reduce((n, p) => n + p.weight, 0);
	if (points.length === 0) return { groups: [], considered: 0, clustered: 0, ungrouped: 0 };

	// Most frequent first, then first seen: frequent texts make the first centroids, and a
	// stable sort keeps first-seen order among equals.
	const order = points.map((_, k) => k).sort((a, b) => points[b].weight - points[a].weight || a - b);
	const sorted = order.map((k) => points[k]);
	const mergeAt = similarity * MERGE_RATIO;
	const keepAt = similarity * SETTLE_RATIO;

	const assign = leaderPass(sorted, termCount, similarity);
	refine(sorted, assign, termCount, similarity, REFINE_PASSES);
	merge(sorted, assign, termCount, mergeAt);
	bridgeMerge(sorted, assign);
	const clusters = settle(sorted, assign, termCount, keepAt, REFINE_PASSES);

	const centroids = centroidsOf(sorted, assign, clusters);
	const byCluster: number[][] = Array.from({ length: clusters }, () => []);
	sorted.forEach((_, k) => byCluster[assign[k]].push(k));
	const kept = byCluster
		.map((pointIds, c) => ({ pointIds, c, size: centroids[c].weight, first: pointIds.reduce((m, k) => Math.min(m, sorted[k].first), Infinity) }))
		.filter((g) => g.size >= minGroupSize)
		.sort((x, y) => y.size - x.size || x.first - y.first)
		.slice(0, maxGroups);

	const keywords = groupKeywords(
		{ texts: sorted.map((p) => p.text), weights: sorted.map((p) => p.weight) },
		kept.map((g) => g.pointIds),
		keywordLimit,
	);
	let clustered = 0;
	const groups = kept.map((g, i): GapGroup => {
		clustered += g.size;
		const members = g.pointIds.flatMap((k) => sorted[k].members).sort((a, b) => a - b);
		const conversations = new Set(members.map((m) => dms[m].conversationId ?? `\u0000dm:${m}`)).size;
		const central = g.pointIds
			.map((k) => ({ k, sim: cosine(sorted[k], centroids[g.c], false) }))
			.sort((x, y) => y.sim - x.sim || sorted[x.k].first - sorted[y.k].first)
			.slice(0, representatives)
			.map(({ k }) => dms[sorted[k].first].text);
		return { size: g.size, share: totalDms > 0 ? g.size / totalDms : 0, conversations, representatives: central, keywords: keywords[i], members };
	});
	return { groups, considered, clustered, ungrouped: considered - clustered };
}
