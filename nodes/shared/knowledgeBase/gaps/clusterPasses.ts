/**
 * The passes that move single points between clusters: step 1 (leader pass), step 2
 * (refinement) and step 5 (settling) of findGaps. Steps 3 and 4, which join whole clusters,
 * are in mergeClusters and bridgeClusters. Deterministic: every tie goes to the lower index.
 */
import { Centroid, cosine, renumberClusters } from './centroid';
import { FrozenIndex, splitLightTerms } from './similaritySearch';
import type { Point } from './termVectors';

/**
 * Step 1, leader pass: distinct texts, most frequent first (then first seen), each joins the
 * cluster whose centroid (sum of its members) it is most similar to, at `threshold` (θ) or
 * more, else starts one. One pass, but order-dependent, which step 2 undoes.
 *
 * Each point is compared with the centroids as they stand. The index points at the centroids'
 * live values (term → clusters and slots), so it never goes stale as they grow; the lookup is
 * FrozenIndex.best's, lone points included as targets. Returns the cluster of each point.
 */
export function leaderPass(
	points: readonly Point[],
	termCount: number,
	threshold: number,
): Int32Array {
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
		const { from, bound } = splitLightTerms(p, threshold, maxWeight);
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

/**
 * Step 2, refinement: each text moves to its most similar centroid of two DMs or more (its own
 * taken without itself), or alone below `threshold` (θ), centroids frozen per pass (Jacobi:
 * every point against the centroids of the previous pass), until nothing moves or after
 * `passes`. This undoes most order effects of step 1, and leaves one cluster per phrasing of a
 * question. Returns the cluster count.
 */
export function refine(
	points: readonly Point[],
	assign: Int32Array,
	termCount: number,
	threshold: number,
	passes: number,
): number {
	let clusters = renumberClusters(assign);
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
		clusters = renumberClusters(assign);
		if (moved === 0) break;
	}
	return clusters;
}

/**
 * Step 5, settling: a member whose cosine to its cluster (without itself) is below `threshold`
 * (SETTLE_RATIO·θ) leaves and is left alone, and a loose point joins the most similar cluster
 * at that cosine or more. Unlike step 2 it never starts a cluster: a point left alone attracts
 * nobody, so the members of a merged cluster cannot regroup by phrasing (merged phrasings
 * cannot split again). Returns the cluster count.
 */
export function settle(
	points: readonly Point[],
	assign: Int32Array,
	termCount: number,
	threshold: number,
	passes: number,
): number {
	const clusters = renumberClusters(assign);
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
	return renumberClusters(assign);
}
