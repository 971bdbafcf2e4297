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
 * span that is an everyday word of its own (发火 for 发货, 加个 for 价格) never counts, nor a span
 * whose changed end character belongs to a word with its neighbour outside (单好 in 晒单好像 is
 * not 单号: 好 is part of 好像).
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
	/** The keyword as written (else heard by its sound). */
	exact: boolean;
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
	if (length === 2 && table.words.has(text.slice(start, end))) return false;
	return !splitsWord(text, start, end, keyword, table);
}

/** Whether a changed character at an end of the span makes a word with the character beyond it. */
function splitsWord(
	text: string,
	start: number,
	end: number,
	keyword: string,
	table: PinyinTable,
): boolean {
	const last = end - 1;
	if (
		end < text.length &&
		text.charCodeAt(last) !== keyword.charCodeAt(last - start) &&
		table.words.has(text.slice(last, end + 1))
	)
		return true;
	return (
		start > 0 &&
		text.charCodeAt(start) !== keyword.charCodeAt(0) &&
		table.words.has(text.slice(start - 1, start + 1))
	);
}

/**
 * Every mention of a keyword with a sound form in a normalised message: the keyword as written
 * (`exact`) and heard by its sound. The keyword automaton leaves these keywords to this scan
 * (compileRules), so a message is still read once per keyword: an occurrence is exact when the
 * span is the keyword itself, a sound mention when the guards say it is meant. Calls back rather
 * than collecting, so the scan allocates nothing of its own per occurrence.
 */
export function scanSound(
	index: SoundIndex,
	normalised: string,
	keywords: readonly string[],
	onMention: (id: number, start: number, end: number, exact: boolean) => void,
): void {
	const { soundLength, keywordIds, table } = index;
	// Most DMs have no typed pinyin: then a character is a syllable, and the scan reads the
	// text through the sound table without building anything.
	if (!hasTypedPinyin(table, normalised)) {
		index.automaton.scanMapped(normalised, table.soundUnit, (sid, end) => {
			const start = end - soundLength[sid];
			const ids = keywordIds[sid];
			for (let j = 0; j < ids.length; j++) {
				const keyword = keywords[ids[j]];
				if (isAt(normalised, start, end, keyword)) onMention(ids[j], start, end, true);
				else if (meansKeyword(normalised, start, end, keyword, table))
					onMention(ids[j], start, end, false);
			}
		});
		return;
	}
	const sound = soundText(normalised, table);
	index.automaton.scan(sound.text, (sid, end) => {
		const start = sound.from[end - soundLength[sid]];
		const stop = sound.to[end - 1];
		for (const id of keywordIds[sid]) {
			if (isAt(normalised, start, stop, keywords[id])) onMention(id, start, stop, true);
			else if (meansKeyword(normalised, start, stop, keywords[id], table))
				onMention(id, start, stop, false);
		}
	});
}

/** scanSound's mentions as a list. */
export function soundMentions(
	index: SoundIndex,
	normalised: string,
	keywords: readonly string[],
): SoundMention[] {
	const out: SoundMention[] = [];
	scanSound(index, normalised, keywords, (id, start, end, exact) =>
		out.push({ id, start, end, exact }),
	);
	return out;
}

/** Whether text[start, end) is the keyword (compared unit by unit: no string is built). */
function isAt(text: string, start: number, end: number, keyword: string): boolean {
	if (end - start !== keyword.length) return false;
	for (let i = 0; i < keyword.length; i++)
		if (text.charCodeAt(start + i) !== keyword.charCodeAt(i)) return false;
	return true;
}
