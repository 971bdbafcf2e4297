import { KeywordAutomaton } from '../keywordAutomaton';
import { pinyinTable, type PinyinTable } from './pinyinTable';
import { hasTypedPinyin, keywordSound, soundText } from './soundText';

/**
 * Keywords heard by their sound: a customer who types 推货, 发飘 or "tuihuo" means 退货, 发票.
 * Built once per rule set next to the keyword automaton; a message is scanned once more, as it
 * sounds (soundText).
 *
 * Guarded, because Chinese has many homophones: a span that sounds like a keyword counts only
 * when it is typed pinyin, or when it keeps at least one of the keyword's own characters and
 * changes at most one in three (one for two- and three-character keywords), and a two-character
 * span that is an everyday word of its own (发火 for 发货, 加个 for 价格) never counts.
 */
export interface SoundIndex {
	automaton: KeywordAutomaton;
	/** Per sound id: the keyword ids that sound like it. */
	keywordIds: number[][];
	/** Per sound id: its length in syllables. */
	soundLength: number[];
	table: PinyinTable;
}

export interface SoundMention {
	/** Keyword id. */
	id: number;
	/** Span in the normalised text. */
	start: number;
	end: number;
}

/** The sound index of a rule set's keywords (ids as the keyword automaton numbers them), if any has a sound. */
export function buildSoundIndex(
	keywords: readonly string[],
	heard: (id: number) => boolean,
): SoundIndex | undefined {
	const table = pinyinTable();
	const soundIds = new Map<string, number>();
	const keywordIds: number[][] = [];
	keywords.forEach((keyword, id) => {
		if (!heard(id)) return;
		const sound = keywordSound(keyword, table);
		if (!sound) return;
		let sid = soundIds.get(sound);
		if (sid === undefined) {
			sid = keywordIds.length;
			soundIds.set(sound, sid);
			keywordIds.push([]);
		}
		keywordIds[sid].push(id);
	});
	if (keywordIds.length === 0) return undefined;
	const sounds = [...soundIds.keys()];
	return {
		automaton: KeywordAutomaton.build(sounds),
		keywordIds,
		soundLength: sounds.map((sound) => sound.length),
		table,
	};
}

function hasLetter(text: string, start: number, end: number): boolean {
	for (let i = start; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c >= 0x61 && c <= 0x7a) return true;
	}
	return false;
}

/**
 * Whether text[start, end), which sounds like the keyword, is meant as it (see the guards
 * above). Read in place: most candidates are the keyword itself, found by the automaton already.
 */
export function meansKeyword(
	text: string,
	start: number,
	end: number,
	keyword: string,
	table: PinyinTable,
): boolean {
	const length = end - start;
	// Compared unit by unit: cheaper than startsWith on the texts normalisation builds, and most
	// candidates are the keyword itself (found by the keyword automaton already).
	let same = 0;
	if (length === keyword.length)
		for (let i = 0; i < length; i++)
			if (text.charCodeAt(start + i) === keyword.charCodeAt(i)) same++;
	if (same === length) return false;
	if (hasLetter(text, start, end)) return true;
	if (length !== keyword.length) return false;
	const changed = length - same;
	if (same === 0 || changed > Math.max(1, Math.floor(length / 3))) return false;
	return !(length === 2 && table.words.has(text.slice(start, end)));
}

/**
 * Where the keyword automaton found keywords in a text: bit (length - 1) of exactEnds[end] is
 * set when a keyword of that length (up to 32) ends at `end`. A span the keyword automaton found
 * is one the sound scan need not look at again: reading it as a sound mention costs most of the
 * scan, because nearly every sound match is a keyword written correctly.
 */
export class ExactEnds {
	/** Read by KeywordAutomaton.scanMapped directly. */
	bits = new Uint32Array(256);
	private touched: number[] = [];

	/** Empties the marks of the last text. */
	reset(): void {
		for (const end of this.touched) this.bits[end] = 0;
		this.touched.length = 0;
	}

	mark(end: number, length: number): void {
		if (length > 32) return;
		if (end >= this.bits.length) {
			const grown = new Uint32Array(Math.max(end + 1, this.bits.length * 2));
			grown.set(this.bits);
			this.bits = grown;
		}
		if (this.bits[end] === 0) this.touched.push(end);
		this.bits[end] |= 1 << (length - 1);
	}

	has(end: number, length: number): boolean {
		return length <= 32 && end < this.bits.length && (this.bits[end] & (1 << (length - 1))) !== 0;
	}
}

/**
 * The keywords a normalised message mentions by sound only. `exact` holds where the keyword
 * automaton found keywords in it (those spans are skipped: they are exact mentions already).
 */
export function soundMentions(
	index: SoundIndex,
	normalised: string,
	keywords: readonly string[],
	exact?: ExactEnds,
): SoundMention[] {
	const out: SoundMention[] = [];
	// Most DMs have no typed pinyin: then a character is a syllable, and the scan reads the
	// text through the sound table without building anything.
	if (!hasTypedPinyin(index.table, normalised)) {
		const { soundLength, keywordIds, table } = index;
		index.automaton.scanMapped(
			normalised,
			table.soundUnit,
			(sid, end) => {
				const start = end - soundLength[sid];
				const ids = keywordIds[sid];
				for (let j = 0; j < ids.length; j++)
					if (meansKeyword(normalised, start, end, keywords[ids[j]], table))
						out.push({ id: ids[j], start, end });
			},
			exact?.bits,
		);
		return out;
	}
	const sound = soundText(normalised, index.table);
	index.automaton.scan(sound.text, (sid, end) => {
		const length = index.soundLength[sid];
		const start = sound.from[end - length];
		const stop = sound.to[end - 1];
		for (const id of index.keywordIds[sid])
			if (meansKeyword(normalised, start, stop, keywords[id], index.table))
				out.push({ id, start, end: stop });
	});
	return out;
}
