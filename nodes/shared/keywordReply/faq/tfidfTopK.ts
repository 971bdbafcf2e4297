/**
 * Top-n documents by TF-IDF score without reading every posting. Chinese DMs repeat a few
 * characters everywhere (吗, 用, 么…): on a 5,000-entry FAQ those postings are most of the
 * reading and little of the score. Terms are read in order of their largest possible
 * contribution (query count · max tf · idf), highest first; once the terms left cannot add
 * up to the n-th best score so far, no document that none of the read terms matched can
 * reach the top n, and the rest of the postings are skipped (MaxScore). The `pool` documents
 * with the best partial sums are then completed from their own term lists.
 * The one approximation: a document outside that pool whose unread terms would have lifted
 * it into the top n is missed; bench/faq.js measures top-1 agreement with natural (and
 * TfIdf.exhaustiveTop is the exact reference). Sums are formed in another order than
 * natural's (read terms by contribution, then unread ones in the document's term order), so
 * they may differ in the last bit; documents with the same terms still tie exactly.
 */
import type { TfIdfArrays } from './tfidfBuild';

// How many of the first-touched documents the n-th-best estimate looks at.
const ESTIMATE_SCAN = 512;

export interface ScoredDoc {
	doc: number;
	score: number;
}

export class TopDocs {
	private readonly a: TfIdfArrays;
	// Scratch reused by every query; `acc` is all-zero between queries (see `search`).
	private readonly acc: Float64Array;
	private readonly touched: Uint32Array;
	private readonly termStamp: Uint32Array;
	private readonly qtf: Float64Array;
	private readonly unreadStamp: Uint32Array;
	private epoch = 0;
	private unreadEpoch = 0;
	private terms = new Int32Array(64);
	private bounds = new Float64Array(64);
	private remaining = new Float64Array(65);
	private poolDocs = new Uint32Array(64);
	private poolSums = new Float64Array(64);

	constructor(a: TfIdfArrays) {
		this.a = a;
		const docCount = a.norms.length;
		this.acc = new Float64Array(docCount);
		// One spare slot: the branch-free append below writes one past the count.
		this.touched = new Uint32Array(docCount + 1);
		this.termStamp = new Uint32Array(a.idfs.length);
		this.qtf = new Float64Array(a.idfs.length);
		this.unreadStamp = new Uint32Array(a.idfs.length);
	}

	search(ids: ArrayLike<number>, n: number, pool: number): ScoredDoc[] {
		if (n <= 0) return [];
		const k = this.collectTerms(ids);
		const { offsets, postDocs, postWeight } = this.a;
		const { acc, touched, terms, qtf, remaining } = this;
		let count = 0;
		let theta = -Infinity;
		// The n-th best is estimated only when the unread bound has halved since the last
		// estimate: each estimate costs a pass over the touched documents.
		let nextCheck = remaining[0] / 2;
		let i = 0;
		for (; i < k; i++) {
			if (count >= n && remaining[i] <= nextCheck) {
				theta = Math.max(theta, this.nthBest(count, n, i, k));
				nextCheck = remaining[i] / 2;
				// The margin covers rounding: the sums are not formed in natural's order.
				if (remaining[i] < theta * (1 - 1e-12)) break;
			}
			const t = terms[i];
			const q = qtf[t];
			const end = offsets[t + 1];
			for (let p = offsets[t]; p < end; p++) {
				const d = postDocs[p];
				// Every tf·idf is > 0 (idf >= 1 + ln(N / (N + 1))), so a zero sum means "not
				// seen yet": no separate marker, and no branch in the hottest loop.
				touched[count] = d;
				count += acc[d] === 0 ? 1 : 0;
				acc[d] += q * postWeight[p];
			}
		}
		const size = this.bestPartial(count, Math.max(n, pool), true);
		this.markUnread(i, k);
		const best: ScoredDoc[] = [];
		for (let j = 0; j < size; j++) {
			const doc = this.poolDocs[j];
			insertTop(best, n, doc, this.poolSums[j] + this.unread(doc));
		}
		return best;
	}

	/** Distinct known query terms by largest contribution, highest first; returns how many. */
	private collectTerms(ids: ArrayLike<number>): number {
		const e = ++this.epoch === 0xffffffff ? this.resetStamps() : this.epoch;
		const { maxTf, idfs } = this.a;
		if (this.terms.length < ids.length) this.grow(ids.length);
		const { terms, bounds, qtf, termStamp } = this;
		let k = 0;
		for (let i = 0; i < ids.length; i++) {
			const t = ids[i];
			if (t < 0) continue;
			if (termStamp[t] !== e) {
				termStamp[t] = e;
				qtf[t] = 0;
				terms[k++] = t;
			}
			qtf[t]++;
		}
		for (let i = 0; i < k; i++) {
			const t = terms[i];
			const b = qtf[t] * maxTf[t] * idfs[t];
			let at = i;
			while (at > 0 && (b > bounds[at - 1] || (b === bounds[at - 1] && t < terms[at - 1]))) {
				bounds[at] = bounds[at - 1];
				terms[at] = terms[at - 1];
				at--;
			}
			bounds[at] = b;
			terms[at] = t;
		}
		this.remaining[k] = 0;
		for (let i = k - 1; i >= 0; i--) this.remaining[i] = this.remaining[i + 1] + bounds[i];
		return k;
	}

	/**
	 * A lower bound on the final n-th best: the completed sums of any n documents are one.
	 * The n best partial sums among the first documents touched (those that have the
	 * rarest terms) make a good one without a pass over every touched document.
	 */
	private nthBest(count: number, n: number, from: number, k: number): number {
		const size = this.bestPartial(Math.min(count, Math.max(n, ESTIMATE_SCAN)), n, false);
		this.markUnread(from, k);
		let nth = Infinity;
		for (let j = 0; j < size; j++)
			nth = Math.min(nth, this.poolSums[j] + this.unread(this.poolDocs[j]));
		return nth;
	}

	/**
	 * The `m` touched documents (of the first `count`) with the best partial sums, into
	 * poolDocs / poolSums; with `clear`, also zeroes every sum on the way (the last pass).
	 */
	private bestPartial(count: number, m: number, clear: boolean): number {
		if (this.poolDocs.length < m) {
			this.poolDocs = new Uint32Array(m);
			this.poolSums = new Float64Array(m);
		}
		const { acc, touched, poolDocs, poolSums } = this;
		let size = 0;
		for (let j = 0; j < count; j++) {
			const d = touched[j];
			const v = acc[d];
			if (clear) acc[d] = 0;
			if (size === m) {
				if (v < poolSums[m - 1] || (v === poolSums[m - 1] && d > poolDocs[m - 1])) continue;
				size--;
			}
			let at = size;
			while (at > 0 && (v > poolSums[at - 1] || (v === poolSums[at - 1] && d < poolDocs[at - 1]))) {
				poolSums[at] = poolSums[at - 1];
				poolDocs[at] = poolDocs[at - 1];
				at--;
			}
			poolSums[at] = v;
			poolDocs[at] = d;
			size++;
		}
		return size;
	}

	/** Marks the unread terms (from..k) for `unread`; must precede its calls. */
	private markUnread(from: number, k: number): void {
		const e = ++this.unreadEpoch === 0xffffffff ? this.resetUnread() : this.unreadEpoch;
		for (let j = from; j < k; j++) this.unreadStamp[this.terms[j]] = e;
	}

	/**
	 * What the unread terms add to a document: one linear pass over its own term list (about
	 * as long as a question), cheaper than a binary search per unread term.
	 */
	private unread(doc: number): number {
		const { docOffsets, docTerms, docTf, idfs } = this.a;
		const { unreadStamp, qtf } = this;
		const e = this.unreadEpoch;
		let sum = 0;
		const end = docOffsets[doc + 1];
		for (let p = docOffsets[doc]; p < end; p++) {
			const t = docTerms[p];
			if (unreadStamp[t] === e) sum += qtf[t] * docTf[p] * idfs[t];
		}
		return sum;
	}

	private resetUnread(): number {
		this.unreadStamp.fill(0);
		this.unreadEpoch = 1;
		return 1;
	}

	private grow(size: number): void {
		this.terms = new Int32Array(size);
		this.bounds = new Float64Array(size);
		this.remaining = new Float64Array(size + 1);
	}

	private resetStamps(): number {
		this.termStamp.fill(0);
		this.epoch = 1;
		return 1;
	}
}

/** Keeps `best` sorted (score descending, then lowest document index) and at most n long. */
export function insertTop(best: ScoredDoc[], n: number, doc: number, score: number): void {
	if (best.length === n) {
		const last = best[n - 1];
		if (!(score > last.score || (score === last.score && doc < last.doc))) return;
		best.pop();
	}
	let at = best.length;
	while (
		at > 0 &&
		(score > best[at - 1].score || (score === best[at - 1].score && doc < best[at - 1].doc))
	)
		at--;
	best.splice(at, 0, { doc, score });
}
