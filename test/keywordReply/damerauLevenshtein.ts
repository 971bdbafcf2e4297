/**
 * Damerau–Levenshtein, number for number the same as natural's
 * `DamerauLevenshteinDistance(source, target, options)` (natural 8.x,
 * lib/natural/distance/levenshtein_distance.js), which by default (`restricted: false`) runs
 * its own "unrestricted" variant. That variant is not textbook Lowrance–Wagner: natural
 * records a source character's row in the last-row map while still inside that row, so a
 * transposition may start from the current row with a (row - lastRow - 1) = -1 deletion term,
 * and it undercounts ("bcb" → "bbbb" is 1, not 2). We reproduce it exactly (the equality
 * tests compare against natural); `restricted: true` (optimal string alignment) is textbook,
 * and is what the FAQ re-rank uses (osa.ts).
 * Strings are compared by UTF-16 unit, as natural does.
 * Only the tests use it (as the reference the re-rank's OSA is checked against), so it lives
 * here, not in the package.
 */
export interface DamerauLevenshteinOptions {
	/** @default 1 */
	insertion_cost?: number;
	/** @default 1 */
	deletion_cost?: number;
	/** @default 1 */
	substitution_cost?: number;
	/** @default 1 */
	transposition_cost?: number;
	/** Optimal string alignment instead of natural's unrestricted variant. @default false */
	restricted?: boolean;
}

// Scratch space reused between calls: the re-rank runs this per candidate and allocation
// would cost more than the arithmetic for short strings.
let matrix = new Float64Array(1024);
// Last source row (1-based, 0 = never) per UTF-16 unit, for the unrestricted variant.
const lastRow = new Int32Array(65536);

/** natural replaces a cost with 1 when `isNaN(cost)`; `null` therefore counts as 0. */
function costOf(value: number | undefined): number {
	return isNaN(value as number) ? 1 : Number(value);
}

function ensureMatrix(size: number): Float64Array {
	if (matrix.length < size) matrix = new Float64Array(size * 2);
	return matrix;
}

export function damerauLevenshteinDistance(
	source: string,
	target: string,
	options: DamerauLevenshteinOptions = {},
): number {
	const ins = costOf(options.insertion_cost);
	const del = costOf(options.deletion_cost);
	const sub = costOf(options.substitution_cost);
	const tr = options.transposition_cost === undefined ? 1 : options.transposition_cost;
	const restricted = Boolean(options.restricted);
	return run(source, target, ins, del, sub, tr, restricted, false);
}

/**
 * The cheapest edit cost of `source` against any substring of `target` (natural's
 * `DamerauLevenshteinDistanceSearch(...).distance`): how well a FAQ question appears
 * somewhere inside a longer message.
 */
export function damerauLevenshteinSearchDistance(
	source: string,
	target: string,
	options: DamerauLevenshteinOptions = {},
): number {
	const tr = options.transposition_cost === undefined ? 1 : options.transposition_cost;
	return run(
		source,
		target,
		costOf(options.insertion_cost),
		costOf(options.deletion_cost),
		costOf(options.substitution_cost),
		tr,
		Boolean(options.restricted),
		true,
	);
}

function run(
	source: string,
	target: string,
	ins: number,
	del: number,
	sub: number,
	tr: number,
	restricted: boolean,
	search: boolean,
): number {
	const n = source.length;
	const m = target.length;
	const w = m + 1;
	const d = ensureMatrix((n + 1) * w);
	d[0] = 0;
	for (let row = 1; row <= n; row++) d[row * w] = d[(row - 1) * w] + del;
	for (let col = 1; col <= m; col++) d[col] = search ? 0 : d[col - 1] + ins;
	for (let row = 1; row <= n; row++) {
		const sc = source.charCodeAt(row - 1);
		const prevSc = row > 1 ? source.charCodeAt(row - 2) : -1;
		const base = row * w;
		const up = base - w;
		let lastColMatch = 0;
		for (let col = 1; col <= m; col++) {
			const tc = target.charCodeAt(col - 1);
			// Same candidates, same arithmetic order as natural; only the minimum matters.
			let best = d[base + col - 1] + ins;
			const viaDelete = d[up + col] + del;
			if (viaDelete < best) best = viaDelete;
			let viaSubstitute = d[up + col - 1];
			if (sc !== tc) viaSubstitute = viaSubstitute + sub;
			if (viaSubstitute < best) best = viaSubstitute;
			if (!restricted) {
				const lastRowMatch = lastRow[tc];
				if (row > 1 && col > 1 && lastColMatch !== 0 && lastRowMatch !== 0) {
					const viaTranspose =
						d[(lastRowMatch - 1) * w + lastColMatch - 1] +
						(row - lastRowMatch - 1) * del +
						(col - lastColMatch - 1) * ins +
						tr;
					if (viaTranspose < best) best = viaTranspose;
				}
				// natural updates the map after every cell of the row, i.e. from column 1 on.
				lastRow[sc] = row;
				if (sc === tc) lastColMatch = col;
			} else if (row > 1 && col > 1 && sc === target.charCodeAt(col - 2) && prevSc === tc) {
				const viaTranspose = d[up - w + col - 2] + tr;
				if (viaTranspose < best) best = viaTranspose;
			}
			d[base + col] = best;
		}
	}
	if (!restricted) for (let row = 0; row < n; row++) lastRow[source.charCodeAt(row)] = 0;
	if (!search) return d[n * w + m];
	// natural starts its minimum at n + m (so very high custom costs are capped there).
	let min = n + m;
	for (let col = 0; col <= m; col++) if (d[n * w + col] < min) min = d[n * w + col];
	return min;
}

/**
 * Edit similarity in [0, 1]: 1 - distance / longer length, with natural's distance and
 * options (unit costs by default); 1 for two empty strings. The FAQ re-rank uses the same
 * normalisation over `osaDistances` (the `restricted: true` variant, three at once).
 */
export function damerauLevenshteinSimilarity(
	a: string,
	b: string,
	options: DamerauLevenshteinOptions = {},
): number {
	const longer = Math.max(a.length, b.length);
	if (longer === 0) return 1;
	const dist = damerauLevenshteinDistance(a, b, options);
	return Math.min(1, Math.max(0, 1 - dist / longer));
}
