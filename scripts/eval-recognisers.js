#!/usr/bin/env node
// npm run eval:recognisers — the CSAT-answer and lead recognisers on labelled sets, tuning set
// and held-out set side by side. The tuning sets (test/serviceMetrics/csatAnswers.ts, the
// EXAMPLES of test/crmSync/leads.test.ts) were written with the code, and the code was tuned on
// them; the held-out sets (csatHeldOut.ts, leadsHeldOut.ts) were written after the code was
// frozen, labelled by reading, and are never tuned on: their figures are the honest ones.
// The last line is one JSON object.
'use strict';
const path = require('node:path');

require('./lib/requireTs');
const root = path.join(__dirname, '..');
const { parseCsatAnswer } = require(
	path.join(root, 'nodes', 'shared', 'serviceMetrics', 'csat', 'csatAnswer.ts'),
);
const { extractLeads } = require(path.join(root, 'nodes', 'shared', 'crmSync', 'leads.ts'));
const { CSAT_ANSWERS } = require(path.join(root, 'test', 'serviceMetrics', 'csatAnswers.ts'));
const { CSAT_HELD_OUT } = require(path.join(root, 'test', 'serviceMetrics', 'csatHeldOut.ts'));
const { LEADS_HELD_OUT } = require(path.join(root, 'test', 'crmSync', 'leadsHeldOut.ts'));
const { phoneRegionFigures } = require(path.join(root, 'test', 'crmSync', 'phoneRegions.ts'));
const { PHONE_REGIONS_HELD_OUT } = require(
	path.join(root, 'test', 'crmSync', 'phoneRegionsHeldOut.ts'),
);

const f3 = (x) => Number(x.toFixed(3));

/** Precision: right scores / scores given; recall: right scores / answers in the labels. */
function csatFigures(set) {
	let predicted = 0;
	let labelled = 0;
	let correct = 0;
	let nonAnswersScored = 0;
	const misses = [];
	for (const [text, expected] of set) {
		const got = parseCsatAnswer(text)?.score ?? null;
		if (got !== null) predicted++;
		if (expected !== null) labelled++;
		if (got !== null && got === expected) correct++;
		if (expected === null && got !== null) nonAnswersScored++;
		if (got !== expected) misses.push(`${JSON.stringify(text)}: ${expected} → ${got}`);
	}
	return {
		n: set.length,
		precision: predicted ? correct / predicted : 1,
		recall: labelled ? correct / labelled : 1,
		nonAnswersScored,
		misses,
	};
}

const FIELDS = ['phones', 'wechatIds', 'emails'];

/** Numbers taken that are right / numbers taken, over every region of a phoneRegionFigures. */
function precisionOf(figures) {
	let taken = 0;
	for (const f of figures.byRegion.values()) taken += f.tp + f.fp;
	return taken ? 1 - figures.wrong.length / taken : 1;
}

const recallOf = (f) => (f.tp + f.fn ? f.tp / (f.tp + f.fn) : 1).toFixed(3);

/** Per field: right values / values extracted, and right values / values in the labels. */
function leadFigures(set) {
	const counts = Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }]));
	const misses = [];
	for (const example of set) {
		const actual = extractLeads(example.dm);
		for (const f of FIELDS) {
			const want = new Set(example.expected[f] ?? []);
			const got = new Set(actual[f] ?? []);
			const c = counts[f];
			for (const v of got) want.has(v) ? c.tp++ : c.fp++;
			for (const v of want) if (!got.has(v)) c.fn++;
			const same = want.size === got.size && [...want].every((v) => got.has(v));
			if (!same)
				misses.push(
					`${JSON.stringify(example.dm)} ${f}: ${[...want].join(',') || '—'} → ${[...got].join(',') || '—'}`,
				);
		}
	}
	return Object.fromEntries(
		FIELDS.map((f) => {
			const { tp, fp, fn } = counts[f];
			return [
				f,
				{
					precision: tp + fp ? tp / (tp + fp) : 1,
					recall: tp + fn ? tp / (tp + fn) : 1,
					tp,
					fp,
					fn,
				},
			];
		}),
	);
}

function main() {
	const showMisses = process.argv.includes('--misses');
	const tuning = csatFigures(CSAT_ANSWERS);
	const heldOut = csatFigures(CSAT_HELD_OUT);
	console.log('CSAT answers (survey replies)      texts  precision  recall  non-answers scored');
	for (const [name, r] of [
		['tuning set (csatAnswers.ts)', tuning],
		['held-out set (csatHeldOut.ts)', heldOut],
	])
		console.log(
			`  ${name.padEnd(32)} ${String(r.n).padStart(5)}  ${r.precision.toFixed(3).padStart(9)}  ${r.recall.toFixed(3).padStart(6)}  ${String(r.nonAnswersScored).padStart(5)}`,
		);
	if (showMisses) console.log(heldOut.misses.map((m) => `    ${m}`).join('\n'));

	// The leads' tuning figures are printed by test/crmSync/leads.test.ts, which holds that set.
	const leads = leadFigures(LEADS_HELD_OUT);
	console.log(
		`\nLeads, held-out set (leadsHeldOut.ts, ${LEADS_HELD_OUT.length} DMs)   precision  recall   tp  fp  fn`,
	);
	for (const f of FIELDS) {
		const s = leads[f];
		console.log(
			`  ${f.padEnd(40)} ${s.precision.toFixed(3).padStart(9)}  ${s.recall.toFixed(3).padStart(6)}  ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}`,
		);
	}
	// Phones by region: a tuning set written with the libphonenumber change (phoneRegions.ts)
	// and a held-out one written without reading the code (phoneRegionsHeldOut.ts).
	const phonesOf = (dm) => extractLeads(dm).phones;
	const regionTuning = phoneRegionFigures(phonesOf);
	const regionHeldOut = phoneRegionFigures(phonesOf, PHONE_REGIONS_HELD_OUT);
	console.log(
		'\nPhones by region                 tuning (phoneRegions.ts)   held-out (phoneRegionsHeldOut.ts)',
	);
	console.log(
		`  precision                      ${f3(precisionOf(regionTuning)).toFixed(3).padStart(9)}                  ${f3(precisionOf(regionHeldOut)).toFixed(3).padStart(9)}`,
	);
	for (const [region, f] of regionHeldOut.byRegion) {
		if (region === 'none') continue;
		const t = regionTuning.byRegion.get(region);
		console.log(
			`  recall ${region.padEnd(22)} ${recallOf(t).padStart(9)} (${t.tp}/${t.tp + t.fn})            ${recallOf(f).padStart(9)} (${f.tp}/${f.tp + f.fn})`,
		);
	}
	console.log(
		JSON.stringify({
			phones_by_region_tuning_precision: f3(precisionOf(regionTuning)),
			phones_by_region_held_out_precision: f3(precisionOf(regionHeldOut)),
			...Object.fromEntries(
				[...regionHeldOut.byRegion]
					.filter(([region]) => region !== 'none')
					.map(([region, f]) => [
						`phones_held_out_recall_${region.replace(' ', '_')}`,
						Number(recallOf(f)),
					]),
			),
			csat_tuning_precision: f3(tuning.precision),
			csat_tuning_recall: f3(tuning.recall),
			csat_held_out_precision: f3(heldOut.precision),
			csat_held_out_recall: f3(heldOut.recall),
			csat_held_out_non_answers_scored: heldOut.nonAnswersScored,
			...Object.fromEntries(
				FIELDS.flatMap((f) => [
					[`leads_held_out_${f}_precision`, f3(leads[f].precision)],
					[`leads_held_out_${f}_recall`, f3(leads[f].recall)],
				]),
			),
		}),
	);
}

main();
