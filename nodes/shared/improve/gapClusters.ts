/**
 * The knowledge-base gap report: DMs that went to a human or got no answer, grouped by what
 * they ask, so that brand ops can see which FAQ entries are missing and how much traffic each
 * would take. Pure: no n8n, no I/O.
 *
 * Text and similarity. Texts go through the FAQ matcher's preparation (faqText: script, width,
 * case and alias folding, letters and digits only; charNgrams: character unigrams + bigrams,
 * since Chinese has no spaces to split words on). Identical normalised texts are one point
 * with a weight (the number of DMs). Terms are weighted (1 + ln tf) · ln((U + 1) / df) with
 * df counted over the U distinct texts of this very set, so whatever most of these DMs say
 * (你好, 请问, 在吗, 吗, 能用) weighs little and the topic words carry the similarity; vectors are
 * unit length and similarity is cosine. A term found in every text still weighs ln(1 + 1/U),
 * so a set of one repeated text keeps a non-zero vector.
 *
 * Clustering, deterministic from start to end (every tie goes to the lower index):
 * 1. leader pass: distinct texts, most frequent first (then first seen), each joins the
 *    cluster whose centroid (weighted sum of its members) it is most similar to, if that is at
 *    least `similarity`, else starts a cluster. Cheap, one pass, but order-dependent: an early
 *    text can be left alone before its topic's cluster exists;
 * 2. refinement: every text is reassigned to its most similar centroid, its own cluster's
 *    centroid taken without itself (otherwise a lone text always prefers itself), or alone if
 *    none reaches `similarity`; centroids are frozen during a pass and passes repeat until
 *    nothing moves (at most REFINE_PASSES), which undoes most of the order effects;
 * 3. merge: clusters whose centroids are at least `similarity` alike are merged, most similar
 *    pairs first, each cluster once per round, rounds until none; a topic asked two ways
 *    (发票抬头怎么填 / 能开发票吗) grows two clusters in step 1 whose centroids still share the
 *    topic words;
 * 4. one more refinement, so that members settle around the merged centroids.
 * Groups are then ranked by size. A short DM (发票, 小样?) is all topic words, so its cosine to
 * its topic's centroid is high even though it shares few terms.
 *
 * Speed: nothing is all-pairs. A cosine is only computed against clusters that share a term
 * with the text, found through an inverted index (term → clusters), and only through the
 * text's heavier terms: sorted by weight, the lightest terms whose squared weights sum to less
 * than similarity² can never lift a cosine to the threshold on their own (Cauchy–Schwarz against
 * a unit centroid), so a cluster sharing none of the other terms cannot qualify. That keeps
 * 吗 and 你 (in thousands of singleton clusters) out of the candidate search.
 */
import { charNgrams, faqText } from '../matching/faq/faqText';
import { groupKeywords } from './gapKeywords';

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
	/** Cosine a DM needs with a group's centroid to join it, and two centroids need to merge. */
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
 * Swept on generateGapSet (test/improve/gapFixture.ts, seeds 1–5, 12 intents and 42 one-off
 * DMs each), size-weighted purity / recall of the groups against the known intents:
 * SWEEP_PLACEHOLDER
 */
export const DEFAULT_GAP_SIMILARITY = 0.35;

const REFINE_PASSES = 4;

/** A sparse unit vector: term ids ascending by weight, so the heavy suffix is easy to find. */
interface Point {
	terms: Int32Array;
	values: Float64Array;
	/** terms[from..] are the heavy terms through which candidate clusters are looked up. */
	from: number;
	weight: number;
	first: number;
	members: number[];
	text: string;
}

/** Index of the first heavy term: the prefix before it has squared weights summing below threshold². */
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

const LATIN_RUN = /[\p{Script=Latin}\p{N}]+/gu;
const ALL_LATIN = /^[\p{Script=Latin}\p{N}]+$/u;

/**
 * charNgrams, except that a run of Latin letters or digits is one term: its letters mean
 * nothing alone, and as n-grams "hello" or a nickname would make nine rare terms and outweigh
 * the two or three of a Chinese topic word.
 */
function termsOf(text: string): string[] {
	const terms = charNgrams(text).filter((g) => !ALL_LATIN.test(g));
	for (const word of text.match(LATIN_RUN) ?? []) terms.push(word);
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
			const p: Point = { terms: new Int32Array(0), values: new Float64Array(0), from: 0, weight: 1, first: i, members: [i], text };
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
	const idf = df.map((d) => Math.log((u + 1) / d));
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

/** A cluster's centroid as a weighted sum of its members' unit vectors, and its squared norm. */
class Centroid {
	readonly sum = new Map<number, number>();
	norm2 = 0;
	weight = 0;

	add(p: Point, scale: number, onNewTerm?: (term: number) => void): void {
		const w = p.weight * scale;
		for (let i = 0; i < p.terms.length; i++) {
			const t = p.terms[i];
			const old = this.sum.get(t);
			if (old === undefined && onNewTerm) onNewTerm(t);
			const now = (old ?? 0) + w * p.values[i];
			this.norm2 += now * now - (old ?? 0) * (old ?? 0);
			this.sum.set(t, now);
		}
		this.weight += w;
	}

	dot(p: Point): number {
		let d = 0;
		for (let i = 0; i < p.terms.length; i++) d += p.values[i] * (this.sum.get(p.terms[i]) ?? 0);
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

/** Stamps for de-duplicating candidate clusters without clearing a set per lookup. */
class Stamps {
	private marks = new Int32Array(64);
	private stamp = 0;

	next(): void {
		this.stamp++;
	}

	/** True the first time `id` is seen since next(). */
	first(id: number): boolean {
		if (id >= this.marks.length) {
			const grown = new Int32Array(Math.max(id + 1, this.marks.length * 2));
			grown.set(this.marks);
			this.marks = grown;
		}
		if (this.marks[id] === this.stamp) return false;
		this.marks[id] = this.stamp;
		return true;
	}
}

/** Best cluster for a point among those sharing one of its heavy terms; -1 when none reaches threshold. */
function bestCluster(p: Point, postings: number[][], centroids: Centroid[], own: number, threshold: number, stamps: Stamps): number {
	stamps.next();
	let best = -1;
	let bestSim = threshold;
	for (let i = p.from; i < p.terms.length; i++) {
		const list = postings[p.terms[i]];
		for (let k = 0; k < list.length; k++) {
			const c = list[k];
			if (!stamps.first(c)) continue;
			const sim = cosine(p, centroids[c], c === own);
			if (sim > bestSim || (sim === bestSim && (best === -1 || c < best))) {
				best = c;
				bestSim = sim;
			}
		}
	}
	return best;
}

function centroidsOf(points: readonly Point[], assign: Int32Array, clusters: number, termCount: number): { centroids: Centroid[]; postings: number[][] } {
	const centroids = Array.from({ length: clusters }, () => new Centroid());
	const postings: number[][] = Array.from({ length: termCount }, () => []);
	points.forEach((p, k) => {
		const c = assign[k];
		centroids[c].add(p, 1, (t) => postings[t].push(c));
	});
	return { centroids, postings };
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

function leaderPass(points: readonly Point[], termCount: number, threshold: number): Int32Array {
	const assign = new Int32Array(points.length);
	const centroids: Centroid[] = [];
	const postings: number[][] = Array.from({ length: termCount }, () => []);
	const stamps = new Stamps();
	points.forEach((p, k) => {
		let c = bestCluster(p, postings, centroids, -1, threshold, stamps);
		if (c < 0) {
			c = centroids.length;
			centroids.push(new Centroid());
		}
		centroids[c].add(p, 1, (t) => postings[t].push(c));
		assign[k] = c;
	});
	return assign;
}

/** Jacobi passes: every point against the centroids of the previous pass. Returns the cluster count. */
function refine(points: readonly Point[], assign: Int32Array, termCount: number, threshold: number, passes: number): number {
	let clusters = compact(assign);
	const stamps = new Stamps();
	for (let pass = 0; pass < passes; pass++) {
		const { centroids, postings } = centroidsOf(points, assign, clusters, termCount);
		let moved = 0;
		let fresh = clusters;
		const next = new Int32Array(assign.length);
		points.forEach((p, k) => {
			const c = bestCluster(p, postings, centroids, assign[k], threshold, stamps);
			// Alone: its old cluster id if it was alone already, so that a stable state is stable.
			next[k] = c >= 0 ? c : centroids[assign[k]].weight === p.weight ? assign[k] : fresh++;
			if (next[k] !== assign[k]) moved++;
		});
		assign.set(next);
		clusters = compact(assign);
		if (moved === 0) break;
	}
	return clusters;
}

/**
 * Reassigns points among the clusters that exist now; a point that fits none (below threshold)
 * is left alone and attracts nobody, so that the members of a merged cluster cannot regroup
 * by phrasing. Returns the cluster count.
 */
function settle(points: readonly Point[], assign: Int32Array, termCount: number, threshold: number, passes: number): number {
	const clusters = compact(assign);
	const alone = new Uint8Array(points.length);
	const stamps = new Stamps();
	for (let pass = 0; pass < passes; pass++) {
		const centroids = Array.from({ length: clusters }, () => new Centroid());
		const postings: number[][] = Array.from({ length: termCount }, () => []);
		points.forEach((p, k) => {
			if (alone[k]) return;
			const c = assign[k];
			centroids[c].add(p, 1, (t) => postings[t].push(c));
		});
		let moved = 0;
		const next = Int32Array.from(assign);
		const nextAlone = new Uint8Array(points.length);
		points.forEach((p, k) => {
			const c = bestCluster(p, postings, centroids, alone[k] ? -1 : assign[k], threshold, stamps);
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
function centroidPoint(c: Centroid, threshold: number): Point {
	const terms = Int32Array.from(c.sum.keys());
	const norm = Math.sqrt(c.norm2);
	const values = Float64Array.from(terms, (t) => (c.sum.get(t) as number) / norm);
	sortByWeight(terms, values);
	return { terms, values, from: heavyFrom(values, threshold), weight: 1, first: 0, members: [], text: '' };
}

function merge(points: readonly Point[], assign: Int32Array, termCount: number, threshold: number): number {
	let clusters = compact(assign);
	const stamps = new Stamps();
	for (;;) {
		const { centroids, postings } = centroidsOf(points, assign, clusters, termCount);
		const pairs: Array<{ a: number; b: number; sim: number }> = [];
		for (let a = 0; a < clusters; a++) {
			const q = centroidPoint(centroids[a], threshold);
			stamps.next();
			stamps.first(a);
			for (let i = q.from; i < q.terms.length; i++) {
				for (const b of postings[q.terms[i]]) {
					if (b < a || !stamps.first(b)) continue;
					const sim = centroids[b].dot(q) / Math.sqrt(centroids[b].norm2);
					if (sim >= threshold) pairs.push({ a, b, sim });
				}
			}
		}
		if (pairs.length === 0) return clusters;
		pairs.sort((x, y) => y.sim - x.sim || x.a - y.a || x.b - y.b);
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
	const order = points.map((_, k) => k).sort((a, b) => points[b].weight - points[a].weight || (process.env.GAP_SHORT ? points[a].terms.length - points[b].terms.length : 0) || a - b);
	const sorted = order.map((k) => points[k]);
	const tSeed = Number(process.env.GAP_SEED ?? similarity);
	const tMerge = Number(process.env.GAP_MERGE ?? similarity);
	const tAssign = Number(process.env.GAP_ASSIGN ?? similarity);
	const tMin = Math.min(tSeed, tMerge, tAssign);
	for (const p of sorted) p.from = heavyFrom(p.values, tMin);

	const assign = leaderPass(sorted, termCount, tSeed);
	refine(sorted, assign, termCount, tSeed, REFINE_PASSES);
	merge(sorted, assign, termCount, tMerge);
	const clusters = process.env.GAP_SETTLE ? settle(sorted, assign, termCount, tAssign, REFINE_PASSES) : refine(sorted, assign, termCount, tAssign, REFINE_PASSES);

	const { centroids } = centroidsOf(sorted, assign, clusters, termCount);
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
