#!/usr/bin/env node
// Builds the sound table of nodes/shared/keywordReply/sound/pinyinTable.ts and writes
// nodes/shared/keywordReply/data/pinyin.generated.json (git-ignored; gulp copies it to dist/).
//
// The data comes from two well-kept packages, read here at build time only (devDependencies;
// nothing of them runs in n8n):
//   pinyin-pro        every character of U+4E00–U+9FFF with its toneless readings, the usual
//                     one first (ü written v, as pinyin keyboards type it);
//   @node-rs/jieba    jieba's dictionary with word frequencies: the everyday two-character words
//                     (frequency ≥ WORD_FREQUENCY) that a same-sound span must not be taken for a
//                     typo of a keyword (发火, frequency 138, is not 发货; 发飘, 3, is a typo of 发票).
// The file holds:
//   syllables  every toneless syllable, by id;
//   primary    one UTF-16 unit per character from U+4E00: its usual reading's id + 1 (0: none);
//   more       the other readings of polyphones: "<char><id+1>…" groups, comma separated;
//   words      the everyday two-character words, concatenated.
// Idempotent: rewritten only when its inputs change.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'nodes', 'shared', 'keywordReply', 'data', 'pinyin.generated.json');
const FIRST = 0x4e00;
const LAST = 0x9fff;
/** A two-character word at least this frequent in jieba's dictionary is a word of its own. */
const WORD_FREQUENCY = 30;

const pinyinPro = require.resolve('pinyin-pro/package.json');
const jiebaDict = path.join(
	path.dirname(require.resolve('@node-rs/jieba/package.json')),
	'dict.txt',
);

function inputsStamp() {
	const h = crypto.createHash('sha256');
	h.update(fs.readFileSync(__filename));
	h.update(fs.readFileSync(pinyinPro));
	h.update(fs.readFileSync(jiebaDict));
	return h.digest('hex').slice(0, 16);
}

function readings() {
	const { pinyin } = require('pinyin-pro');
	const syllables = [];
	const ids = new Map();
	const idOf = (s) => {
		if (!ids.has(s)) {
			ids.set(s, syllables.length);
			syllables.push(s);
		}
		return ids.get(s);
	};
	let primary = '';
	const more = [];
	for (let c = FIRST; c <= LAST; c++) {
		const char = String.fromCharCode(c);
		const found = pinyin(char, { toneType: 'none', type: 'array', multiple: true, v: true })
			.map((s) => s.toLowerCase())
			.filter((s) => /^[a-z]+$/.test(s) && s !== char);
		const unique = [...new Set(found)];
		primary += String.fromCharCode(unique.length ? idOf(unique[0]) + 1 : 0);
		if (unique.length > 1)
			more.push(
				char +
					unique
						.slice(1)
						.map((s) => String.fromCharCode(idOf(s) + 1))
						.join(''),
			);
	}
	return { syllables, primary, more: more.join(',') };
}

function everydayWords() {
	const words = [];
	for (const line of fs.readFileSync(jiebaDict, 'utf8').split('\n')) {
		const [word, freq] = line.split(' ');
		if (!word || word.length !== 2 || Number(freq) < WORD_FREQUENCY) continue;
		const a = word.charCodeAt(0);
		const b = word.charCodeAt(1);
		if (a >= FIRST && a <= LAST && b >= FIRST && b <= LAST) words.push(word);
	}
	return [...new Set(words)].sort().join('');
}

function main() {
	const stamp = inputsStamp();
	if (fs.existsSync(out)) {
		try {
			if (JSON.parse(fs.readFileSync(out, 'utf8')).stamp === stamp) return;
		} catch {
			// rewrite a broken file
		}
	}
	const table = { stamp, ...readings(), words: everydayWords() };
	fs.mkdirSync(path.dirname(out), { recursive: true });
	fs.writeFileSync(out, JSON.stringify(table));
	console.log(
		`pinyin table: ${table.syllables.length} syllables, ${table.primary.length} characters, ${table.more.split(',').length} polyphones, ${table.words.length / 2} everyday words → ${path.relative(root, out)} (${Math.round(fs.statSync(out).size / 1024)} KB)`,
	);
}

main();
