#!/usr/bin/env node
// npm run eval:understanding — how well the smart reply understands DMs it was not written for.
//
// Each shop under test/understanding/<shop>/ has the rules, knowledge base and product names its
// admin would set up (config.json) and labelled DMs: measure.jsonl for the figures, tune.jsonl for
// looking at while improving the engine (never both: a figure measured on what was tuned on says
// nothing). Every DM goes through the same decide() the Keyword Reply node uses, with the node's
// defaults, and beside it through naive substring matching (what an If/Switch node chain does).
//
// Printed per shop: route accuracy (matched / urgent / noMatch as labelled), per kind of DM,
// false-urgent rate (labelled not urgent, sent to the fast lane), and answer accuracy (a DM
// labelled "answered" got the labelled rule or FAQ entry). The last line is one JSON object.
//
//   --set tune        the tuning set instead of the measurement set
//   --errors          list every wrong decision
//   --shop beauty     one shop only
'use strict';
const fs = require('node:fs');
const path = require('node:path');

require('./lib/requireTs');
const { readJsonl } = require('./lib/jsonl');
const engine = path.join(__dirname, '..', 'nodes', 'shared', 'keywordReply');
const { decide } = require(path.join(engine, 'decide.ts'));
const { compileRuleSet } = require(path.join(engine, 'rules', 'compileRules.ts'));
const { FaqIndex, DEFAULT_FAQ_THRESHOLD } = require(path.join(engine, 'faq', 'faqIndex.ts'));

const ROOT = path.join(__dirname, '..', 'test', 'understanding');
/** The first shop is the beauty brand, the second the other kind of shop. */
const SHOPS = [
	['beauty', 'beauty'],
	['second', 'electronics'],
];

function arg(name) {
	const at = process.argv.indexOf(`--${name}`);
	return at === -1 ? undefined : (process.argv[at + 1] ?? '');
}
const SET = arg('set') || 'measure';
const SHOW_ERRORS = process.argv.includes('--errors');
const ONLY = arg('shop');

/** What the engine decides: the route, and which rule or entry answers. */
function engineDecision(dm, rules, faq) {
	const d = decide(dm.text, rules, faq, DEFAULT_FAQ_THRESHOLD);
	const answer =
		d.route !== 'matched'
			? null
			: d.answering[0]
				? `rule:${d.answering[0].rule}`
				: `faq:${d.faqHit.id}`;
	return { route: d.route, answer, decision: d };
}

/** Substring matching as an If/Switch chain would do it: raw keywords, highest priority first. */
function naiveDecision(dm, config) {
	const text = dm.text;
	const has = (k) => k && text.includes(k);
	const holds = (r) =>
		r.enabled !== false &&
		(r.all ?? []).every(has) &&
		(!(r.any ?? []).length || (r.any ?? []).some(has)) &&
		!(r.none ?? []).some(has);
	const matched = config.rules.filter(holds).sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
	if (matched.some((r) => r.lane === 'urgent')) return { route: 'urgent', answer: null };
	const answering = matched.find((r) => (r.replies ?? []).length > 0);
	if (answering) return { route: 'matched', answer: `rule:${answering.name}` };
	const entry = (config.faq ?? []).find((e) => e.questions.some((q) => text.includes(q)));
	return entry
		? { route: 'matched', answer: `faq:${entry.id}` }
		: { route: 'noMatch', answer: null };
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const ratio = (a, b) => (b === 0 ? 1 : a / b);
/** A share of what was sent: nothing sent is nothing wrong. */
const shareOf = (a, b) => (b === 0 ? 0 : a / b);

function evaluate(shopDir) {
	const config = JSON.parse(fs.readFileSync(path.join(shopDir, 'config.json'), 'utf8'));
	const dms = readJsonl(path.join(shopDir, `${SET}.jsonl`));
	const rules = compileRuleSet({
		rules: config.rules,
		protectedTerms: config.protectedTerms ?? [],
	});
	const faq = config.faq?.length ? FaqIndex.build(config.faq) : undefined;
	const kinds = new Map();
	const totals = {
		n: 0,
		right: 0,
		naiveRight: 0,
		notUrgent: 0,
		falseUrgent: 0,
		naiveFalseUrgent: 0,
	};
	const answers = { n: 0, right: 0, naiveRight: 0 };
	// Auto-answers sent, and those that are not the labelled one: what a customer reads wrongly.
	const sent = { n: 0, wrong: 0, naiveN: 0, naiveWrong: 0 };
	const confusion = {};
	const errors = [];
	for (const dm of dms) {
		const got = engineDecision(dm, rules, faq);
		const naive = naiveDecision(dm, config);
		const kind = kinds.get(dm.kind) ?? { n: 0, right: 0, naiveRight: 0 };
		kinds.set(dm.kind, kind);
		const right = got.route === dm.route;
		kind.n++;
		totals.n++;
		if (right) (kind.right++, totals.right++);
		if (naive.route === dm.route) (kind.naiveRight++, totals.naiveRight++);
		const cell = `${dm.route}→${got.route}`;
		confusion[cell] = (confusion[cell] ?? 0) + 1;
		if (dm.route !== 'urgent') {
			totals.notUrgent++;
			if (got.route === 'urgent') totals.falseUrgent++;
			if (naive.route === 'urgent') totals.naiveFalseUrgent++;
		}
		if (got.route === 'matched') {
			sent.n++;
			if (got.answer !== dm.answer) sent.wrong++;
		}
		if (naive.route === 'matched') {
			sent.naiveN++;
			if (naive.answer !== dm.answer) sent.naiveWrong++;
		}
		if (dm.route === 'matched' && dm.answer) {
			answers.n++;
			if (got.answer === dm.answer) answers.right++;
			if (naive.answer === dm.answer) answers.naiveRight++;
		}
		if (!right || (dm.route === 'matched' && dm.answer && got.answer !== dm.answer)) {
			const d = got.decision;
			errors.push(
				`  ${dm.id} [${dm.kind}] ${dm.route}${dm.answer ? ` ${dm.answer}` : ''} → ${got.route}${got.answer ? ` ${got.answer}` : ''}` +
					`${d.evaluation.matches.length ? ` rules: ${d.evaluation.matches.map((m) => m.rule).join(', ')}` : ''}` +
					`${d.faqHit ? ` faq ${d.faqHit.id} ${d.faqHit.score.toFixed(2)}` : ''}` +
					`${d.evaluation.ignored.length ? ` ignored: ${d.evaluation.ignored.map((i) => `${i.text}(${i.reason})`).join(' ')}` : ''}\n      ${dm.text}`,
			);
		}
	}
	return { config, dms, kinds, totals, answers, sent, confusion, errors };
}

function main() {
	const summary = {};
	let minKind = 1;
	let falseUrgent = 0;
	for (const [label, dir] of SHOPS) {
		if (ONLY && ONLY !== label && ONLY !== dir) continue;
		const shopDir = path.join(ROOT, dir);
		if (!fs.existsSync(path.join(shopDir, `${SET}.jsonl`))) {
			console.log(`${dir}: no ${SET}.jsonl`);
			continue;
		}
		const r = evaluate(shopDir);
		const acc = ratio(r.totals.right, r.totals.n);
		const fu = ratio(r.totals.falseUrgent, r.totals.notUrgent);
		console.log(
			`\n${dir} (${SET}.jsonl, ${r.totals.n} DMs; ${r.config.rules.length} rules, ${r.config.faq?.length ?? 0} FAQ entries, ${r.config.protectedTerms?.length ?? 0} product names)`,
		);
		console.log(
			`  route accuracy   ${pct(acc)}   (naive substring ${pct(ratio(r.totals.naiveRight, r.totals.n))})`,
		);
		console.log(
			`  false urgent     ${pct(fu)}    (${r.totals.falseUrgent} of ${r.totals.notUrgent} not urgent; naive ${pct(ratio(r.totals.naiveFalseUrgent, r.totals.notUrgent))})`,
		);
		console.log(
			`  answer accuracy  ${pct(ratio(r.answers.right, r.answers.n))}   (${r.answers.right} of ${r.answers.n} answerable got the labelled rule or entry; naive ${pct(ratio(r.answers.naiveRight, r.answers.n))})`,
		);
		console.log(
			`  wrong answers    ${pct(shareOf(r.sent.wrong, r.sent.n))}    (${r.sent.wrong} of ${r.sent.n} auto-answers are not the labelled rule or entry; naive ${pct(shareOf(r.sent.naiveWrong, r.sent.naiveN))})`,
		);
		console.log('  kind               DMs  route   naive');
		for (const [kind, k] of [...r.kinds].sort()) {
			const a = ratio(k.right, k.n);
			minKind = Math.min(minKind, a);
			console.log(
				`  ${kind.padEnd(18)} ${String(k.n).padStart(3)}  ${pct(a).padStart(6)}  ${pct(ratio(k.naiveRight, k.n)).padStart(6)}`,
			);
		}
		console.log(
			`  labelled→decided  ${Object.entries(r.confusion)
				.sort()
				.map(([c, n]) => `${c} ${n}`)
				.join(' · ')}`,
		);
		if (SHOW_ERRORS) console.log(`  wrong:\n${r.errors.join('\n')}`);
		summary[`route_acc_${label}`] = Number(acc.toFixed(4));
		summary[`answer_acc_${label}`] = Number(ratio(r.answers.right, r.answers.n).toFixed(4));
		summary[`naive_route_acc_${label}`] = Number(ratio(r.totals.naiveRight, r.totals.n).toFixed(4));
		summary[`false_urgent_rate_${label}`] = Number(fu.toFixed(4));
		summary[`wrong_answer_rate_${label}`] = Number(shareOf(r.sent.wrong, r.sent.n).toFixed(4));
		falseUrgent = Math.max(falseUrgent, fu);
	}
	summary.set = SET;
	summary.false_urgent_rate = Number(falseUrgent.toFixed(4));
	summary.min_kind_route_acc = Number(minKind.toFixed(4));
	console.log(JSON.stringify(summary));
}

main();
