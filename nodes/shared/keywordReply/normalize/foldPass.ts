import { foldAstral, type CharTable } from './charTable';

/**
 * The per-character pass of normalisation, into scratch buffers reused by every call (valid
 * until the next one), so a message costs one loop over its char codes and no allocation.
 */
export const scratch = {
	/** Folded code units. A plain array: String.fromCharCode.apply reads it several times faster than a typed view. */
	units: new Array<number>(256).fill(0),
	/** origins[i]: index in the input of the character units[i] came from. */
	origins: new Uint32Array(256),
	/** Positions in `units` of the units that can start an alias. */
	heads: new Uint32Array(256),
	count: 0,
	headCount: 0,
};

/** Fills `scratch` from `input`: fold and drop per the table, keep or fold surrogate pairs. */
export function foldUnits(t: CharTable, input: string): void {
	const len = input.length;
	if (scratch.origins.length < len) {
		scratch.units = new Array<number>(len * 2).fill(0);
		scratch.origins = new Uint32Array(len * 2);
		scratch.heads = new Uint32Array(len * 2);
	}
	const fold = t.fold;
	const u = scratch.units;
	const o = scratch.origins;
	const hd = scratch.heads;
	let n = 0;
	let h = 0;
	for (let i = 0; i < len; i++) {
		const c = input.charCodeAt(i);
		const m = fold[c];
		if (m !== 0) {
			if (m > 0xffff) hd[h++] = n; // flagged ALIAS_HEAD
			u[n] = m & 0xffff;
			o[n++] = i;
		} else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
			const d = input.charCodeAt(i + 1);
			if (d < 0xdc00 || d > 0xdfff) continue; // lone surrogate: dropped
			const f = foldAstral(t, ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
			if (f < 0) {
				u[n] = c;
				o[n++] = i;
				u[n] = d;
				o[n++] = i + 1;
			} else if (f > 0) {
				if (fold[f] > 0xffff) hd[h++] = n;
				u[n] = f;
				o[n++] = i;
			}
			i++;
		} else if (c === 0x20e3 && n > 0) {
			// Keycap 1️⃣ = digit, optional U+FE0F, U+20E3: the digit is part of the emoji.
			const d = u[n - 1];
			const p = o[n - 1];
			if (
				d >= 0x30 &&
				d <= 0x39 &&
				(p === i - 1 || (p === i - 2 && input.charCodeAt(i - 1) === 0xfe0f))
			)
				n--;
		}
	}
	scratch.count = n;
	scratch.headCount = h;
}

const CHUNK = 4096; // String.fromCharCode.apply takes its arguments on the stack

export function textOf(buf: number[], n: number): string {
	if (n <= CHUNK) return String.fromCharCode.apply(null, buf.slice(0, n));
	let s = '';
	for (let i = 0; i < n; i += CHUNK)
		s += String.fromCharCode.apply(null, buf.slice(i, Math.min(n, i + CHUNK)));
	return s;
}

// Allocating a Uint32Array costs ~300 ns (an ArrayBuffer each), more than a whole
// normalisation; origin arrays are views into a shared 64 KB arena instead. A kept view pins
// its arena, which is fine for per-message results, not for long-lived caches.
const ARENA = 16384;
let arena = new Uint32Array(ARENA);
let arenaUsed = 0;

export function arenaCopy(src: Uint32Array, n: number): Uint32Array {
	if (arenaUsed + n > arena.length) {
		arena = new Uint32Array(Math.max(ARENA, n));
		arenaUsed = 0;
	}
	const at = arenaUsed;
	for (let i = 0; i < n; i++) arena[at + i] = src[i];
	arenaUsed += n;
	return new Uint32Array(arena.buffer, at * 4, n);
}
