/**
 * Text normalisation for matching, shared by keywords and messages so that both meet in one
 * spelling: case and width folded, traditional → simplified, white space, zero-width
 * characters, emoji and punctuation removed, then aliases (pinyin, abbreviations, slang,
 * typos) rewritten to canonical Chinese. Every normalised unit maps back to the original text.
 *
 * Built for throughput (a DM is normalised once per message at ≥1M messages/s): one pass over
 * the char codes through a 64K lookup table, into reused typed buffers, no regex and no
 * per-character strings. The alias pass runs only when a unit that can start an alias is seen.
 */
import { ALIASES } from '../aliases';
import { aliasOut, applyAliases, compileAliases, unitEnd, type AliasIndex } from './aliasStep';
import { ALIAS_HEAD, loadCharTable, type CharTable } from './charTable';
import { arenaCopy, foldUnits, scratch, textOf } from './foldPass';

export interface Normalized {
	/** The normalised text that keywords are matched against. */
	text: string;
	/** origin[i] = index (UTF-16 unit) in the original string where text[i] came from. */
	origin: Uint32Array;
	/** The original string. */
	input: string;
	/**
	 * Only when an alias replaced something: for each unit of a replacement, the exclusive end
	 * in the original of the whole replaced source; 0 for the other units, whose end is that of
	 * the original character at origin[i]. Use originalSpan rather than reading it.
	 */
	originEnd?: Uint32Array;
}

let table: CharTable | undefined;
let aliases: AliasIndex | undefined;

function tables(): CharTable {
	if (table) return table;
	const t = loadCharTable();
	table = t;
	const index = compileAliases(ALIASES, (s) => {
		foldUnits(t, s);
		return textOf(scratch.units, scratch.count);
	});
	// Flag, in the table itself, every character that folds to an alias head: the hot loop
	// then learns where the alias pass has to look for free.
	for (let c = 0; c < 0x10000; c++)
		if (t.fold[c] !== 0 && index.heads[t.fold[c]] !== 0) t.fold[c] |= ALIAS_HEAD;
	aliases = index;
	return t;
}

/** Runs the alias pass on `scratch`; true when it replaced something (result in aliasOut). */
function aliasPass(t: CharTable, input: string, withOrigins: boolean): boolean {
	const s = scratch;
	return (
		s.headCount !== 0 &&
		applyAliases(
			input,
			s.units,
			s.origins,
			s.count,
			s.heads,
			s.headCount,
			aliases as AliasIndex,
			t.fold,
			withOrigins,
		)
	);
}

/**
 * A normalisation result. The origin arrays are only needed for the few messages whose
 * matches get reported, and building them costs more than normalising, so they are traced
 * again from the input on first use (the tables are fixed, so the result is the same).
 */
class NormalizedText implements Normalized {
	private traced?: { origin: Uint32Array; originEnd?: Uint32Array };

	constructor(
		readonly text: string,
		readonly input: string,
	) {}

	get origin(): Uint32Array {
		return (this.traced ??= trace(this.input)).origin;
	}

	get originEnd(): Uint32Array | undefined {
		return (this.traced ??= trace(this.input)).originEnd;
	}
}

function trace(input: string): { origin: Uint32Array; originEnd?: Uint32Array } {
	const t = table ?? tables();
	foldUnits(t, input);
	if (aliasPass(t, input, true))
		return {
			origin: arenaCopy(aliasOut.starts, aliasOut.length),
			originEnd: arenaCopy(aliasOut.ends, aliasOut.length),
		};
	return { origin: arenaCopy(scratch.origins, scratch.count) };
}

/** Case, width, script and noise folding only (no aliases). */
export function foldChars(input: string): Normalized {
	foldUnits(table ?? tables(), input);
	return {
		text: textOf(scratch.units, scratch.count),
		origin: arenaCopy(scratch.origins, scratch.count),
		input,
	};
}

export function normalize(input: string): Normalized {
	const t = table ?? tables();
	foldUnits(t, input);
	const text = aliasPass(t, input, false)
		? textOf(aliasOut.units, aliasOut.length)
		: textOf(scratch.units, scratch.count);
	return new NormalizedText(text, input);
}

export function normalizeKeyword(keyword: string): string {
	return normalize(keyword).text;
}

/** The alias table as applied (normalised spelling → canonical form). */
export function aliasTable(): ReadonlyMap<string, string> {
	tables();
	return (aliases as AliasIndex).table;
}

/**
 * The span [start, end) of normalised text, as a span of the original string: from the first
 * source character to the end of the last one, whatever was removed in between. Never splits
 * a surrogate pair; a span inside an alias replacement covers the whole replaced source.
 */
export function originalSpan(
	n: Normalized,
	start: number,
	end: number,
): { start: number; end: number } {
	const len = n.text.length;
	const s = Math.max(0, start);
	const e = Math.min(len, end);
	if (e <= s) {
		const at = s < len ? firstUnit(n, s) : len > 0 ? lastEnd(n, len - 1) : 0;
		return { start: at, end: at };
	}
	return { start: firstUnit(n, s), end: lastEnd(n, e - 1) };
}

function firstUnit(n: Normalized, i: number): number {
	const p = n.origin[i];
	const c = n.input.charCodeAt(p);
	const b = p > 0 ? n.input.charCodeAt(p - 1) : 0;
	return c >= 0xdc00 && c <= 0xdfff && b >= 0xd800 && b <= 0xdbff ? p - 1 : p;
}

function lastEnd(n: Normalized, i: number): number {
	const replaced = n.originEnd ? n.originEnd[i] : 0;
	return replaced !== 0 ? replaced : unitEnd(n.input, n.origin[i]);
}
