/**
 * Clusters and their centroids. A cluster is an id in an assignment array (assign[k] is the
 * cluster of point k), renumbered 0.. after each pass; its centroid is the sum of its members'
 * unit vectors, each counted once per DM, and similarity to it is cosine.
 */
import { sortByWeight, type Point } from './termVectors';

/**
 * A cluster's centroid as a weighted sum of its members' unit vectors, and its squared norm.
 * Each term has a slot in `vals`, so an index can point at the live value.
 */
export class Centroid {
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
export function cosine(p: Point, c: Centroid, member: boolean): number {
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
export function centroidsOf(
	points: readonly Point[],
	assign: Int32Array,
	clusters: number,
	skip?: Uint8Array,
): Centroid[] {
	const centroids = Array.from({ length: clusters }, () => new Centroid());
	points.forEach((p, k) => {
		if (!skip?.[k]) centroids[assign[k]].add(p);
	});
	return centroids;
}

/** Unit centroid as a point (terms ascending by weight), for centroid-to-centroid lookups. */
export function centroidPoint(c: Centroid): Point {
	const terms = Int32Array.from(c.slots.keys());
	const norm = Math.sqrt(c.norm2);
	const values = Float64Array.from(terms, (t) => c.get(t) / norm);
	sortByWeight(terms, values);
	return { terms, values, weight: 1, first: 0, members: [], text: '' };
}

/** Renumbers clusters 0.. in order of their first point, dropping empty ids; returns the count. */
export function renumberClusters(assign: Int32Array): number {
	const map = new Map<number, number>();
	for (let k = 0; k < assign.length; k++) {
		let id = map.get(assign[k]);
		if (id === undefined) map.set(assign[k], (id = map.size));
		assign[k] = id;
	}
	return map.size;
}
