import { findGaps, type GapDm, type GapResult } from '../../nodes/shared/knowledgeBase/gapClusters';
import { GAP_INTENTS, generateGapSet } from './gapFixture';

/** The label most members of a group carry, and how many do (ties: the first seen). */
function majority(members: number[], labels: string[]): { label: string; count: number } {
	const counts = new Map<string, number>();
	for (const m of members) counts.set(labels[m], (counts.get(labels[m]) ?? 0) + 1);
	let best = { label: '', count: 0 };
	for (const [label, count] of counts) if (count > best.count) best = { label, count };
	return best;
}

/**
 * Purity: each found group's share of its majority label, weighted by group size. Recall: for
 * each intent, the share of its DMs in the one found group holding most of them, weighted by
 * intent size (noise labels are not intents).
 */
function purityAndRecall(result: GapResult, labels: string[]): { purity: number; recall: number } {
	let pure = 0;
	let grouped = 0;
	for (const g of result.groups) {
		pure += majority(g.members, labels).count;
		grouped += g.size;
	}
	let found = 0;
	let total = 0;
	for (const intent of GAP_INTENTS) {
		const mine = new Set(labels.flatMap((l, i) => (l === intent.label ? [i] : [])));
		let best = 0;
		for (const g of result.groups)
			best = Math.max(best, g.members.filter((m) => mine.has(m)).length);
		found += best;
		total += mine.size;
	}
	return { purity: grouped ? pure / grouped : 1, recall: found / total };
}

describe('findGaps on a hand-checked set', () => {
	// 3 topics and 2 one-offs. 孕妇能用吗😊 normalises to the same text as 孕妇能用吗: one
	// point of weight 2, so it is one representative but two DMs of the group.
	const dms: GapDm[] = [
		{ text: '能开发票吗？', conversationId: 'c1' },
		{ text: '孕妇能用吗', conversationId: 'c2' },
		{ text: '快递到哪了', conversationId: 'c3' },
		{ text: '發票怎么开', conversationId: 'c4' },
		{ text: '你们店几点下班', conversationId: 'c5' },
		{ text: '孕婦可以用嗎', conversationId: 'c6' },
		{ text: '请问可以开发票吗', conversationId: 'c7' },
		{ text: '我的快递怎么还没到', conversationId: 'c8' },
		{ text: '孕妇能用吗😊', conversationId: 'c9' },
		{ text: '发票', conversationId: 'c1' },
		{ text: '今天天气真好', conversationId: 'c10' },
		{ text: '快递到哪了呀', conversationId: 'c3' },
	];

	it('finds the three topics, ranked by size then earliest DM, and leaves the one-offs out', () => {
		const result = findGaps(dms, { totalDms: 40 });
		expect(result.considered).toBe(12);
		expect(result.clustered).toBe(10);
		expect(result.ungrouped).toBe(2);
		expect(result.groups.map((g) => g.members)).toEqual([
			[0, 3, 6, 9],
			// 3 DMs each: pregnancy's first DM (1) comes before logistics' (2).
			[1, 5, 8],
			[2, 7, 11],
		]);
		expect(result.groups.map((g) => g.size)).toEqual([4, 3, 3]);
		expect(result.groups.map((g) => g.share)).toEqual([0.1, 0.075, 0.075]);
		// c1 wrote twice about invoices, c3 twice about the parcel.
		expect(result.groups.map((g) => g.conversations)).toEqual([3, 3, 2]);
	});

	it('gives the most central DMs first, one per normalised text, and the topic word as keyword', () => {
		const [invoice, pregnancy, parcel] = findGaps(dms, { totalDms: 40 }).groups;
		// Past the chatter (请问, 可以, 吗), 请问可以开发票吗 says 开发票 like the first; 发票怎么开
		// has 票怎 and 么开, which no other DM says.
		expect(invoice.representatives).toEqual(['能开发票吗？', '发票', '请问可以开发票吗']);
		// The weight-2 text is the centre; its second DM is not repeated.
		expect(pregnancy.representatives).toEqual(['孕妇能用吗', '孕婦可以用嗎']);
		expect(parcel.representatives).toEqual(['快递到哪了', '快递到哪了呀', '我的快递怎么还没到']);
		expect(invoice.keywords).toContain('发票');
		expect(pregnancy.keywords).toContain('孕妇');
		expect(parcel.keywords).toContain('快递');
		for (const g of [invoice, pregnancy, parcel])
			for (const k of g.keywords) expect(['你好', '请问', '可以', '吗']).not.toContain(k);
	});

	it('honours minGroupSize, maxGroups, representatives and keywords', () => {
		const big = findGaps(dms, { minGroupSize: 4 });
		expect(big.groups.map((g) => g.members)).toEqual([[0, 3, 6, 9]]);
		expect(big.ungrouped).toBe(8);
		const two = findGaps(dms, { maxGroups: 2 });
		expect(two.groups).toHaveLength(2);
		expect(two.clustered).toBe(7);
		expect(two.ungrouped).toBe(5);
		const lean = findGaps(dms, { representatives: 1, keywords: 0 });
		expect(lean.groups[0].representatives).toEqual(['能开发票吗？']);
		expect(lean.groups.every((g) => g.keywords.length === 0)).toBe(true);
		// Without totalDms the share is of the input.
		expect(findGaps(dms).groups[0].share).toBeCloseTo(4 / 12);
		expect(findGaps(dms, { totalDms: 0 }).groups[0].share).toBe(0);
	});

	it('is deterministic', () => {
		expect(findGaps(dms)).toEqual(findGaps(dms.map((d) => ({ ...d }))));
	});
});

describe('findGaps edge cases', () => {
	it('handles empty and blank input', () => {
		expect(findGaps([])).toEqual({ groups: [], considered: 0, clustered: 0, ungrouped: 0 });
		// Emoji and punctuation only normalise to nothing: blank as well.
		const blank = findGaps([{ text: '' }, { text: '   ' }, { text: '😊😊' }, { text: '？！' }]);
		expect(blank).toEqual({ groups: [], considered: 0, clustered: 0, ungrouped: 0 });
	});

	it('keeps a single DM out of groups unless minGroupSize is 1', () => {
		expect(findGaps([{ text: '能开发票吗' }])).toEqual({
			groups: [],
			considered: 1,
			clustered: 0,
			ungrouped: 1,
		});
		const alone = findGaps([{ text: '能开发票吗' }], { minGroupSize: 1 });
		expect(alone.groups).toHaveLength(1);
		expect(alone.groups[0]).toMatchObject({
			size: 1,
			share: 1,
			conversations: 1,
			representatives: ['能开发票吗'],
			members: [0],
		});
	});

	it('makes one group of 10 identical DMs, with one representative', () => {
		const dms = Array.from({ length: 10 }, (_, i): GapDm => ({
			text: i % 2 ? '能开发票吗？' : '能開發票嗎',
			conversationId: `c${i % 4}`,
		}));
		const result = findGaps(dms, { totalDms: 100 });
		expect(result.groups).toHaveLength(1);
		expect(result.groups[0]).toMatchObject({
			size: 10,
			share: 0.1,
			conversations: 4,
			representatives: ['能開發票嗎'],
			members: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
		});
		// The group is all the traffic, so no n-gram is more common in it than elsewhere: the
		// longest one every DM says stands for the rest.
		expect(result.groups[0].keywords).toEqual(['能开发票']);
		expect(result).toMatchObject({ considered: 10, clustered: 10, ungrouped: 0 });
	});

	it('rejects nonsensical options', () => {
		expect(() => findGaps([], { similarity: 0 })).toThrow(RangeError);
		expect(() => findGaps([], { minGroupSize: 0 })).toThrow(RangeError);
		expect(() => findGaps([], { maxGroups: 1.5 })).toThrow(RangeError);
		expect(() => findGaps([], { totalDms: -1 })).toThrow(RangeError);
	});
});

describe.each([1, 2])('findGaps on generateGapSet(%i)', (seed) => {
	const { dms, labels } = generateGapSet(seed);
	const bySize = [...GAP_INTENTS].sort((a, b) => b.size - a.size);

	it('groups by intent: purity and recall', () => {
		// Every group, not just the top 20: the measure is of the clustering.
		const { purity, recall } = purityAndRecall(findGaps(dms, { maxGroups: 1000 }), labels);
		console.log(
			`generateGapSet(${seed}): ${dms.length} DMs, purity ${purity.toFixed(3)}, recall ${recall.toFixed(3)}`,
		);
		expect(purity).toBeGreaterThanOrEqual(0.9);
		// What is missing is mostly a question asked with words that share no character and
		// that too few DMs use together (物流一直不更新 beside 快递到哪了): a group of its own.
		expect(recall).toBeGreaterThanOrEqual(0.85);
	});

	it('ranks the three largest intents first, in order', () => {
		const { groups } = findGaps(dms);
		expect(groups.slice(0, 3).map((g) => majority(g.members, labels).label)).toEqual(
			bySize.slice(0, 3).map((i) => i.label),
		);
	});

	it('names each of the top 5 groups with a word expected for its intent', () => {
		for (const g of findGaps(dms).groups.slice(0, 5)) {
			const intent = GAP_INTENTS.find((i) => i.label === majority(g.members, labels).label);
			expect(intent).toBeDefined();
			expect(g.keywords.some((k) => intent?.expected.includes(k))).toBe(true);
		}
	});

	it('leaves most one-off DMs out of every group', () => {
		const grouped = new Set(findGaps(dms).groups.flatMap((g) => g.members));
		const noise = labels.flatMap((l, i) => (l.startsWith('noise:') ? [i] : []));
		const out = noise.filter((i) => !grouped.has(i)).length / noise.length;
		expect(out).toBeGreaterThanOrEqual(0.8);
	});
});
