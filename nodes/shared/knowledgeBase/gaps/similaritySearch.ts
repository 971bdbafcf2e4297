/**
 * Finding the most similar cluster for a point without comparing it to every cluster.
 *
 * Nothing is all-pairs. Cosines are only computed against clusters sharing a term with the
 * text, through an inverted index (term → clusters, with the centroid's weight for the term),
 * and only through the text's heavy terms: sorted by weight, the lightest terms whose squared
 * weights sum to less than θ² cannot lift a cosine to θ on their own (Cauchy–Schwarz against a
 * unit centroid), so a cluster sharing none of the others cannot qualify; their norm also
 * bounds what they add, which skips most candidates without finishing the dot product. That
 * keeps 吗 and 的 (in thousands of clusters) out of the search.
 */
import { centroidsOf, cosine, type Centroid } from './centroid';
import type { Point } from './termVectors';

/**
 * Splits a point's terms into a light prefix and the heavy rest, for a lookup at `threshold`
 * against unit centroids whose weight for term t is at most maxWeight[t]. What the prefix can
 * add to a cosine is at most both |prefix| (Cauchy–Schwarz) and Σ v_t·maxWeight[t]; the
 * prefix grows while that bound stays below threshold, so a centroid sharing none of the
 * heavy terms cannot reach it and only the heavy terms' postings are read. The second bound
 * is what makes common characters light: in a week of one-off DMs such a character is in
 * thousands of centroids, each with a small weight for it.
 * Returns the index of the first heavy term and the bound on what the light ones can add.
 */
export function splitLightTerms(
	p: Point,
	threshold: number,
	maxWeight: ArrayLike<number>,
): { from: number; bound: number } {
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
export function firstHeavyTerm(values: Float64Array, threshold: number): number {
	const limit = threshold * threshold;
	let sum = 0;
	for (let i = 0; i < values.length; i++) {
		sum += values[i] * values[i];
		if (sum >= limit) return i;
	}
	return values.length;
}

/**
 * Centroids frozen for one pass, with an inverted index (term → clusters, each with its
 * centroid's weight for the term, in compressed rows) over the clusters of at least two DMs:
 * a point alone is never a target, as two lone points would only swap places pass after pass.
 * A lookup sums the point's heavy terms over the postings, then completes the dot product
 * with its light terms only for a cluster that could still beat the best so far.
 */
export class FrozenIndex {
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

	constructor(
		points: readonly Point[],
		assign: Int32Array,
		clusters: number,
		termCount: number,
		skip?: Uint8Array,
	) {
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
		const { from, bound } = splitLightTerms(p, threshold, this.maxWeight);
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
