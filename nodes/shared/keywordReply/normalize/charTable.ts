import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The per-character half of normalisation, as lookup tables built once from
 * data/t2s.generated.json (written by scripts/build-t2s.js at build time, which is where the
 * Unicode and OpenCC decisions live and are documented).
 */

/** Where the build script writes the table; gulp copies it next to the compiled code. */
export const TABLE_PATH = path.join(__dirname, '..', 'data', 't2s.generated.json');

/** Set in a `fold` entry when the folded character can start an alias (see aliasStep.ts). */
export const ALIAS_HEAD = 0x10000;

export interface CharTable {
	/**
	 * For every BMP code unit: 0 when it is dropped (and for surrogates, which the caller
	 * decodes itself), otherwise the folded code unit, ORed with ALIAS_HEAD where relevant.
	 * Storing it into a Uint16Array strips the flag.
	 */
	fold: Int32Array;
	/** Plane 1 (U+10000–1FFFF): 1 where the character is dropped (emoji, symbols). */
	astralDrop: Uint8Array;
	/** Supplementary characters that fold to one BMP unit (mathematical bold a → a). */
	astralFold: Map<number, number>;
}

interface TableFile {
	map: string;
	drop: number[];
	astral: number[];
}

function readTableFile(): TableFile {
	if (!fs.existsSync(TABLE_PATH)) {
		throw new Error(
			`Character table missing: ${TABLE_PATH}. Run "node scripts/build-t2s.js" (part of npm run build).`,
		);
	}
	return JSON.parse(fs.readFileSync(TABLE_PATH, 'utf8')) as TableFile;
}

export function loadCharTable(): CharTable {
	const file = readTableFile();
	const fold = new Int32Array(0x10000);
	for (let c = 0; c < 0x10000; c++) fold[c] = c;
	for (let i = 0; i + 1 < file.map.length; i += 2)
		fold[file.map.charCodeAt(i)] = file.map.charCodeAt(i + 1);
	fold.fill(0, 0xd800, 0xe000);
	const astralDrop = new Uint8Array(0x10000);
	for (let i = 0; i + 1 < file.drop.length; i += 2) {
		const lo = file.drop[i];
		const hi = file.drop[i + 1];
		if (lo < 0x10000) fold.fill(0, lo, Math.min(hi, 0xffff) + 1);
		if (hi >= 0x10000 && lo < 0x20000)
			astralDrop.fill(1, Math.max(lo, 0x10000) - 0x10000, Math.min(hi, 0x1ffff) - 0x10000 + 1);
	}
	const astralFold = new Map<number, number>();
	for (let i = 0; i + 1 < file.astral.length; i += 2)
		astralFold.set(file.astral[i], file.astral[i + 1]);
	return { fold, astralDrop, astralFold };
}

/**
 * What a supplementary character becomes: -1 to keep its surrogate pair as is, 0 to drop it,
 * otherwise the BMP unit it folds to. Tags and variation selectors (plane 14) always go.
 */
export function foldAstral(t: CharTable, cp: number): number {
	if (cp < 0x20000) {
		if (t.astralDrop[cp - 0x10000] === 1) return 0;
		return t.astralFold.get(cp) ?? -1;
	}
	return cp >= 0xe0000 && cp <= 0xe0fff ? 0 : -1;
}

/** a–z, and the Latin-1/Extended letters that have no ASCII base (ß, æ, ø). */
export function isLatinLetter(unit: number): boolean {
	return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0xdf && unit <= 0x24f && unit !== 0xf7);
}
