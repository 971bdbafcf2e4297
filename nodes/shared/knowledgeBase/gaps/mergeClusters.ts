/**
 * Step 3 of findGaps, merge: clusters whose centroids are MERGE_RATIO·θ alike join, most
 * similar first. Two phrasings of a topic (能开发票吗 / 发票抬头怎么填) share only the topic
 * word, so their centroids are less alike than the DMs of one phrasing are.
 */
import { centroidPoint, centroidsOf, renumberClusters, type Centroid } from './centroid';
import { firstHeavyTerm } from './similaritySearch';
import type { Point } from './termVectors';

/**
 * Merges clusters (of two DMs or more) whose centroids are at least `threshold` alike, in
 * rounds until none are. Candidates come from the heavy terms of each centroid, as for points
 * (see similaritySearch). Returns the cluster count.
 */
export function mergeSimilarClusters(
	points: readonly Point[],
	assign: Int32Array,
	termCount: number,
	threshold: number,
): number {
	let clusters = renumberClusters(assign);
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
			for (let i = firstHeavyTerm(q.values, threshold); i < q.terms.length; i++) {
				for (const b of postings[q.terms[i]]) {
					if (b <= a || seen[b] === a) continue;
					seen[b] = a;
					const sim =
						centroids[b].dotCentroid(centroids[a]) /
						Math.sqrt(centroids[a].norm2 * centroids[b].norm2);
					if (sim >= threshold) pairs.push({ a, b, sim });
				}
			}
		}
		if (pairs.length === 0) return clusters;
		pairs.sort((x, y) => y.sim - x.sim || x.a - y.a || x.b - y.b);
		absorb(pairs, centroids, assign, clusters);
		clusters = renumberClusters(assign);
	}
}

/**
 * Applies one round of merges, most similar pairs first: the larger cluster of a pair absorbs
 * the smaller, and may absorb several in a round, each similar to it as it was at the start of
 * the round; a cluster absorbed, or absorbing, cannot take the other role in the same round,
 * so nothing chains through a centroid that has already moved.
 */
function absorb(
	pairs: ReadonlyArray<{ a: number; b: number }>,
	centroids: readonly Centroid[],
	assign: Int32Array,
	clusters: number,
): void {
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
