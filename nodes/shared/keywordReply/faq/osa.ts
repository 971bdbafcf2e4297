/**
 * The re-rank's edit distances, all three from one pass over the same character pairs:
 * unit-cost optimal string alignment (Damerau–Levenshtein with adjacent transpositions, the
 * `restricted: true` variant of natural, which the tests compare it with) between a question
 * and a message, as
 * - `whole`: question against the whole message;
 * - `questionInMessage`: question against the best substring of the message (natural's
 *   `DamerauLevenshteinDistanceSearch(question, message)`);
 * - `messageInQuestion`: message against the best substring of the question.
 * Rows are the question, columns the message; each variant keeps three rolling rows (i - 2,
 * i - 1, i) in typed arrays reused between calls: the re-rank runs this for every candidate.
 */
export interface OsaDistances {
	whole: number;
	questionInMessage: number;
	messageInQuestion: number;
}

let width = 0;
let whole = new Int32Array(0);
let qim = new Int32Array(0);
let miq = new Int32Array(0);

export function osaDistances(question: string, message: string): OsaDistances {
	const n = question.length;
	const m = message.length;
	const w = m + 1;
	if (width < w) {
		width = w * 2;
		whole = new Int32Array(3 * width);
		qim = new Int32Array(3 * width);
		miq = new Int32Array(3 * width);
	}
	const W = whole;
	const Q = qim;
	const M = miq;
	// Row 0: whole and messageInQuestion pay for every message character; questionInMessage
	// may start anywhere in the message.
	for (let j = 0; j <= m; j++) {
		W[j] = j;
		Q[j] = 0;
		M[j] = j;
	}
	let bestMiq = m; // messageInQuestion may end after any question prefix, row 0 included
	for (let i = 1; i <= n; i++) {
		const qc = question.charCodeAt(i - 1);
		const qPrev = i > 1 ? question.charCodeAt(i - 2) : -1;
		const cur = (i % 3) * w;
		const up = ((i - 1) % 3) * w;
		const up2 = ((i + 1) % 3) * w; // row i - 2
		// Column 0: whole and questionInMessage delete i question characters;
		// messageInQuestion may skip any question prefix for free.
		W[cur] = i;
		Q[cur] = i;
		M[cur] = 0;
		let mPrev = -1;
		for (let j = 1; j <= m; j++) {
			const mc = message.charCodeAt(j - 1);
			const cost = qc === mc ? 0 : 1;
			const swap = qc === mPrev && qPrev === mc;
			mPrev = mc;
			W[cur + j] = cell(W, cur, up, up2, j, cost, swap);
			Q[cur + j] = cell(Q, cur, up, up2, j, cost, swap);
			M[cur + j] = cell(M, cur, up, up2, j, cost, swap);
		}
		if (M[cur + m] < bestMiq) bestMiq = M[cur + m];
	}
	const last = (n % 3) * w;
	let bestQim = Q[last];
	for (let j = 1; j <= m; j++) if (Q[last + j] < bestQim) bestQim = Q[last + j];
	return { whole: W[last + m], questionInMessage: bestQim, messageInQuestion: bestMiq };
}

/** One OSA cell from its left, upper, diagonal and (on a swap) second-diagonal neighbours. */
function cell(
	r: Int32Array,
	cur: number,
	up: number,
	up2: number,
	j: number,
	cost: number,
	swap: boolean,
): number {
	let d = r[up + j - 1] + cost;
	const del = r[up + j] + 1;
	if (del < d) d = del;
	const ins = r[cur + j - 1] + 1;
	if (ins < d) d = ins;
	if (swap) {
		const tr = r[up2 + j - 2] + 1;
		if (tr < d) d = tr;
	}
	return d;
}
