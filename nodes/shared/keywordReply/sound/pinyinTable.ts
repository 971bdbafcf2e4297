import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * How Chinese characters sound, as data/pinyin.generated.json holds it (written at build time by
 * scripts/build-pinyin.js from pinyin-pro, so the runtime ships a table, not the library):
 * toneless syllables ("tui", "lv" for lü), each character of U+4E00–U+9FFF with its readings
 * (a polyphone such as 还 hai / huan has several), and the everyday two-character words that
 * must not be taken for a typo of a keyword that sounds the same (发火 is not 发货).
 */
export const PINYIN_PATH = path.join(__dirname, '..', 'data', 'pinyin.generated.json');

export const CJK_FIRST = 0x4e00;
/** A syllable is one unit of the Private Use Area: U+E000 + its id (never text). */
export const SOUND_BASE = 0xe000;
export const CJK_LAST = 0x9fff;

interface PinyinFile {
	syllables: string[];
	/** Per character from CJK_FIRST: its first reading's syllable id + 1 as one UTF-16 unit (0: none). */
	primary: string;
	/** Further readings of polyphones: "<char><id+1><id+1>…" groups separated by commas. */
	more: string;
	/** Everyday two-character words, concatenated. */
	words: string;
}

export interface PinyinTable {
	syllables: readonly string[];
	/** Syllables by spelling, for reading typed pinyin: only those with a vowel (not m, n, ng, hm). */
	syllableId: ReadonlyMap<string, number>;
	/** For CJK_FIRST + i: readings[offsets[i]] … readings[offsets[i + 1] - 1] (ids), first = usual. */
	offsets: Uint32Array;
	readings: Uint16Array;
	/** Longest syllable, in letters (for segmenting typed pinyin). */
	longest: number;
	/**
	 * The syllables of syllableId as a trie over a–z, for reading typed pinyin without slicing:
	 * node n's child for letter l is trie[n * 26 + l] (0: none; node 0 is the root), and
	 * syllableAt[n] is the syllable id ending at node n, or -1.
	 */
	trie: Int32Array;
	syllableAt: Int32Array;
	/**
	 * Every UTF-16 unit as it sounds: a Chinese character → U+E000 + its usual syllable, any
	 * other unit → itself (for KeywordAutomaton.scanMapped).
	 */
	soundUnit: Uint16Array;
	words: ReadonlySet<string>;
}

let table: PinyinTable | undefined;

function readFile(): PinyinFile {
	if (!fs.existsSync(PINYIN_PATH))
		throw new Error(
			`Pinyin table missing: ${PINYIN_PATH}. Run "node scripts/build-pinyin.js" (part of npm run build).`,
		);
	return JSON.parse(fs.readFileSync(PINYIN_PATH, 'utf8')) as PinyinFile;
}

export function pinyinTable(): PinyinTable {
	if (table) return table;
	const file = readFile();
	const count = CJK_LAST - CJK_FIRST + 1;
	const extra = new Map<number, number[]>();
	for (const group of file.more.split(',')) {
		if (group.length < 2) continue;
		extra.set(
			group.charCodeAt(0),
			[...group.slice(1)].map((c) => c.charCodeAt(0) - 1),
		);
	}
	const offsets = new Uint32Array(count + 1);
	const readings: number[] = [];
	for (let i = 0; i < count; i++) {
		offsets[i] = readings.length;
		const first = file.primary.charCodeAt(i);
		if (first !== 0) readings.push(first - 1);
		for (const id of extra.get(CJK_FIRST + i) ?? []) readings.push(id);
	}
	offsets[count] = readings.length;
	const soundUnit = new Uint16Array(0x10000);
	for (let c = 0; c < 0x10000; c++) soundUnit[c] = c;
	for (let i = 0; i < count; i++)
		if (offsets[i] !== offsets[i + 1]) soundUnit[CJK_FIRST + i] = SOUND_BASE + readings[offsets[i]];
	const syllableId = new Map(
		file.syllables.flatMap((s, id) => (/[aeiouv]/.test(s) ? [[s, id] as const] : [])),
	);
	const trieNodes: number[] = new Array(26).fill(0);
	const ends: number[] = [-1];
	for (const [spelling, id] of syllableId) {
		let node = 0;
		for (const ch of spelling) {
			const slot = node * 26 + (ch.charCodeAt(0) - 0x61);
			if (trieNodes[slot] === 0) {
				trieNodes[slot] = ends.length;
				ends.push(-1);
				trieNodes.push(...new Array(26).fill(0));
			}
			node = trieNodes[slot];
		}
		ends[node] = id;
	}
	const words = new Set<string>();
	for (let i = 0; i + 1 < file.words.length; i += 2) words.add(file.words.slice(i, i + 2));
	table = {
		syllables: file.syllables,
		syllableId,
		trie: Int32Array.from(trieNodes),
		syllableAt: Int32Array.from(ends),
		offsets,
		readings: Uint16Array.from(readings),
		longest: Math.max(...file.syllables.map((s) => s.length)),
		soundUnit,
		words,
	};
	return table;
}

/** The usual reading of a character (syllable id), or -1 when it is not a Chinese character the table knows. */
export function usualReading(t: PinyinTable, unit: number): number {
	if (unit < CJK_FIRST || unit > CJK_LAST) return -1;
	const i = unit - CJK_FIRST;
	return t.offsets[i] === t.offsets[i + 1] ? -1 : t.readings[t.offsets[i]];
}

/** Whether a character can be read as the syllable (any of its readings). */
export function canRead(t: PinyinTable, unit: number, syllable: number): boolean {
	if (unit < CJK_FIRST || unit > CJK_LAST) return false;
	const i = unit - CJK_FIRST;
	for (let k = t.offsets[i]; k < t.offsets[i + 1]; k++) if (t.readings[k] === syllable) return true;
	return false;
}
