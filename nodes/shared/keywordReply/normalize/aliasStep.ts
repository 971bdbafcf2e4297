import type { Alias } from '../aliases';
import { isLatinLetter } from './charTable';

/**
 * The alias half of normalisation: rewrites pinyin, abbreviations, slang and typos (see
 * ../aliases.ts) on the already folded code units, longest match first, left to right.
 * Replaced text is Chinese only, so it never feeds another alias and a second pass is a no-op.
 */

interface CompiledAlias {
	key: Uint16Array;
	value: Uint16Array;
	/** Whether the key starts / ends with a Latin letter, which must not be glued to another. */
	latinStart: boolean;
	latinEnd: boolean;
}

export interface AliasIndex {
	/** For every BMP unit: 0, or 1 + the index in `groups` of the aliases starting with it. */
	heads: Uint8Array;
	/** Aliases by first unit, longest first. */
	groups: CompiledAlias[][];
	/** Upper bound of value length / key length, to size the output buffers. */
	maxGrowth: number;
	/** Folded key → folded canonical form, for tests and diagnostics. */
	table: Map<string, string>;
}

const codes = (s: string): Uint16Array => Uint16Array.from(s, (_, i) => s.charCodeAt(i));

/** `fold` is the per-character normalisation, so keys are spelled the way text arrives here. */
export function compileAliases(list: readonly Alias[], fold: (s: string) => string): AliasIndex {
	const table = new Map<string, string>();
	for (const [spelling, canonical] of list) {
		const key = fold(spelling);
		if (key && !table.has(key)) table.set(key, fold(canonical));
	}
	const heads = new Uint8Array(0x10000);
	const groups: CompiledAlias[][] = [];
	let maxGrowth = 1;
	for (const [key, value] of table) {
		const head = key.charCodeAt(0);
		if (heads[head] === 0) {
			groups.push([]);
			heads[head] = groups.length;
		}
		groups[heads[head] - 1].push({
			key: codes(key),
			value: codes(value),
			latinStart: isLatinLetter(head),
			latinEnd: isLatinLetter(key.charCodeAt(key.length - 1)),
		});
		maxGrowth = Math.max(maxGrowth, Math.ceil(value.length / key.length));
	}
	for (const g of groups) g.sort((a, b) => b.key.length - a.key.length);
	return { heads, groups, maxGrowth, table };
}

/** Exclusive end of the original character at `p`, which may be a surrogate pair. */
export function unitEnd(input: string, p: number): number {
	const c = input.charCodeAt(p);
	if (c >= 0xd800 && c <= 0xdbff) {
		const d = input.charCodeAt(p + 1);
		if (d >= 0xdc00 && d <= 0xdfff) return p + 2;
	}
	return p + 1;
}

/** Whether the original character at `p` folds to a Latin letter. */
function latinAt(input: string, p: number, fold: Int32Array): boolean {
	return p >= 0 && p < input.length && isLatinLetter(fold[input.charCodeAt(p)] & 0xffff);
}

function findAlias(
	group: CompiledAlias[],
	input: string,
	units: number[],
	origins: Uint32Array,
	k: number,
	n: number,
	fold: Int32Array,
): CompiledAlias | undefined {
	candidates: for (const a of group) {
		const len = a.key.length;
		if (k + len > n) continue;
		for (let j = 1; j < len; j++) if (units[k + j] !== a.key[j]) continue candidates;
		// Glue is judged in the original: "wx yz" and "wx😊yz" are the alias, "wxyz" is not.
		if (a.latinStart && latinAt(input, origins[k] - 1, fold)) continue;
		if (a.latinEnd && latinAt(input, unitEnd(input, origins[k + len - 1]), fold)) continue;
		return a;
	}
	return undefined;
}

/**
 * Result buffers, reused across calls and valid until the next one. `ends` is 0 for units
 * that were not replaced (their end is that of the original character at `starts`).
 */
export const aliasOut = {
	units: new Array<number>(64).fill(0),
	starts: new Uint32Array(64),
	ends: new Uint32Array(64),
	length: 0,
};

function reserve(capacity: number): void {
	if (aliasOut.units.length >= capacity) return;
	const size = Math.max(capacity, aliasOut.units.length * 2);
	aliasOut.units = new Array<number>(size).fill(0);
	aliasOut.starts = new Uint32Array(size);
	aliasOut.ends = new Uint32Array(size);
}

/**
 * Applies the aliases to `units[0..n)` (whose sources are `origins`), trying only the
 * positions listed in `heads[0..h)` (ascending; where a unit can start an alias). Returns
 * false when nothing was replaced; otherwise fills `aliasOut`, where a replaced unit spans
 * its whole source: [starts[i], ends[i]). `starts`/`ends` are only filled when `trace`.
 */
export function applyAliases(
	input: string,
	units: number[],
	origins: Uint32Array,
	n: number,
	heads: Uint32Array,
	h: number,
	idx: AliasIndex,
	fold: Int32Array,
	trace: boolean,
): boolean {
	const headGroup = idx.heads;
	const groups = idx.groups;
	let w = -1; // -1 until the first replacement: most messages never copy anything
	let copied = 0; // units before this one are in the output already
	let outUnits = aliasOut.units;
	let starts = aliasOut.starts;
	let ends = aliasOut.ends;
	for (let x = 0; x < h; x++) {
		const k = heads[x];
		if (k < copied || k >= n) continue; // inside the previous replacement (or a dropped keycap)
		const hit = findAlias(groups[headGroup[units[k]] - 1], input, units, origins, k, n, fold);
		if (hit === undefined) continue;
		if (w < 0) {
			reserve(n * idx.maxGrowth);
			({ units: outUnits, starts, ends } = aliasOut);
			w = 0;
		}
		if (trace)
			traceSpans(input, origins, copied, k, hit.key.length, hit.value.length, w, starts, ends);
		for (let j = copied; j < k; j++) outUnits[w++] = units[j];
		for (let j = 0; j < hit.value.length; j++) outUnits[w++] = hit.value[j];
		copied = k + hit.key.length;
	}
	if (w < 0) return false;
	if (trace) traceSpans(input, origins, copied, n, 0, 0, w, starts, ends);
	for (let j = copied; j < n; j++) outUnits[w++] = units[j];
	aliasOut.length = w;
	return true;
}

/**
 * Origins for the output written from `w` on: units [from, to) unchanged (end 0: that of
 * their own character), then `valueLength` units replacing the `keyLength` units at `to`.
 */
function traceSpans(
	input: string,
	origins: Uint32Array,
	from: number,
	to: number,
	keyLength: number,
	valueLength: number,
	w: number,
	starts: Uint32Array,
	ends: Uint32Array,
): void {
	for (let j = from; j < to; j++, w++) {
		starts[w] = origins[j];
		ends[w] = 0;
	}
	if (valueLength === 0) return;
	const start = origins[to];
	const end = unitEnd(input, origins[to + keyLength - 1]);
	for (let j = 0; j < valueLength; j++, w++) {
		starts[w] = start;
		ends[w] = end;
	}
}
