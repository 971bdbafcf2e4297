/**
 * Step 4 of findGaps, bridges: clusters whose anchor words (groupAnchors) DMs say together join
 * (快递单号 joins the 快递 and 单号 clusters). Synonyms share no character, so only such DMs
 * link them.
 */
import { corpusGrams, groupAnchors, type KeywordCorpus } from '../gapKeywords';
import { renumberClusters } from './centroid';
import type { Point } from './termVectors';

/**
 * A pair of groups needs at least BRIDGE_MIN DMs saying both anchors, and BRIDGE_SHARE of the
 * smaller group; BRIDGE_ROUNDS bounds the rounds. Chosen while looking at generateGapSet seeds
 * 1 and 6 (see DEFAULT_GAP_SIMILARITY).
 */
const BRIDGE_MIN = 2;
const BRIDGE_SHARE = 0.15;
const BRIDGE_ROUNDS = 4;

/**
 * Joins groups whose anchor words (see groupAnchors) DMs say together: 快递单号查不到 ties the
 * 快递 group to the 单号 one. A pair needs at least BRIDGE_MIN such DMs and BRIDGE_SHARE of the
 * smaller group. Each group joins at most one other per round, strongest pairs first, and
 * anchors are recomputed between rounds: joining everything linked at once would chain two
 * topics through a mixed group (发票还没收到 + 快递怎么还没到, anchored on 还没), while after a
 * round the merged group's anchor is its main topic again. Returns the cluster count.
 */
export function bridgeClusters(points: readonly Point[], assign: Int32Array): number {
	const corpus: KeywordCorpus = {
		texts: points.map((p) => p.text),
		weights: points.map((p) => p.weight),
	};
	let clusters = renumberClusters(assign);
	for (let round = 0; round < BRIDGE_ROUNDS; round++) {
		const byCluster: number[][] = Array.from({ length: clusters }, () => []);
		const size = new Float64Array(clusters);
		points.forEach((p, k) => {
			byCluster[assign[k]].push(k);
			size[assign[k]] += p.weight;
		});
		const eligible: number[] = [];
		for (let c = 0; c < clusters; c++) if (size[c] >= 2) eligible.push(c);
		const anchors = groupAnchors(
			corpus,
			eligible.map((c) => byCluster[c]),
		);
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
					if (strength >= BRIDGE_SHARE)
						pairs.push({ a: Math.min(a, b), b: Math.max(a, b), strength });
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
		clusters = renumberClusters(assign);
	}
	return clusters;
}
