import { countTerms } from './termCounts';

/**
 * Builds the arrays behind `TfIdf`: an inverted index (term → postings of document ids with
 * tf, in document order) and a forward index (document → its terms with tf, sorted by term
 * id). The inverted index finds candidates without a scan over all documents; the forward
 * index re-sums a candidate's score exactly, in natural's order, for a handful of documents.
 */
export interface TfIdfArrays {
	terms: Map<string, number>;
	idfs: Float64Array;
	/** Largest tf of each term in any document: the term's best possible contribution. */
	maxTf: Float64Array;
	offsets: Uint32Array;
	postDocs: Uint32Array;
	postTf: Float64Array;
	/** tf · idf per posting: the exact product natural forms. */
	postWeight: Float64Array;
	docOffsets: Uint32Array;
	docTerms: Uint32Array;
	docTf: Float64Array;
	/** sqrt(Σ tf²·idf) per document. */
	norms: Float64Array;
}

export function buildTfIdfArrays(docs: ReadonlyArray<readonly string[]>): TfIdfArrays {
	const n = docs.length;
	const { ids: terms, df, counts: docCounts } = countTerms(docs);
	const termCount = df.length;
	const idfs = new Float64Array(termCount);
	const maxTf = new Float64Array(termCount);
	const offsets = new Uint32Array(termCount + 1);
	for (let t = 0; t < termCount; t++) {
		idfs[t] = 1 + Math.log(n / (1 + df[t]));
		offsets[t + 1] = offsets[t] + df[t];
	}
	const total = offsets[termCount];
	const postDocs = new Uint32Array(total);
	const postTf = new Float64Array(total);
	const postWeight = new Float64Array(total);
	const docOffsets = new Uint32Array(n + 1);
	const docTerms = new Uint32Array(total);
	const docTf = new Float64Array(total);
	const norms = new Float64Array(n);
	const fill = offsets.slice(0, termCount);
	for (let d = 0; d < n; d++) {
		const sorted = [...docCounts[d]].sort((a, b) => a[0] - b[0]);
		let at = docOffsets[d];
		let sq = 0;
		for (const [t, tf] of sorted) {
			const p = fill[t]++;
			postDocs[p] = d;
			postTf[p] = tf;
			postWeight[p] = tf * idfs[t];
			if (tf > maxTf[t]) maxTf[t] = tf;
			docTerms[at] = t;
			docTf[at++] = tf;
			sq += tf * tf * idfs[t];
		}
		docOffsets[d + 1] = at;
		norms[d] = Math.sqrt(sq);
	}
	return {
		terms,
		idfs,
		maxTf,
		offsets,
		postDocs,
		postTf,
		postWeight,
		docOffsets,
		docTerms,
		docTf,
		norms,
	};
}
