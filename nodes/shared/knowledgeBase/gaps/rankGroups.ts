/**
 * Turns the final clusters into the report's groups: ranked by size, each with its DMs, its
 * most central texts as representatives and its candidate keywords.
 */
import type { GapDm, GapGroup } from './types';
import { groupKeywords } from '../gapKeywords';
import { centroidsOf, cosine } from './centroid';
import type { Point } from './termVectors';

/** findGaps' options, validated and defaulted. */
export interface GroupLimits {
	minGroupSize: number;
	maxGroups: number;
	representatives: number;
	keywords: number;
	totalDms: number;
}

/**
 * The groups of at least minGroupSize DMs, largest first (then first seen), at most maxGroups,
 * and the number of DMs they hold. Representatives are the original texts of the points most
 * similar to the group's centroid. A short DM (发票, 小样?) is all topic word, so its cosine to
 * its topic's centroid is high though it shares few terms.
 */
export function rankGroups(
	dms: readonly GapDm[],
	points: readonly Point[],
	assign: Int32Array,
	clusters: number,
	limits: GroupLimits,
): { groups: GapGroup[]; clustered: number } {
	const centroids = centroidsOf(points, assign, clusters);
	const byCluster: number[][] = Array.from({ length: clusters }, () => []);
	points.forEach((_, k) => byCluster[assign[k]].push(k));
	const kept = byCluster
		.map((pointIds, c) => ({
			pointIds,
			c,
			size: centroids[c].weight,
			first: pointIds.reduce((m, k) => Math.min(m, points[k].first), Infinity),
		}))
		.filter((g) => g.size >= limits.minGroupSize)
		.sort((x, y) => y.size - x.size || x.first - y.first)
		.slice(0, limits.maxGroups);

	const keywords = groupKeywords(
		{ texts: points.map((p) => p.text), weights: points.map((p) => p.weight) },
		kept.map((g) => g.pointIds),
		limits.keywords,
	);
	let clustered = 0;
	const groups = kept.map((g, i): GapGroup => {
		clustered += g.size;
		const members = g.pointIds.flatMap((k) => points[k].members).sort((a, b) => a - b);
		// A DM without a conversationId is a conversation of its own.
		const conversations = new Set(members.map((m) => dms[m].conversationId ?? `\u0000dm:${m}`))
			.size;
		const central = g.pointIds
			.map((k) => ({ k, sim: cosine(points[k], centroids[g.c], false) }))
			.sort((x, y) => y.sim - x.sim || points[x.k].first - points[y.k].first)
			.slice(0, limits.representatives)
			.map(({ k }) => dms[points[k].first].text);
		const share = limits.totalDms > 0 ? g.size / limits.totalDms : 0;
		return {
			size: g.size,
			share,
			conversations,
			representatives: central,
			keywords: keywords[i],
			members,
		};
	});
	return { groups, clustered };
}
