import { charNgrams } from '../../nodes/shared/keywordReply/faq/faqText';
import { TfIdf } from '../../nodes/shared/keywordReply/faq/tfidf';
import { randomString, rng } from './faqRandom';

interface NaturalTfIdf {
	addDocument(doc: string[]): void;
	idf(term: string): number;
	tfidf(terms: string[], d: number): number;
	tfidfs(terms: string[]): number[];
}
const NaturalTfIdf: new () => NaturalTfIdf = require('natural/lib/natural/tfidf/tfidf');

const next = rng(7);
const docs: string[][] = [];
for (let i = 0; i < 400; i++) docs.push(charNgrams(randomString(next, 16)));
docs.push([], ['x', 'x', 'x']);
const queries: string[][] = [];
for (let i = 0; i < 300; i++) queries.push(charNgrams(randomString(next, 10)));
// Terms in no document, repeated terms, the empty query.
queries.push(['never-seen'], ['x', 'x', 'never-seen'], []);

const natural = new NaturalTfIdf();
for (const doc of docs) natural.addDocument(doc);
const ours = TfIdf.build(docs);

function expectClose(a: number, b: number, context: string): void {
	if (!(Math.abs(a - b) <= 1e-12)) throw new Error(`${context}: ours ${a} natural ${b}`);
}

describe('TF-IDF equals natural on pre-tokenised documents', () => {
	it('idf and per-term tfidf of every term, including terms in no document', () => {
		const terms = new Set<string>(['never-seen']);
		for (const doc of docs) for (const t of doc) terms.add(t);
		let checked = 0;
		for (const term of terms) {
			expectClose(ours.idf(term), natural.idf(term), `idf ${term}`);
			for (let d = 0; d < docs.length; d += 7) {
				expectClose(ours.tfidf([term], d), natural.tfidf([term], d), `tfidf ${term} ${d}`);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(10000);
	});

	it('tfidfs sums over the query terms, for every document, via the inverted index', () => {
		for (const q of queries) {
			const theirs = natural.tfidfs(q);
			const mine = ours.tfidfs(q);
			expect(mine.length).toBe(theirs.length);
			for (let d = 0; d < theirs.length; d++) {
				// Same products added in the same order: bit-identical, not merely close.
				if (mine[d] !== theirs[d])
					throw new Error(`${q.join(' ')} doc ${d}: ${mine[d]} vs ${theirs[d]}`);
			}
		}
	});

	it('top-n (ties: lowest document index) matches natural’s tfidfs, ranked', () => {
		let agreeTop1 = 0;
		for (const q of queries) {
			const theirs = natural.tfidfs(q);
			const ranked = theirs
				.map((score, doc) => ({ doc, score }))
				.filter((x) => x.score > 0)
				.sort((x, y) => y.score - x.score || x.doc - y.doc)
				.slice(0, 5);
			// Exhaustive: exactly natural's ranking and numbers.
			expect(ours.exhaustiveTop(ours.idsOf(q), 5)).toEqual(ranked);
			// Pruned: same top-1 here; scores equal to 1e-12 (summed in another order).
			const pruned = ours.top(q, 5);
			if ((pruned[0]?.doc ?? -1) === (ranked[0]?.doc ?? -1)) agreeTop1++;
			for (const hit of pruned)
				expectClose(hit.score, theirs[hit.doc], `pruned ${q.join(' ')} doc ${hit.doc}`);
			for (let i = 1; i < pruned.length; i++)
				expect(pruned[i - 1].score).toBeGreaterThanOrEqual(pruned[i].score);
		}
		expect(agreeTop1).toBe(queries.length);
	});

	it('differs from natural only where natural returns NaN: Object.prototype names as terms', () => {
		// natural keeps a document as a plain object, so tf("valueOf") is an inherited function
		// and tf·idf is NaN. Our n-gram tokens (at most two characters) can never be such a name.
		const withProto = [['a', 'constructor'], ['a']];
		const nat = new NaturalTfIdf();
		for (const doc of withProto) nat.addDocument(doc);
		const mine = TfIdf.build(withProto);
		expect(nat.tfidf(['valueOf'], 0)).toBeNaN();
		expect(mine.tfidf(['valueOf'], 0)).toBe(0);
		expect(nat.tfidf(['constructor'], 1)).toBeNaN();
		expect(mine.tfidf(['constructor'], 0)).toBe(nat.tfidf(['constructor'], 0));
	});

	it('scoring touches only the postings of the query terms', () => {
		const touched = ours.touchedCount(ours.idsOf(['x']));
		expect(touched).toBe(docs.filter((d) => d.includes('x')).length);
		expect(ours.touchedCount(ours.idsOf(['never-seen']))).toBe(0);
		// The scratch sums are left clean: the same query twice gives the same numbers.
		expect(ours.tfidfs(['x', 'a'])).toEqual(ours.tfidfs(['x', 'a']));
	});
});
