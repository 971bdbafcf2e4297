#!/usr/bin/env node
// npm run bench:knowledge — what the continuous-improvement tools cost, against the decision
// the Keyword Reply already makes for every DM (rules + FAQ, no state): the floor.
// 1. Preview of a rule change: a week of 2,000 recent DMs and the golden set, decided under
//    the live and the changed knowledge base, plus overlaps and FAQ overlaps. Floor: deciding
//    the same DMs twice.
// 2. Agent assist per DM: top 3 answers and near misses. Floor: one decision per DM.
// Medians over rounds; the last line is one JSON object.
'use strict';
const path = require('node:path');
require('../scripts/lib/requireTs');
const shared = path.join(__dirname, '..', 'nodes', 'shared');
const { previewChange } = require(path.join(shared, 'knowledgeBase', 'rulePreview.ts'));
const { assist } = require(path.join(shared, 'knowledgeBase', 'agentAssist.ts'));
const { compileKnowledgeBase, dmOutcome } = require(
	path.join(shared, 'knowledgeBase', 'knowledgeBase.ts'),
);
const { goldenFromRows } = require(path.join(shared, 'knowledgeBase', 'goldenSet.ts'));
const { faqFromRows } = require(path.join(shared, 'keywordReply', 'faq', 'faqRows.ts'));
const { rulesFromJson } = require(path.join(shared, 'keywordReply', 'rules', 'ruleRows.ts'));
const { listOf } = require(path.join(shared, 'listOf.ts'));
const seed = require('../scripts/lib/knowledgeSeed');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 7);
const RECENT = Number(process.env.BENCH_RECENT || 2000);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

const live = {
	rules: rulesFromJson(seed.ruleRows()),
	faq: faqFromRows(seed.faqRows()),
	protectedTerms: listOf(seed.productNames()),
};
const changed = {
	...live,
	rules: [
		...live.rules,
		...rulesFromJson([{ name: '大促', priority: 300, any: '钱, 优惠', replies: '全场 8 折' }]),
	],
};
const golden = goldenFromRows(seed.goldenRows());

// Recent DMs: the golden texts and everyday questions with variations, as a week brings them.
const BASE = [
	'这个面霜多少钱',
	'什么时候发货',
	'能开发票吗',
	'孕妇可以用吗',
	'保质期多久',
	'我要投诉',
	'有小样吗',
	'精华怎么用',
	'退货地址是哪里',
	'敏感肌能用吗',
	...golden.map((g) => g.text),
];
const DECOR = ['', '亲，', '请问', '在吗？', '你好～'];
const recent = Array.from({ length: RECENT }, (_, i) => ({
	text: `${DECOR[i % DECOR.length]}${BASE[(i * 7) % BASE.length]}${i % 3 === 0 ? '😊' : ''}${i % 11 === 0 ? ` #${i}` : ''}`,
}));

function time(fn) {
	const t = process.hrtime.bigint();
	fn();
	return Number(process.hrtime.bigint() - t) / 1e6;
}

// The worst case: every DM a different text (an order number in each), so nothing is shared.
const distinct = recent.map((dm, i) => ({ text: `${dm.text} 订单${100000 + i}` }));

const kbLive = compileKnowledgeBase(live, 0.5);
const kbChanged = compileKnowledgeBase(changed, 0.5);
const floorPreview = [];
const preview = [];
const floorAssist = [];
const assistTimes = [];
const floorDistinct = [];
const previewDistinct = [];
let report;
for (let r = 0; r < ROUNDS; r++) {
	floorPreview.push(
		time(() => {
			for (const dm of recent) {
				dmOutcome(dm.text, kbLive);
				dmOutcome(dm.text, kbChanged);
			}
		}),
	);
	preview.push(
		time(() => {
			report = previewChange(live, changed, recent, golden);
		}),
	);
	floorDistinct.push(
		time(() => {
			for (const dm of distinct) {
				dmOutcome(dm.text, kbLive);
				dmOutcome(dm.text, kbChanged);
			}
		}),
	);
	previewDistinct.push(time(() => previewChange(live, changed, distinct, golden)));
	floorAssist.push(
		(time(() => {
			for (const dm of recent) dmOutcome(dm.text, kbLive);
		}) /
			recent.length) *
			1000,
	);
	assistTimes.push(
		(time(() => {
			for (const dm of recent)
				assist({ text: dm.text, nickname: '阿花' }, kbLive.rules, kbLive.faq);
		}) /
			recent.length) *
			1000,
	);
}
const out = {
	recentDms: RECENT,
	distinctTexts: report.sampled.distinctTexts,
	previewMs: round(median(preview), 1),
	previewFloorMs: round(median(floorPreview), 1),
	previewRatio: round(median(preview) / median(floorPreview)),
	previewAllDistinctMs: round(median(previewDistinct), 1),
	previewAllDistinctFloorMs: round(median(floorDistinct), 1),
	previewAllDistinctRatio: round(median(previewDistinct) / median(floorDistinct)),
	assistUsPerDm: round(median(assistTimes), 1),
	assistFloorUsPerDm: round(median(floorAssist), 1),
	assistRatio: round(median(assistTimes) / median(floorAssist)),
	changed: report.changes.total,
	brokenGolden: report.golden.brokenByChange.length,
};
console.log(
	`preview of a change over ${RECENT} recent DMs (${out.distinctTexts} distinct) + ${golden.length} golden: ${out.previewMs} ms, floor (decide each DM twice) ${out.previewFloorMs} ms, ratio ${out.previewRatio}`,
);
console.log(
	`the same with every DM a different text: ${out.previewAllDistinctMs} ms, floor ${out.previewAllDistinctFloorMs} ms, ratio ${out.previewAllDistinctRatio}`,
);
console.log(
	`agent assist: ${out.assistUsPerDm} µs per DM, floor (one decision) ${out.assistFloorUsPerDm} µs, ratio ${out.assistRatio}`,
);
console.log(JSON.stringify(out));
