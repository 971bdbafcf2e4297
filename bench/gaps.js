#!/usr/bin/env node
// node bench/gaps.js — what the knowledge-base gap report costs. About 10,000 unanswered DMs
// (generateGapSet of several seeds, so the known intents repeat with fresh decorations, plus
// one-off DMs of random common characters that cluster with nothing) grouped by findGaps,
// against the floor every text method pays: normalising and n-gramming the same texts
// (faqText + charNgrams). Medians over interleaved rounds after a warm-up; the last line is
// one JSON object.
'use strict';
const path = require('node:path');

require('../scripts/lib/requireTs');
const root = path.join(__dirname, '..');
const { findGaps } = require(path.join(root, 'nodes', 'shared', 'knowledgeBase', 'gapClusters.ts'));
const { faqText, charNgrams } = require(
	path.join(root, 'nodes', 'shared', 'keywordReply', 'faq', 'faqText.ts'),
);
const { generateGapSet, mulberry32, decorate } = require(
	path.join(root, 'test', 'knowledgeBase', 'gapFixture.ts'),
);

const DMS = Number(process.env.BENCH_GAP_DMS || 10_000);
// Share of the DMs that are one-off noise on top of the ~12% the generator already has.
const NOISE = Number(process.env.BENCH_GAP_NOISE || 0.15);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 7);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const COMMON =
	'的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持音友斗欢';

/** A one-off DM: random common characters, decorated like the rest. */
function noiseDm(next) {
	const length = 4 + Math.floor(next() * 14);
	let text = '';
	for (let i = 0; i < length; i++) text += COMMON[Math.floor(next() * COMMON.length)];
	return { text: decorate(next, text), conversationId: `noise:${Math.floor(next() * 1e9)}` };
}

function benchSet() {
	const next = mulberry32(20261123);
	const dms = [];
	const target = Math.round(DMS * (1 - NOISE));
	for (let seed = 1; dms.length < target; seed++) dms.push(...generateGapSet(seed).dms);
	dms.length = target;
	while (dms.length < DMS) dms.push(noiseDm(next));
	// Interleave, so that noise and intents arrive mixed as in a real week.
	for (let i = dms.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[dms[i], dms[j]] = [dms[j], dms[i]];
	}
	return dms;
}

function timeFloor(dms) {
	const t = process.hrtime.bigint();
	let terms = 0;
	for (const dm of dms) terms += charNgrams(faqText(dm.text)).length;
	const ms = Number(process.hrtime.bigint() - t) / 1e6;
	if (terms === 0) throw new Error('no terms');
	return ms;
}

function timeGaps(dms) {
	const t = process.hrtime.bigint();
	const result = findGaps(dms, { totalDms: dms.length * 4 });
	return { ms: Number(process.hrtime.bigint() - t) / 1e6, result };
}

function main() {
	const dms = benchSet();
	// Warm-up: loads the normalisation tables and lets the JIT settle.
	timeFloor(dms);
	timeGaps(dms);
	const floor = [];
	const gaps = [];
	let last;
	for (let r = 0; r < ROUNDS; r++) {
		floor.push(timeFloor(dms));
		const run = timeGaps(dms);
		gaps.push(run.ms);
		last = run.result;
	}
	const floorMs = median(floor);
	const gapsMs = median(gaps);
	// The engine works on distinct normalised texts: the intents repeat across seeds.
	const distinct = new Set(dms.map((dm) => faqText(dm.text))).size;
	console.log(
		`${dms.length} DMs (${distinct} distinct texts): faqText + charNgrams ${round(floorMs)} ms, findGaps ${round(gapsMs)} ms (${round(gapsMs / floorMs, 2)}× the floor)`,
	);
	console.log(
		`${last.considered} considered, ${last.groups.length} groups holding ${last.clustered}, ${last.ungrouped} ungrouped; top: ${last.groups
			.slice(0, 5)
			.map((g) => `${g.size} ${g.keywords.slice(0, 2).join('/')}`)
			.join(', ')}`,
	);
	console.log(
		JSON.stringify({
			dms: dms.length,
			distinct,
			rounds: ROUNDS,
			floor_ms: round(floorMs),
			gaps_ms: round(gapsMs),
			gaps_vs_floor: round(gapsMs / floorMs, 2),
			groups: last.groups.length,
			clustered: last.clustered,
		}),
	);
}

main();
