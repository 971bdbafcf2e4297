import {
	KeywordAutomaton,
	type KeywordMatch,
} from '../../nodes/shared/keywordReply/keywordAutomaton';
import { mulberry32 as rng } from '../support/seededRandom';

/** Every occurrence of every non-empty keyword, found with indexOf. */
function oracle(keywords: readonly string[], text: string): KeywordMatch[] {
	const found: KeywordMatch[] = [];
	keywords.forEach((keyword, index) => {
		if (keyword.length === 0) return;
		for (let at = text.indexOf(keyword); at !== -1; at = text.indexOf(keyword, at + 1)) {
			found.push({ keyword: index, start: at, end: at + keyword.length });
		}
	});
	return sorted(found);
}

function sorted(list: KeywordMatch[]): KeywordMatch[] {
	return [...list].sort((x, y) => x.end - y.end || x.start - y.start || x.keyword - y.keyword);
}

function expectSameAsOracle(keywords: readonly string[], texts: readonly string[]): number {
	const automaton = KeywordAutomaton.build(keywords);
	let total = 0;
	for (const text of texts) {
		const expected = oracle(keywords, text);
		expect(sorted(automaton.matches(text))).toEqual(expected);
		total += expected.length;
	}
	return total;
}

// Code units as strings; '𠀀' and '😀' are surrogate pairs, so keywords may contain them whole.
const CJK = ['价', '格', '多', '少', '钱', '退', '款', '发', '货', '敏', '感', '肌', '的', '了'];
const LATIN = ['a', 'b', 'c', 'ab', 'price', 'p'];
const ASTRAL = ['𠀀', '😀', '𠀁'];

function randomText(next: () => number, pieces: readonly string[], length: number): string {
	let text = '';
	while (text.length < length) text += pieces[Math.floor(next() * pieces.length)];
	return text;
}

/** Keywords cut from the texts themselves (so they do occur) plus random ones. */
function keywordsFor(
	next: () => number,
	texts: readonly string[],
	pieces: readonly string[],
	count: number,
): string[] {
	const keywords: string[] = [];
	for (let i = 0; i < count; i++) {
		if (next() < 0.6) {
			const text = texts[Math.floor(next() * texts.length)];
			const start = Math.floor(next() * text.length);
			keywords.push(text.slice(start, start + 1 + Math.floor(next() * 5)));
		} else {
			keywords.push(randomText(next, pieces, 1 + Math.floor(next() * 4)));
		}
	}
	return keywords;
}

function corpusCase(seed: number, pieces: readonly string[]): number {
	const next = rng(seed);
	const texts = Array.from({ length: 40 }, () => randomText(next, pieces, Math.floor(next() * 80)));
	const keywords = keywordsFor(next, texts, pieces, 60);
	return expectSameAsOracle(keywords, texts);
}

describe('KeywordAutomaton', () => {
	it('finds overlapping, nested and shared-prefix/suffix keywords', () => {
		const keywords = ['he', 'she', 'his', 'hers', 'h', 'ushers', 'rs'];
		const automaton = KeywordAutomaton.build(keywords);
		expect(sorted(automaton.matches('ushers his'))).toEqual(oracle(keywords, 'ushers his'));
		expect(automaton.matches('ushers').map((m) => keywords[m.keyword])).toEqual(
			expect.arrayContaining(['she', 'he', 'hers', 'ushers', 'rs', 'h']),
		);
	});

	it('handles Chinese keywords that nest and share prefixes and suffixes', () => {
		const keywords = [
			'多少钱',
			'多少',
			'少钱',
			'钱',
			'价格',
			'价格表',
			'格',
			'退款',
			'退款了吗',
			'款',
		];
		const text = '请问价格表上这个多少钱？我想退款了吗退款';
		expectSameAsOracle(keywords, [text, '', '钱钱钱', '多多少少钱']);
	});

	it('reports every index of a duplicated keyword', () => {
		const automaton = KeywordAutomaton.build(['退款', '投诉', '退款', '退款']);
		const ids = automaton.matches('我要退款').map((m) => m.keyword);
		expect(ids.sort()).toEqual([0, 2, 3]);
	});

	it('ignores empty keywords but keeps the numbering', () => {
		const automaton = KeywordAutomaton.build(['', '发货', '', '货']);
		expect(automaton.keywordCount).toBe(4);
		expect(sorted(automaton.matches('发货'))).toEqual([
			{ keyword: 1, start: 0, end: 2 },
			{ keyword: 3, start: 1, end: 2 },
		]);
		expect(KeywordAutomaton.build(['', '']).matches('abc')).toEqual([]);
		expect(KeywordAutomaton.build([]).matches('abc')).toEqual([]);
	});

	it('matches one-character keywords at every position', () => {
		expectSameAsOracle(['a', '钱', 'aa'], ['aaaa', '钱a钱aa钱', '']);
	});

	it('matches whole surrogate pairs only as pairs', () => {
		const keywords = ['😀', '𠀀𠀁', '价😀', '\uD840'];
		expectSameAsOracle(keywords, ['价😀😀𠀀𠀁𠀀', '😁😀', '𠀁𠀀']);
		const automaton = KeywordAutomaton.build(['😀']);
		expect(automaton.matches('😁')).toEqual([]);
	});

	it('reports end offsets in the scanned text', () => {
		const calls: Array<[number, number]> = [];
		KeywordAutomaton.build(['ab', 'b']).scan('xab', (k, end) => calls.push([k, end]));
		expect(calls).toEqual([
			[0, 3],
			[1, 3],
		]);
	});

	it.each([1, 2, 3, 4, 5])('agrees with indexOf on a Chinese corpus (seed %i)', (seed) => {
		expect(corpusCase(seed, CJK)).toBeGreaterThan(0);
	});

	it.each([11, 12, 13])('agrees with indexOf on an English corpus (seed %i)', (seed) => {
		expect(corpusCase(seed, LATIN)).toBeGreaterThan(0);
	});

	it.each([21, 22, 23, 24])(
		'agrees with indexOf on a mixed corpus with surrogate pairs (seed %i)',
		(seed) => {
			expect(corpusCase(seed, [...CJK, ...LATIN, ...ASTRAL, ' ', '！'])).toBeGreaterThan(0);
		},
	);

	it("follows a folded state to its failure state's own link", () => {
		// 'b' has more children than fit a fold, so 'ab' keeps a link to 'b'; 'xab' folds 'ab'
		// in and must carry that link on, or 'bz' is missed after 'xab'.
		const keywords = ['xab', 'abc', 'bz', ...'0123456789'.split('').map((d) => 'b' + d)];
		expectSameAsOracle(keywords, ['xabz', 'xabc', 'xab0abz']);
	});

	it('agrees with indexOf on a dense dictionary (folded and unfolded states mixed)', () => {
		const next = rng(31);
		const alphabet = CJK.slice(0, 6).concat(['a', 'b', 'c', 'd', 'e', 'f']);
		const texts = Array.from({ length: 60 }, () => randomText(next, alphabet, 120));
		expectSameAsOracle(keywordsFor(next, texts, alphabet, 800), texts);
	});

	it('agrees with indexOf when states have many edges (wide double-array rows)', () => {
		const next = rng(99);
		const alphabet = Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x4e00 + i));
		const keywords = Array.from({ length: 3000 }, () =>
			randomText(next, alphabet, 2 + Math.floor(next() * 3)),
		);
		const texts = Array.from({ length: 30 }, () => randomText(next, alphabet.slice(0, 40), 200));
		expectSameAsOracle(keywords, texts);
	});

	it('handles keywords that use every UTF-16 code unit', () => {
		const keywords = Array.from({ length: 0x10000 }, (_, unit) => String.fromCharCode(unit));
		const automaton = KeywordAutomaton.build(keywords);
		expect(automaton.matches('\uffff\u0000a')).toEqual([
			{ keyword: 0xffff, start: 0, end: 1 },
			{ keyword: 0, start: 1, end: 2 },
			{ keyword: 0x61, start: 2, end: 3 },
		]);
	});

	it('builds 100,000 keywords quickly and still matches correctly', () => {
		const next = rng(7);
		const alphabet = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(0x4e00 + i));
		const english = ['price', 'refund', 'shipping', 'sensitive', 'ok'];
		const keywords = Array.from({ length: 100_000 }, (_, i) =>
			i % 20 === 0
				? english[i % english.length] + String(i % 7)
				: randomText(next, alphabet, 2 + Math.floor(next() * 5)),
		);
		const started = Date.now();
		const automaton = KeywordAutomaton.build(keywords);
		const elapsed = Date.now() - started;
		expect(elapsed).toBeLessThan(5000);
		expect(automaton.keywordCount).toBe(100_000);
		expect(automaton.memoryBytes()).toBeLessThan(64 * 1024 * 1024);
		// The texts are cut from keywords so the sample has real hits; the oracle checks all 100k.
		const texts = Array.from(
			{ length: 5 },
			(_, i) => keywords[i * 997] + '，price3' + keywords[i * 31 + 5],
		);
		for (const text of texts) {
			expect(sorted(automaton.matches(text))).toEqual(oracle(keywords, text));
		}
	});
});
