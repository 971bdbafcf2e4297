#!/usr/bin/env node
// npm run eval:model -- --base-url <OpenAI-compatible URL> --model <name> [options]
//
// What a chat model behind the rules would do on labelled DMs, measured the way the Keyword
// Reply node uses it: every DM goes through the rules and the knowledge base first (decide(),
// the node's defaults); only the undecided ones are put to the model, with the same closest
// entries, prompt and guards as in n8n (nodes/shared/modelPick). Quality with a real model
// cannot be measured offline; this is the command that measures it once one is connected.
//
// Labelled sets: the shops under test/understanding/ (config.json with rules, faq and product
// names; measure.jsonl rows {text, route, answer: "faq:<id>" | "rule:<name>" | null}), or the
// team's own folder in the same format (--dir). The key is read from the environment variable
// --api-key-env names (default OPENAI_API_KEY), never from the command line.
//
//   --base-url URL        e.g. https://api.deepseek.com/v1, https://dashscope.aliyuncs.com/compatible-mode/v1
//   --model NAME          e.g. deepseek-chat, qwen-plus
//   --dir PATH            a labelled folder of your own instead of the built-in shops
//   --shop beauty         one built-in shop only
//   --set tune            the tuning set instead of the measurement set
//   --limit N             the first N DMs only
//   --min-confidence X    as the node's option (default 0.7)
//   --candidates N        entries shown (default 5)
//   --timeout S           seconds (default 8)
//   --price-in P --price-out P   price per million input / output tokens (any currency) for the cost line
//
// Printed per set: the undecided DMs, how many the model answered, right (the labelled entry)
// and wrong (a DM labelled for a human, or another entry: what a customer would read), hand-backs
// by reason, tokens and latency per call, and the cost per 1,000 DMs. The last line is JSON.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

require('./lib/requireTs');
const { readJsonl } = require('./lib/jsonl');
const { openAiChat } = require('./lib/openAiChat');
const root = path.join(__dirname, '..', 'nodes', 'shared');
const { decide } = require(path.join(root, 'keywordReply', 'decide.ts'));
const { compileRuleSet } = require(path.join(root, 'keywordReply', 'rules', 'compileRules.ts'));
const { FaqIndex, DEFAULT_FAQ_THRESHOLD } = require(
	path.join(root, 'keywordReply', 'faq', 'faqIndex.ts'),
);
const { isUndecided, tailCandidates } = require(
	path.join(root, 'keywordReply', 'tailCandidates.ts'),
);
const { askModel } = require(path.join(root, 'modelPick', 'askModel.ts'));
const { MemoryStateStore } = require(path.join(root, 'state', 'MemoryStateStore.ts'));

function arg(name, fallback) {
	const at = process.argv.indexOf(`--${name}`);
	return at === -1 ? fallback : (process.argv[at + 1] ?? '');
}

function fail(message) {
	console.error(`eval:model: ${message}`);
	process.exit(2);
}

const baseUrl = arg('base-url');
const model = arg('model');
if (!baseUrl || !model)
	fail(
		'give --base-url (an OpenAI-compatible endpoint, e.g. https://api.deepseek.com/v1) and --model; the key comes from $OPENAI_API_KEY or the variable --api-key-env names',
	);
const keyVariable = arg('api-key-env', 'OPENAI_API_KEY');
const apiKey = process.env[keyVariable];
if (!apiKey) fail(`the environment variable ${keyVariable} holds no API key`);
const number = (name, fallback) => {
	const value = Number(arg(name, String(fallback)));
	if (!Number.isFinite(value) || value < 0) fail(`--${name} must be a number`);
	return value;
};
const settings = {
	minConfidence: number('min-confidence', 0.7),
	dailyCap: 0,
	timeoutMs: number('timeout', 8) * 1000,
	candidates: number('candidates', 5),
	scope: 'eval',
	timeZone: 'Asia/Shanghai',
};
const SET = arg('set', 'measure');
const LIMIT = arg('limit') === undefined ? Infinity : number('limit', 0);
const priceIn = number('price-in', 0);
const priceOut = number('price-out', 0);
const chat = openAiChat({ baseUrl, model, apiKey });

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');
const median = (xs) =>
	xs.length ? [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] : null;
const p90 = (xs) =>
	xs.length ? [...xs].sort((a, b) => a - b)[Math.ceil(0.9 * xs.length) - 1] : null;

async function evaluate(dir) {
	const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
	const dms = readJsonl(path.join(dir, `${SET}.jsonl`)).slice(0, LIMIT);
	const rules = compileRuleSet({
		rules: config.rules,
		protectedTerms: config.protectedTerms ?? [],
	});
	const faq = config.faq?.length ? FaqIndex.build(config.faq) : undefined;
	const store = new MemoryStateStore();
	const r = {
		dms: dms.length,
		undecided: 0,
		asked: 0,
		answered: 0,
		right: 0,
		wrong: 0,
		missed: 0,
		reachable: 0,
		forHumans: 0,
		handBacks: {},
		ms: [],
		tokensIn: [],
		tokensOut: [],
		wrongExamples: [],
	};
	for (const dm of dms) {
		const d = decide(dm.text, rules, faq, DEFAULT_FAQ_THRESHOLD);
		if (!faq || !isUndecided(d)) continue;
		r.undecided++;
		const candidates = tailCandidates(faq, dm.text, settings.candidates);
		const pick = await askModel({ text: dm.text }, candidates, chat, settings, store);
		if (pick.handBack !== 'no candidates') {
			r.asked++;
			r.ms.push(pick.ms);
			if (pick.inputTokens !== undefined) r.tokensIn.push(pick.inputTokens);
			if (pick.outputTokens !== undefined) r.tokensOut.push(pick.outputTokens);
		}
		const labelled = dm.route === 'matched' ? dm.answer : null;
		// The most a model can get right: the labelled entry is among those it is shown.
		if (labelled && candidates.some((c) => `faq:${c.id}` === labelled)) r.reachable++;
		if (dm.route !== 'matched') r.forHumans++;
		if (pick.outcome === 'answered') {
			r.answered++;
			if (labelled === `faq:${pick.entry}`) r.right++;
			else {
				r.wrong++;
				r.wrongExamples.push(
					`  ${dm.id ?? ''} "${dm.text}" → ${pick.entry} (labelled ${labelled ?? dm.route}): ${pick.reason ?? ''}`,
				);
			}
		} else {
			r.handBacks[pick.handBack] = (r.handBacks[pick.handBack] ?? 0) + 1;
			if (labelled && candidates.some((c) => `faq:${c.id}` === labelled)) r.missed++;
		}
	}
	return { config, ...r };
}

async function main() {
	const dirs = arg('dir')
		? [['own', path.resolve(arg('dir'))]]
		: [
				['beauty', path.join(__dirname, '..', 'test', 'understanding', 'beauty')],
				['second', path.join(__dirname, '..', 'test', 'understanding', 'electronics')],
			].filter(
				([label, dir]) => !arg('shop') || arg('shop') === label || dir.endsWith(arg('shop')),
			);
	const summary = { model, set: SET };
	for (const [label, dir] of dirs) {
		const r = await evaluate(dir);
		const meanIn = r.tokensIn.length
			? r.tokensIn.reduce((a, b) => a + b, 0) / r.tokensIn.length
			: null;
		const meanOut = r.tokensOut.length
			? r.tokensOut.reduce((a, b) => a + b, 0) / r.tokensOut.length
			: null;
		// Per 1,000 DMs of this mix: only the undecided ones cost a call.
		const per1000 =
			meanIn === null
				? null
				: ((r.asked / r.dms) * 1000 * (meanIn * priceIn + (meanOut ?? 0) * priceOut)) / 1e6;
		console.log(`\n${path.basename(dir)} (${SET}.jsonl, ${r.dms} DMs, model ${model})`);
		console.log(
			`  undecided by rules and FAQ   ${r.undecided} (${pct(r.undecided, r.dms)} of DMs); asked the model ${r.asked}`,
		);
		console.log(
			`  of those                     ${r.reachable} have the labelled entry among those shown (the most a model can get right); ${r.forHumans} are labelled for a human (a model must decline them)`,
		);
		console.log(
			`  answered by the model        ${r.answered}: right ${r.right}, wrong ${r.wrong} (${pct(r.wrong, r.answered)} of its answers)`,
		);
		console.log(`  missed (right entry shown)   ${r.missed}`);
		console.log(
			`  handed back                  ${
				Object.entries(r.handBacks)
					.map(([k, n]) => `${k} ${n}`)
					.join(', ') || 'none'
			}`,
		);
		console.log(
			`  per call                     ${meanIn === null ? '–' : Math.round(meanIn)} tokens in, ${meanOut === null ? '–' : Math.round(meanOut)} out; p50 ${median(r.ms) ?? '–'} ms, p90 ${p90(r.ms) ?? '–'} ms`,
		);
		if (per1000 !== null && (priceIn || priceOut))
			console.log(
				`  cost per 1,000 DMs           ${per1000.toFixed(3)} (at --price-in ${priceIn} / --price-out ${priceOut} per million tokens)`,
			);
		if (process.argv.includes('--errors') && r.wrongExamples.length)
			console.log(r.wrongExamples.join('\n'));
		Object.assign(summary, {
			[`undecided_${label}`]: r.undecided,
			[`asked_${label}`]: r.asked,
			[`answered_${label}`]: r.answered,
			[`right_${label}`]: r.right,
			[`wrong_${label}`]: r.wrong,
			[`missed_${label}`]: r.missed,
			[`reachable_${label}`]: r.reachable,
			[`for_humans_${label}`]: r.forHumans,
			[`tokens_in_mean_${label}`]: meanIn === null ? null : Math.round(meanIn),
			[`tokens_out_mean_${label}`]: meanOut === null ? null : Math.round(meanOut),
			[`latency_p50_ms_${label}`]: median(r.ms),
		});
	}
	console.log(JSON.stringify(summary));
}

main().catch((error) => fail(error.message));
