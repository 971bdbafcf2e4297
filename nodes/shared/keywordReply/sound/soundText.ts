import { pinyinTable, SOUND_BASE, usualReading, type PinyinTable } from './pinyinTable';

/**
 * A normalised text as it sounds: every Chinese character becomes its usual syllable, and a run
 * of Latin letters that reads entirely as pinyin ("tuihuo", "baoyouma": normalisation has taken
 * the spaces out) becomes its syllables; everything else stays as it is. Keywords and messages
 * meet here when they sound alike: 推货 and 退货 are both tui·huo, and so is "tuihuo".
 *
 * A syllable is one unit from the Private Use Area (U+E000 + its id), so it can never be
 * mistaken for text, and the automaton that finds keywords scans this text like any other.
 */
export const SYLLABLE_BASE = SOUND_BASE;

export interface SoundText {
	text: string;
	/** For each unit: where it starts in the normalised text. Valid until the next call. */
	from: Uint32Array;
	/** For each unit: where it ends (exclusive) in the normalised text. Valid until the next call. */
	to: Uint32Array;
}

let from = new Uint32Array(256);
let to = new Uint32Array(256);
const units: number[] = [];

function isAsciiLetter(c: number): boolean {
	return c >= 0x61 && c <= 0x7a;
}

// The segmentation's work arrays, reused (grown as needed): most runs are a few letters.
let best = new Int32Array(64);
let prev = new Int32Array(64);
let ids = new Int32Array(64);

/** Fills best/prev/ids for text[start, end); true when all of it reads as pinyin. */
function segment(t: PinyinTable, text: string, start: number, end: number): boolean {
	const n = end - start;
	if (best.length < n + 1) {
		best = new Int32Array(2 * n + 2);
		prev = new Int32Array(2 * n + 2);
		ids = new Int32Array(2 * n + 2);
	}
	best.fill(-1, 0, n + 1);
	best[0] = 0;
	const { trie, syllableAt } = t;
	for (let i = 0; i < n; i++) {
		if (best[i] < 0) continue;
		// Every syllable that starts here, shortest first; a longer one wins a tie (xian, not xi·an).
		for (let node = 0, j = i; j < n;) {
			node = trie[node * 26 + (text.charCodeAt(start + j) - 0x61)];
			if (node === 0) break;
			j++;
			const id = syllableAt[node];
			if (id >= 0 && (best[j] < 0 || best[i] + 1 <= best[j])) {
				best[j] = best[i] + 1;
				prev[j] = i;
				ids[j] = id;
			}
		}
	}
	return best[n] >= 0;
}

/**
 * The syllables a run of letters reads as, fewest first (longer syllables win ties: "xian" is
 * xian, not xi·an), as [start, end, id] triples; undefined when some part is not pinyin.
 */
export function segmentPinyin(t: PinyinTable, run: string): number[] | undefined {
	if (!segment(t, run, 0, run.length)) return undefined;
	const out: number[] = [];
	for (let j = run.length; j > 0; j = prev[j]) out.unshift(prev[j], j, ids[j]);
	return out;
}

/** Whether some run of two letters or more in the text reads entirely as pinyin. */
export function hasTypedPinyin(t: PinyinTable, text: string): boolean {
	const n = text.length;
	for (let i = 0; i < n; i++) {
		if (!isAsciiLetter(text.charCodeAt(i))) continue;
		let j = i + 1;
		while (j < n && isAsciiLetter(text.charCodeAt(j))) j++;
		if (j - i >= 2 && segment(t, text, i, j)) return true;
		i = j;
	}
	return false;
}

/** The string of UTF-16 units, in slices small enough for any text length. */
function fromUnits(list: number[]): string {
	let out = '';
	for (let k = 0; k < list.length; k += 4096)
		out += String.fromCharCode(...list.slice(k, k + 4096));
	return out;
}

function grow(size: number): void {
	if (from.length >= size) return;
	from = new Uint32Array(size * 2);
	to = new Uint32Array(size * 2);
}

/** The sound of a normalised text (see the file comment). */
export function soundText(normalised: string, t: PinyinTable = pinyinTable()): SoundText {
	grow(normalised.length + 1);
	units.length = 0;
	const n = normalised.length;
	for (let i = 0; i < n;) {
		const c = normalised.charCodeAt(i);
		const reading = usualReading(t, c);
		if (reading >= 0) {
			from[units.length] = i;
			to[units.length] = i + 1;
			units.push(SYLLABLE_BASE + reading);
			i++;
			continue;
		}
		if (isAsciiLetter(c)) {
			let j = i + 1;
			while (j < n && isAsciiLetter(normalised.charCodeAt(j))) j++;
			const syllables = j - i >= 2 ? segmentPinyin(t, normalised.slice(i, j)) : undefined;
			if (syllables) {
				for (let k = 0; k < syllables.length; k += 3) {
					from[units.length] = i + syllables[k];
					to[units.length] = i + syllables[k + 1];
					units.push(SYLLABLE_BASE + syllables[k + 2]);
				}
			} else {
				for (let k = i; k < j; k++) {
					from[units.length] = k;
					to[units.length] = k + 1;
					units.push(normalised.charCodeAt(k));
				}
			}
			i = j;
			continue;
		}
		from[units.length] = i;
		to[units.length] = i + 1;
		units.push(c);
		i++;
	}
	return { text: fromUnits(units), from, to };
}

/**
 * A keyword's sound, when it has one worth matching: two Chinese characters or more, and nothing
 * else (a keyword with digits or letters is matched as written only: "iphone15", "A醇", "spf").
 */
export function keywordSound(
	normalised: string,
	t: PinyinTable = pinyinTable(),
): string | undefined {
	if (normalised.length < 2) return undefined;
	let sound = '';
	for (let i = 0; i < normalised.length; i++) {
		const reading = usualReading(t, normalised.charCodeAt(i));
		if (reading < 0) return undefined;
		sound += String.fromCharCode(SYLLABLE_BASE + reading);
	}
	return sound;
}
