/**
 * Jaro–Winkler, number for number the same as natural's `JaroWinklerDistance(s1, s2, options)`
 * (natural 8.x, lib/natural/distance/jaro-winkler_distance.js). Despite the name it is a
 * similarity: 1 = identical. natural's quirks are kept on purpose so the equality tests hold:
 * - `s1 === s2` returns 1 before anything else (even before `ignoreCase`);
 * - the match window is floor(max(len) / 2) - 1, which is -1 for one-unit strings, so "a" vs
 *   "A" with ignoreCase has no Jaro match at all (0) yet gets the Winkler prefix bonus;
 * - the prefix loop compares `s1[l] === s2[l]` before `l < 4`, so two exhausted strings
 *   (undefined === undefined) keep counting up to 4;
 * - `dj` (a precomputed Jaro value) is trusted as given.
 * Strings are compared by UTF-16 unit, as natural does.
 */
export interface JaroWinklerOptions {
	/** A Jaro value computed elsewhere; used instead of computing it. */
	dj?: number;
	/** Lower-case both strings first (after the identity check, as natural does). */
	ignoreCase?: boolean;
}

// Reused between calls: the re-rank calls this on every candidate, and a fresh array per call
// would dominate the cost for short strings.
let flags1 = new Uint8Array(64);
let flags2 = new Uint8Array(64);

/** The Jaro similarity of natural's `distance(s1, s2)` helper. */
export function jaro(s1: string, s2: string): number {
	const n1 = s1.length;
	const n2 = s2.length;
	if (n1 === 0 || n2 === 0) return 0;
	if (flags1.length < n1) flags1 = new Uint8Array(n1 * 2);
	if (flags2.length < n2) flags2 = new Uint8Array(n2 * 2);
	flags1.fill(0, 0, n1);
	flags2.fill(0, 0, n2);
	const matchWindow = Math.floor(Math.max(n1, n2) / 2.0) - 1;
	let m = 0;
	for (let i = 0; i < n1; i++) {
		const start = Math.max(0, i - matchWindow);
		const end = Math.min(i + matchWindow + 1, n2);
		const c = s1.charCodeAt(i);
		for (let k = start; k < end; k++) {
			if (flags2[k] === 1 || s2.charCodeAt(k) !== c) continue;
			flags1[i] = 1;
			flags2[k] = 1;
			m++;
			break;
		}
	}
	if (m === 0) return 0.0;
	let t = 0;
	let k = 0;
	for (let i = 0; i < n1; i++) {
		if (flags1[i] === 0) continue;
		while (flags2[k] === 0) k++;
		if (s1.charCodeAt(i) !== s2.charCodeAt(k)) t++;
		k++;
	}
	t = t / 2.0;
	// Same operand order as natural, so the floating-point result is bit-identical.
	return (m / n1 + m / n2 + (m - t) / m) / 3.0;
}

export function jaroWinklerDistance(
	s1: string,
	s2: string,
	options: JaroWinklerOptions = {},
): number {
	if (s1 === s2) return 1;
	if (options.ignoreCase) {
		s1 = s1.toLowerCase();
		s2 = s2.toLowerCase();
	}
	const j = options.dj === undefined ? jaro(s1, s2) : options.dj;
	const p = 0.1;
	let l = 0;
	// Indexing past the end yields undefined on both sides; natural counts that as a match.
	while (s1[l] === s2[l] && l < 4) l++;
	return j + l * p * (1 - j);
}
