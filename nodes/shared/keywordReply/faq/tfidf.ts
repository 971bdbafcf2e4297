/**
 * TF-IDF over pre-tokenised documents with an inverted index, giving the same numbers as
 * natural's `TfIdf` when documents are added as token arrays (natural 8.x,
 * lib/natural/tfidf/tfidf.js): tf = raw count in the document (no stop-word removal for
 * arrays), idf = 1 + ln(N / (1 + df)); a term found in no document still has an idf
 * (1 + ln N) but tf 0 everywhere; `tfidf(terms, d)` sums tf·idf over the query terms in
 * order, repeated terms counted each time. `tfidf`, `tfidfs` and `exhaustiveTop` sum exactly
 * that way (same products, same order; skipped zero terms add exactly nothing), so they are
 * bit-identical to natural. A query only ever reads the postings of its own terms.
 * Not reproduced: natural's NaN for Object.prototype names used as terms ("valueOf"), which
 * our character n-grams (at most two characters) can never be.
 */
import { buildTfIdfArrays, type TfIdfArrays } from './tfidfBuild';
import { insertTop, TopDocs, type ScoredDoc } from './tfidfTopK';

export type { ScoredDoc } from './tfidfTopK';

export class TfIdf {
	readonly docCount: number;
	private readonly a: TfIdfArrays;
	private readonly topDocs: TopDocs;
	// Scratch for the exhaustive path, all-zero between queries.
	private readonly acc: Float64Array;
	private readonly touched: Uint32Array;

	private constructor(docs: ReadonlyArray<readonly string[]>) {
		this.docCount = docs.length;
		this.a = buildTfIdfArrays(docs);
		this.topDocs = new TopDocs(this.a);
		this.acc = new Float64Array(this.docCount);
		this.touched = new Uint32Array(this.docCount + 1);
	}

	static build(docs: ReadonlyArray<readonly string[]>): TfIdf {
		return new TfIdf(docs);
	}

	/** Term id, or -1 for a term found in no document. */
	termId(term: string): number {
		return this.a.terms.get(term) ?? -1;
	}

	idsOf(terms: readonly string[]): Int32Array {
		const ids = new Int32Array(terms.length);
		for (let i = 0; i < terms.length; i++) ids[i] = this.termId(terms[i]);
		return ids;
	}

	idf(term: string): number {
		return this.idfOfId(this.termId(term));
	}

	idfOfId(id: number): number {
		return id < 0 ? 1 + Math.log(this.docCount / 1) : this.a.idfs[id];
	}

	tf(term: string, doc: number): number {
		return this.tfOfId(this.termId(term), doc);
	}

	/** tf from the document's own (sorted) term list. */
	tfOfId(id: number, doc: number): number {
		if (id < 0) return 0;
		const { docTerms, docTf } = this.a;
		let lo = this.a.docOffsets[doc];
		let hi = this.a.docOffsets[doc + 1] - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >>> 1;
			const t = docTerms[mid];
			if (t === id) return docTf[mid];
			if (t < id) lo = mid + 1;
			else hi = mid - 1;
		}
		return 0;
	}

	/** natural's `tfidf(terms, d)`. */
	tfidf(terms: readonly string[], doc: number): number {
		const ids = this.idsOf(terms);
		let value = 0.0;
		for (let i = 0; i < ids.length; i++) {
			const tf = this.tfOfId(ids[i], doc);
			if (tf !== 0) value = value + tf * this.a.idfs[ids[i]];
		}
		return value;
	}

	/** natural's `tfidfs(terms)`: every document, through the postings (absent docs are 0). */
	tfidfs(terms: readonly string[]): Float64Array {
		const out = new Float64Array(this.docCount);
		const count = this.accumulate(this.idsOf(terms));
		for (let i = 0; i < count; i++) {
			const doc = this.touched[i];
			out[doc] = this.acc[doc];
			this.acc[doc] = 0;
		}
		return out;
	}

	/** sqrt(Σ tf²·idf): the document's length under the weights whose dot product is tfidf. */
	norm(doc: number): number {
		return this.a.norms[doc];
	}

	top(terms: readonly string[], n: number, pool?: number): ScoredDoc[] {
		return this.topIds(this.idsOf(terms), n, pool);
	}

	/**
	 * The n best documents, best first; equal scores: lowest document index (the tie-break
	 * the benchmark also applies to natural's `tfidfs`). Skips the postings of common terms
	 * that cannot matter (see tfidfTopK.ts); `pool` bounds how many partial winners are
	 * completed.
	 */
	topIds(ids: ArrayLike<number>, n: number, pool = Math.max(32, 2 * n)): ScoredDoc[] {
		return this.topDocs.search(ids, n, pool);
	}

	/** Exact top-n reading every posting, in query order: natural's sums, bit for bit. */
	exhaustiveTop(ids: ArrayLike<number>, n: number): ScoredDoc[] {
		const count = this.accumulate(ids);
		const best: ScoredDoc[] = [];
		for (let j = 0; j < count; j++) {
			const doc = this.touched[j];
			insertTop(best, n, doc, this.acc[doc]);
			this.acc[doc] = 0;
		}
		return best;
	}

	/** How many documents share a term with the query. */
	touchedCount(ids: ArrayLike<number>): number {
		const count = this.accumulate(ids);
		for (let j = 0; j < count; j++) this.acc[this.touched[j]] = 0;
		return count;
	}

	/**
	 * Adds every posting of the query's terms, in query order; the caller reads and zeroes
	 * the sums. A zero sum means "not touched yet" (every tf·idf is > 0).
	 */
	private accumulate(ids: ArrayLike<number>): number {
		const { offsets, postDocs, postWeight } = this.a;
		const { acc, touched } = this;
		let count = 0;
		for (let i = 0; i < ids.length; i++) {
			const t = ids[i];
			if (t < 0) continue;
			const end = offsets[t + 1];
			for (let p = offsets[t]; p < end; p++) {
				const d = postDocs[p];
				touched[count] = d;
				count += acc[d] === 0 ? 1 : 0;
				acc[d] += postWeight[p];
			}
		}
		return count;
	}
}
