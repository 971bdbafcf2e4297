#!/usr/bin/env node
// FAQ matcher benchmark: our FaqIndex (TF-IDF inverted index + edit-distance re-rank) against
// natural's TfIdf on the same tokens, on a generated 5,000-entry beauty FAQ. Run alone
// (node bench/faq.js) or through benchFaq(), which bench/matcher.js calls at its end.
//
// Top-1 agreement compares our TF-IDF stage (before the re-rank) with natural's tfidfs on
// the same token arrays. Tie-break, the same on both sides: the highest score wins, equal
// scores go to the lowest document index, and a query whose best score is 0 (no shared
// term) has no top-1 (both sides must then say so). Documents are question variants in
// entry order, as FaqIndex numbers them.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const ROOT = path.join(__dirname, '..');
const ENTRIES = Number(process.env.BENCH_FAQ_ENTRIES || 5000);
const QUERIES = Number(process.env.BENCH_FAQ_QUERIES || 2000);
const NATURAL_QUERIES = Number(process.env.BENCH_FAQ_NATURAL_QUERIES || 300);
const ROUNDS = Number(process.env.BENCH_FAQ_ROUNDS || 7);
// What FaqIndex asks stage 1 for (its `candidates` default).
const STAGE1_N = 8;

// No ts-node here: TypeScript sources are transpiled on require with the typescript
// devDependency. Only installed if nobody (e.g. bench/matcher.js) installed one already.
function installTsHook() {
	if (Module._extensions['.ts']) return;
	const ts = require(path.join(ROOT, 'node_modules', 'typescript'));
	Module._extensions['.ts'] = (module, filename) => {
		const source = fs.readFileSync(filename, 'utf8');
		const { outputText } = ts.transpileModule(source, {
			fileName: filename,
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2022,
				esModuleInterop: true,
			},
		});
		module._compile(outputText, filename);
	};
}

function rng(seed) {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const pick = (next, list) => list[Math.floor(next() * list.length)];

// Products are "ingredient + product type" (烟酰胺精华, 玻尿酸面霜…); topics are what people
// ask about each. 5,000 entries = every product × every topic, with 2–3 phrasings each.
const INGREDIENTS = [
	'烟酰胺',
	'玻尿酸',
	'视黄醇',
	'水杨酸',
	'神经酰胺',
	'积雪草',
	'角鲨烷',
	'胶原蛋白',
	'维C',
	'果酸',
	'茶树',
	'氨基酸',
	'二裂酵母',
	'虾青素',
	'熊果苷',
	'传明酸',
	'蓝铜肽',
	'依克多因',
	'马齿苋',
	'甘草',
];
const TYPES = [
	'精华',
	'面霜',
	'乳液',
	'爽肤水',
	'面膜',
	'眼霜',
	'洗面奶',
	'防晒霜',
	'身体乳',
	'卸妆油',
	'精华油',
	'唇膏',
];
const TOPICS = [
	['{p}的成分是什么', '{p}含有哪些成分', '{p}成分表在哪看'],
	['{p}敏感肌能用吗', '{p}敏感肌会过敏吗', '皮肤敏感可以用{p}吗'],
	['{p}油皮适合吗', '油性皮肤用{p}会闷痘吗', '混油皮能用{p}吗'],
	['{p}干皮用着滋润吗', '干性皮肤适合{p}吗', '干皮冬天用{p}会起皮吗'],
	['{p}保质期多久', '{p}开封后能放多久', '{p}过期了还能用吗'],
	['{p}多少钱', '{p}价格是多少', '{p}现在什么价'],
	['{p}有优惠吗', '{p}有没有优惠券', '{p}能便宜点吗'],
	['{p}最近有活动吗', '{p}双十一有什么活动', '{p}买一送一还有吗'],
	['{p}什么时候发货', '{p}下单后几天发货', '{p}现货还是预售'],
	['{p}发什么快递', '{p}可以发顺丰吗', '{p}快递单号怎么查'],
	['{p}包邮吗', '{p}偏远地区包邮吗', '{p}运费多少'],
	['{p}可以退货吗', '{p}七天无理由退货吗', '{p}拆封了还能退吗'],
	['{p}退款多久到账', '{p}怎么申请退款', '{p}退款什么时候到'],
	['{p}是正品吗', '{p}怎么辨别真假', '{p}有防伪码吗'],
	['{p}怎么使用', '{p}早晚都可以用吗', '{p}一次用多少量'],
	['{p}孕妇可以用吗', '{p}哺乳期能用吗'],
	['{p}有小样吗', '{p}可以送试用装吗'],
	['{p}有货吗', '{p}什么时候补货'],
	['{p}生产日期是什么时候', '{p}是新批次吗'],
	['{p}和水乳一起用的顺序', '{p}可以和{q}叠加用吗'],
	['{p}痘痘肌可以用吗', '{p}会不会长闭口'],
];
const CHATTER = [
	'哈哈哈',
	'你好',
	'😀😀',
	'在吗',
	'在吗？',
	'谢谢亲',
	'好的',
	'嗯嗯',
	'收到',
	'晚安',
	'有人吗',
	'你是机器人吗',
];
const WRAP_BEFORE = ['亲，', '你好，', '请问', '姐妹们', '', '', ''];
const WRAP_AFTER = ['呀', '？', '😊', '🙏', '啊', '', ''];
const TYPOS = [
	['质', '值'],
	['邮', '油'],
	['货', '或'],
	['款', '宽'],
	['吗', '嘛'],
	['么', '嘛'],
	['价', '加'],
];

function generateFaq(n, next) {
	const entries = [];
	const perRound = TOPICS.length * INGREDIENTS.length * TYPES.length;
	for (let i = 0; entries.length < n; i++) {
		const topic = TOPICS[i % TOPICS.length];
		const product =
			INGREDIENTS[Math.floor(i / TOPICS.length) % INGREDIENTS.length] +
			TYPES[Math.floor(i / (TOPICS.length * INGREDIENTS.length)) % TYPES.length] +
			(i >= perRound ? String(Math.floor(i / perRound) + 1) : '');
		const other = pick(next, TYPES);
		const questions = topic.map((t) => t.replace('{p}', product).replace('{q}', other));
		entries.push({
			id: `e${entries.length}`,
			questions,
			answer: `answer ${entries.length}`,
			tags: [],
		});
	}
	return entries;
}

/** DMs: one entry's question with a typo, a dropped character or spacing, wrapped in chatter. */
function generateQueries(entries, n, next) {
	const queries = [];
	while (queries.length < n) {
		if (next() < 0.1) {
			queries.push({ text: pick(next, CHATTER), expected: null });
			continue;
		}
		const e = Math.floor(next() * entries.length);
		let text = pick(next, entries[e].questions);
		const r = next();
		if (r < 0.25) {
			const [from, to] = pick(next, TYPOS);
			text = text.replace(from, to);
		} else if (r < 0.4 && text.length > 4) {
			const at = 1 + Math.floor(next() * (text.length - 2));
			text = text.slice(0, at) + text.slice(at + 1);
		} else if (r < 0.5) {
			text = text.split('').join(' ');
		}
		queries.push({
			text: pick(next, WRAP_BEFORE) + text + pick(next, WRAP_AFTER),
			expected: entries[e].id,
		});
	}
	return queries;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (sorted, p) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Rounds of fn over every input, each call timed alone; medians over rounds of p50 and p99. */
function rounds(inputs, fn, count) {
	const p50 = [];
	const p99 = [];
	const each = new Float64Array(inputs.length);
	for (let r = 0; r < count; r++) {
		for (let i = 0; i < inputs.length; i++) {
			const t0 = performance.now();
			fn(inputs[i], i);
			each[i] = (performance.now() - t0) * 1000;
		}
		const sorted = Float64Array.from(each).sort();
		p50.push(percentile(sorted, 50));
		p99.push(percentile(sorted, 99));
	}
	return { p50: median(p50), p99: median(p99) };
}

function naturalTop1(scores) {
	let best = -1;
	for (let d = 0; d < scores.length; d++)
		if (scores[d] > 0 && (best < 0 || scores[d] > scores[best])) best = d;
	return best;
}

async function benchFaq() {
	installTsHook();
	const { FaqIndex } = require(path.join(ROOT, 'nodes/shared/keywordReply/faq/faqIndex.ts'));
	const { TfIdf } = require(path.join(ROOT, 'nodes/shared/keywordReply/faq/tfidf.ts'));
	const { charNgrams, faqText } = require(
		path.join(ROOT, 'nodes/shared/keywordReply/faq/faqText.ts'),
	);
	const NaturalTfIdf = require(path.join(ROOT, 'node_modules/natural/lib/natural/tfidf/tfidf'));

	const next = rng(42);
	const entries = generateFaq(ENTRIES, next);
	const queries = generateQueries(entries, QUERIES, next);
	const texts = queries.map((q) => q.text);

	let t0 = performance.now();
	const index = FaqIndex.build(entries);
	const buildMs = performance.now() - t0;

	// The same documents and tokens the index uses, for the stage-1 comparison with natural.
	const docs = [];
	for (const e of entries) for (const q of e.questions) docs.push(charNgrams(faqText(q)));
	const stage1 = TfIdf.build(docs);
	t0 = performance.now();
	const natural = new NaturalTfIdf();
	for (const d of docs) natural.addDocument(d);
	const naturalBuildMs = performance.now() - t0;
	const queryTokens = texts.map((t) => charNgrams(faqText(t)));

	for (let r = 0; r < 2; r++) for (const t of texts) index.search(t); // warm-up: JIT, not timed
	const ours = rounds(texts, (t) => index.search(t), ROUNDS);
	const oursStage1 = rounds(queryTokens, (tokens) => stage1.top(tokens, STAGE1_N), ROUNDS);

	// natural is ~10^4 times slower: one timed round on a sample, its answers kept for the
	// agreement count (idf cache warmed first, as it would be in a long-running process).
	const sample = queryTokens.slice(0, NATURAL_QUERIES);
	for (const tokens of sample) natural.tfidfs(tokens);
	const naturalTop = new Int32Array(sample.length);
	const theirs = rounds(
		sample,
		(tokens, i) => (naturalTop[i] = naturalTop1(natural.tfidfs(tokens))),
		1,
	);
	let agree = 0;
	sample.forEach((tokens, i) => {
		const top = stage1.top(tokens, STAGE1_N);
		if ((top.length === 0 ? -1 : top[0].doc) === naturalTop[i]) agree++;
	});

	let correct = 0;
	let answerable = 0;
	let chatterRejected = 0;
	for (const q of queries) {
		const hit = index.search(q.text)[0];
		if (q.expected === null) {
			if (!hit) chatterRejected++;
		} else {
			answerable++;
			if (hit && hit.id === q.expected) correct++;
		}
	}

	const result = {
		faq_p50_us: +ours.p50.toFixed(2),
		faq_ratio_vs_natural: +(theirs.p50 / ours.p50).toFixed(1),
		faq_top1_agreement: +(agree / sample.length).toFixed(4),
		faq_p99_us: +ours.p99.toFixed(2),
		faq_tfidf_stage_p50_us: +oursStage1.p50.toFixed(2),
		faq_natural_p50_us: +theirs.p50.toFixed(1),
		faq_natural_p99_us: +theirs.p99.toFixed(1),
		faq_entries: entries.length,
		faq_documents: docs.length,
		faq_build_ms: +buildMs.toFixed(1),
		faq_natural_build_ms: +naturalBuildMs.toFixed(1),
		faq_search_top1_accuracy: +(correct / answerable).toFixed(4),
		faq_chatter_rejected: +(chatterRejected / (queries.length - answerable)).toFixed(4),
	};
	console.log(
		`\nFAQ matcher: ${entries.length} entries, ${docs.length} question variants, ${queries.length} DMs (natural: ${sample.length}); medians of ${ROUNDS} rounds`,
	);
	console.log('| what | p50 µs | p99 µs |');
	console.log('| --- | --- | --- |');
	console.log(
		`| ours: FaqIndex.search (normalise, TF-IDF, re-rank) | ${result.faq_p50_us} | ${result.faq_p99_us} |`,
	);
	console.log(
		`| ours: TF-IDF stage alone (tokens → top ${STAGE1_N}) | ${result.faq_tfidf_stage_p50_us} | ${+oursStage1.p99.toFixed(2)} |`,
	);
	console.log(
		`| natural: TfIdf.tfidfs + argmax (same tokens) | ${result.faq_natural_p50_us} | ${result.faq_natural_p99_us} |`,
	);
	console.log(
		`build: ours ${result.faq_build_ms} ms, natural ${result.faq_natural_build_ms} ms · natural p50 / our search p50: ${result.faq_ratio_vs_natural}× · ` +
			`stage-1 top-1 = natural's: ${(100 * result.faq_top1_agreement).toFixed(2)}%`,
	);
	console.log(
		`search top-1 = the DM's source entry: ${(100 * result.faq_search_top1_accuracy).toFixed(1)}% · chatter left unanswered: ${(100 * result.faq_chatter_rejected).toFixed(1)}%`,
	);
	return result;
}

module.exports = { benchFaq };

if (require.main === module) {
	benchFaq().then(
		(result) => console.log(JSON.stringify(result)),
		(error) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}
