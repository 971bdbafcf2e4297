import { parseCsatAnswer } from '../../nodes/shared/serviceMetrics/csat/csatAnswer';
import { CSAT_ANSWERS } from './csatAnswers';

const scoreOf = (text: string) => parseCsatAnswer(text)?.score ?? null;

/** Milliseconds taken by fn. */
function timed(fn: () => void): number {
	const start = process.hrtime.bigint();
	fn();
	return Number(process.hrtime.bigint() - start) / 1e6;
}

describe('parseCsatAnswer: labelled set', () => {
	it('is large and covers non-answers that look like answers', () => {
		expect(CSAT_ANSWERS.length).toBeGreaterThanOrEqual(160);
		expect(CSAT_ANSWERS.filter(([, expected]) => expected === null).length).toBeGreaterThanOrEqual(
			50,
		);
		for (const score of [1, 2, 3, 4, 5])
			expect(CSAT_ANSWERS.some(([, expected]) => expected === score)).toBe(true);
		expect(new Set(CSAT_ANSWERS.map(([text]) => text)).size).toBe(CSAT_ANSWERS.length);
	});

	it.each(CSAT_ANSWERS)('%j → %p', (text, expected) => {
		expect(scoreOf(text)).toBe(expected);
	});

	it('precision and recall', () => {
		let predicted = 0;
		let correct = 0;
		let labelled = 0;
		let negativesScored = 0;
		for (const [text, expected] of CSAT_ANSWERS) {
			const got = scoreOf(text);
			if (got !== null) predicted++;
			if (expected !== null) labelled++;
			if (got !== null && got === expected) correct++;
			if (expected === null && got !== null) negativesScored++;
		}
		const precision = correct / predicted;
		const recall = correct / labelled;
		console.log(
			`CSAT answers: ${CSAT_ANSWERS.length} labelled (${labelled} scores, ${CSAT_ANSWERS.length - labelled} non-answers); ` +
				`precision ${precision.toFixed(3)} (${correct}/${predicted}), recall ${recall.toFixed(3)} (${correct}/${labelled}), ` +
				`negatives wrongly scored: ${negativesScored}`,
		);
		expect(negativesScored).toBe(0);
		expect(precision).toBe(1);
		expect(recall).toBe(1);
	});

	it('matched is always a piece of the original message', () => {
		for (const [text] of CSAT_ANSWERS) {
			const got = parseCsatAnswer(text);
			if (got) {
				expect(got.matched.length).toBeGreaterThan(0);
				expect(text.includes(got.matched)).toBe(true);
			}
		}
	});
});

describe('parseCsatAnswer: what decided', () => {
	it('reports the deciding part as written, with its confidence', () => {
		expect(parseCsatAnswer('给5分吧')).toEqual({ score: 5, matched: '5分', confidence: 'exact' });
		expect(parseCsatAnswer('５／５')).toEqual({ score: 5, matched: '５／５', confidence: 'exact' });
		expect(parseCsatAnswer('非常滿意！謝謝')).toEqual({
			score: 5,
			matched: '非常滿意',
			confidence: 'phrase',
		});
		expect(parseCsatAnswer('不是非常满意')).toEqual({
			score: 2,
			matched: '不是非常满意',
			confidence: 'phrase',
		});
		expect(parseCsatAnswer('★★★☆☆')).toEqual({ score: 3, matched: '★★★☆☆', confidence: 'exact' });
		expect(parseCsatAnswer('谢谢😊😊')).toEqual({
			score: 5,
			matched: '😊😊',
			confidence: 'phrase',
		});
		expect(parseCsatAnswer('打3分吧，回复太慢')).toEqual({
			score: 3,
			matched: '3分',
			confidence: 'exact',
		});
	});

	it('a number decides over words, stars over words, words over emoji', () => {
		expect(scoreOf('3分，服务还行')).toBe(3);
		expect(scoreOf('4分，挺好的')).toBe(4);
		expect(scoreOf('⭐⭐⭐⭐ 满意')).toBe(4);
		expect(scoreOf('很满意😊')).toBe(5);
	});

	it('contradictions are not answers', () => {
		expect(scoreOf('1分，非常满意')).toBeNull();
		expect(scoreOf('5分，太差了')).toBeNull();
		expect(scoreOf('⭐⭐⭐⭐⭐ 😡')).toBeNull();
		expect(scoreOf('很满意👎')).toBeNull();
		expect(scoreOf('😊😡')).toBeNull();
		expect(scoreOf('还行，非常满意')).toBeNull();
		expect(scoreOf('4分，5分')).toBeNull();
	});

	it('negation', () => {
		expect(scoreOf('不满意')).toBe(1);
		expect(scoreOf('没有不满意')).toBe(4);
		expect(scoreOf('不是很满意')).toBe(2);
		expect(scoreOf('没有很满意')).toBe(2);
		expect(scoreOf('不给好评')).toBe(2);
		expect(scoreOf('十分不满意')).toBe(1);
		// A negated complaint is not a score.
		expect(scoreOf('不会给差评')).toBeNull();
		expect(scoreOf('不是差评')).toBeNull();
		// 不错 and 别的 are not negations.
		expect(scoreOf('别的都很满意')).toBe(5);
	});

	it('off-scale numbers in score position give nothing, even beside words', () => {
		expect(scoreOf('7分，很满意')).toBeNull();
		expect(scoreOf('6')).toBeNull();
		expect(scoreOf('100')).toBeNull();
		expect(scoreOf('9/10')).toBeNull();
	});
});

describe('parseCsatAnswer: edge cases', () => {
	it('empty and blank text', () => {
		expect(parseCsatAnswer('')).toBeUndefined();
		expect(parseCsatAnswer('   ')).toBeUndefined();
		expect(parseCsatAnswer('\n\t\u3000')).toBeUndefined();
		expect(parseCsatAnswer('，。！')).toBeUndefined();
		expect(parseCsatAnswer('\uFE0F\u200D')).toBeUndefined();
	});

	it('answers padded with white space', () => {
		expect(scoreOf('  5  ')).toBe(5);
		expect(scoreOf('\n非常满意\n')).toBe(5);
	});

	it('very long text returns quickly and is not an answer', () => {
		const inputs = [
			'5分'.repeat(5120),
			'满意'.repeat(5000),
			'⭐'.repeat(10000),
			'5'.repeat(10240),
			'a'.repeat(10240),
			'不'.repeat(10000) + '满意',
			'5 / '.repeat(2560),
		];
		for (const input of inputs) {
			expect(input.length).toBeGreaterThanOrEqual(10000);
			let result: ReturnType<typeof parseCsatAnswer> = {
				score: 1,
				matched: '',
				confidence: 'exact',
			};
			expect(timed(() => (result = parseCsatAnswer(input)))).toBeLessThan(50);
			expect(result).toBeUndefined();
		}
	});

	it('the longest text still read is cheap too (no backtracking, bounded scans)', () => {
		const inputs = [
			'5 / '.repeat(124),
			'不'.repeat(498) + '满意',
			'⭐ '.repeat(166),
			'1.'.repeat(249),
			'[赞R'.repeat(124),
		];
		for (const input of inputs) {
			expect(input.length).toBeLessThanOrEqual(500);
			expect(timed(() => parseCsatAnswer(input))).toBeLessThan(100);
		}
	});

	it('many short answers per second', () => {
		const texts = CSAT_ANSWERS.map(([text]) => text);
		parseCsatAnswer('warm up');
		const ms = timed(() => {
			for (let round = 0; round < 20; round++) for (const text of texts) parseCsatAnswer(text);
		});
		expect(ms).toBeLessThan(2000);
	});
});
