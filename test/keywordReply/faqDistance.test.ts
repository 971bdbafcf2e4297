import {
	damerauLevenshteinDistance,
	damerauLevenshteinSearchDistance,
	damerauLevenshteinSimilarity,
} from './damerauLevenshtein';
import { rerankScore } from '../../nodes/shared/keywordReply/faq/faqScore';
import { jaroWinklerDistance } from '../../nodes/shared/keywordReply/faq/jaroWinkler';
import { osaDistances } from '../../nodes/shared/keywordReply/faq/osa';
import { randomPair, rng } from './faqRandom';

// Deep requires: natural's index pulls in every module (and dotenv chatter) for nothing.
type Jw = (a: string, b: string, o?: object) => number;
const natJw: Jw = require('natural/lib/natural/distance/jaro-winkler_distance');
const natLev: {
	DamerauLevenshteinDistance: (a: string, b: string, o?: object) => number;
	DamerauLevenshteinDistanceSearch: (a: string, b: string, o?: object) => { distance: number };
} = require('natural/lib/natural/distance/levenshtein_distance');

const PAIRS = 4000;
const pairs: Array<[string, string]> = [];
const next = rng(20240611);
for (let i = 0; i < PAIRS; i++) pairs.push(randomPair(next));
// Edge cases natural treats specially: empties, one unit, identical, case-only differences.
pairs.push(['', ''], ['', 'a'], ['a', ''], ['a', 'A'], ['ab', 'AB'], ['保', '保'], ['ab', 'ba']);
pairs.push(['za', 'aa'], ['abcdef', 'badcfe'], ['ca', 'abc'], ['😀a', 'a😀'], ['保质期', '保值期']);

function expectClose(ours: number, theirs: number, context: string): void {
	if (!(Math.abs(ours - theirs) <= 1e-12))
		throw new Error(`${context}: ours ${ours} natural ${theirs}`);
}

describe('Jaro–Winkler equals natural', () => {
	const optionSets: Array<object | undefined> = [
		undefined,
		{},
		{ ignoreCase: true },
		{ dj: 0.5 },
		{ dj: 0.9, ignoreCase: true },
	];
	it.each(optionSets.map((o) => [JSON.stringify(o) ?? 'no options', o]))('%s', (_name, options) => {
		for (const [a, b] of pairs) {
			expectClose(
				jaroWinklerDistance(a, b, options as object),
				natJw(a, b, options as object),
				`${a}|${b}`,
			);
		}
	});
});

describe('Damerau–Levenshtein equals natural', () => {
	const optionSets: Array<object | undefined> = [
		undefined,
		{ restricted: true },
		{ insertion_cost: 2, deletion_cost: 3, substitution_cost: 1.5, transposition_cost: 0.5 },
		{ insertion_cost: 0.7, substitution_cost: 2.5, restricted: true },
		{ transposition_cost: 3 },
	];
	it.each(optionSets.map((o) => [JSON.stringify(o) ?? 'no options', o]))('%s', (_name, options) => {
		for (const [a, b] of pairs) {
			const context = `${a}|${b}`;
			// natural mutates its options object, so each call gets a fresh copy.
			const copy = () => (options === undefined ? undefined : { ...options });
			expectClose(
				damerauLevenshteinDistance(a, b, copy()),
				natLev.DamerauLevenshteinDistance(a, b, copy()),
				context,
			);
			expectClose(
				damerauLevenshteinSearchDistance(a, b, copy()),
				natLev.DamerauLevenshteinDistanceSearch(a, b, copy()).distance,
				`search ${context}`,
			);
		}
	});

	it('natural’s default is its own unrestricted variant, not optimal string alignment', () => {
		// "ca" → "abc" is 2 with an unrestricted transposition and 3 under OSA.
		expect(natLev.DamerauLevenshteinDistance('ca', 'abc')).toBe(2);
		expect(natLev.DamerauLevenshteinDistance('ca', 'abc', { restricted: true })).toBe(3);
		expect(damerauLevenshteinDistance('ca', 'abc')).toBe(2);
		expect(damerauLevenshteinDistance('ca', 'abc', { restricted: true })).toBe(3);
		// …and one that undercounts: true Damerau–Levenshtein of these is 2.
		expect(natLev.DamerauLevenshteinDistance('bcb', 'bbbb')).toBe(1);
		expect(damerauLevenshteinDistance('bcb', 'bbbb')).toBe(1);
	});
});

describe('the re-rank’s one-pass OSA distances equal natural (restricted: true)', () => {
	it('whole, question-in-message and message-in-question', () => {
		const restricted = () => ({ restricted: true });
		for (const [q, m] of pairs) {
			const d = osaDistances(q, m);
			const context = `${q}|${m}`;
			expectClose(
				d.whole,
				natLev.DamerauLevenshteinDistance(q, m, restricted()),
				`whole ${context}`,
			);
			expectClose(
				d.questionInMessage,
				natLev.DamerauLevenshteinDistanceSearch(q, m, restricted()).distance,
				`q in m ${context}`,
			);
			expectClose(
				d.messageInQuestion,
				natLev.DamerauLevenshteinDistanceSearch(m, q, restricted()).distance,
				`m in q ${context}`,
			);
		}
	});
});

describe('similarity helpers', () => {
	it('stay in [0, 1], and are 1 for equal strings', () => {
		for (const [a, b] of pairs) {
			for (const s of [damerauLevenshteinSimilarity(a, b), rerankScore(a, b)]) {
				expect(s).toBeGreaterThanOrEqual(0);
				expect(s).toBeLessThanOrEqual(1);
			}
			if (a.length > 0) {
				expect(damerauLevenshteinSimilarity(a, a)).toBe(1);
				expect(rerankScore(a, a)).toBeCloseTo(1, 12);
			}
		}
	});

	it('rate a one-character homophone typo high and unrelated text low', () => {
		expect(damerauLevenshteinSimilarity('保值期多久', '保质期多久')).toBeCloseTo(0.8, 12);
		// The question found inside a chatty message, one typo: 1 - 1/5.
		expect(osaDistances('保质期多久', '亲请问这个保值期多久呀').questionInMessage).toBe(1);
		expect(damerauLevenshteinSimilarity('哈哈哈', '保质期多久')).toBe(0);
		expect(rerankScore('哈哈哈', '保质期多久')).toBe(0);
	});
});
