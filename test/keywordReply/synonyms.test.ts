/**
 * The shop's own synonyms (the xhs_synonyms table): a rule or FAQ entry written with the shop's
 * word hears the customers' words for it, explained as such; rows with mistakes name the row.
 */
import { decide } from '../../nodes/shared/keywordReply/decide';
import { FaqIndex } from '../../nodes/shared/keywordReply/faq/faqIndex';
import { compileRuleSet } from '../../nodes/shared/keywordReply/rules/compileRules';
import { evaluateRules } from '../../nodes/shared/keywordReply/rules/evaluateRules';
import { synonymsFromRows } from '../../nodes/shared/keywordReply/synonyms/synonymRows';
import { SynonymTable } from '../../nodes/shared/keywordReply/synonyms/synonymTable';

const synonyms = synonymsFromRows([
	{ means: '急救精华', words: '小金瓶, 金瓶精华' },
	{ means: '充电器', words: '插头、适配器' },
	{ means: '保修', words: '保固 | 包修' },
	{ means: '', words: '' }, // an empty row is skipped
]);
const rules = [
	{ name: '精华', any: ['急救精华', '精华'], setsTags: ['精华'] },
	{ name: '价格', any: ['多少钱'], setsTags: ['价格'] },
	{ name: '精华价格', requiresTags: ['精华', '价格'], replies: ['急救精华 269 元'], priority: 5 },
	{ name: '充电器', all: ['充电器', '坏了'], replies: ['换新'], priority: 3 },
	{ name: '投诉', any: ['投诉'], lane: 'urgent' as const, priority: 9 },
];

describe('synonym rows', () => {
	it('read words as a list in any separator, and leave empty rows out', () => {
		expect(synonyms).toEqual([
			{ means: '急救精华', words: ['小金瓶', '金瓶精华'] },
			{ means: '充电器', words: ['插头', '适配器'] },
			{ means: '保修', words: ['保固', '包修'] },
		]);
		expect(synonymsFromRows('[{"标准词":"发票","同义词":"收据"}]')).toEqual([
			{ means: '发票', words: ['收据'] },
		]);
		expect(synonymsFromRows([{ means: '发票', words: '收据', enabled: false }])).toEqual([]);
	});

	it('name the row whose words mean nothing', () => {
		expect(() => synonymsFromRows([{ means: 'a', words: 'b' }, { words: '收据' }])).toThrow(
			'synonym row 2: "means" is empty',
		);
		expect(() => synonymsFromRows({})).toThrow('must be an array');
	});
});

describe('the synonym table', () => {
	const table = new SynonymTable([{ means: '充电器', words: ['充电', '插头'] }], (t) => t);
	it('reads the longest spelling at each place, so a word inside another never splits it', () => {
		expect(table.canonical('充电器坏了，插头也松')).toBe('充电器坏了，充电器也松');
		expect(table.canonical('充电要多久')).toBe('充电器要多久');
		expect(table.variants('充电器坏了').sort()).toEqual(['充电坏了', '插头坏了']);
	});
});

describe('rules with synonyms', () => {
	const set = compileRuleSet({ rules, protectedTerms: ['急救精华'], synonyms });
	const without = compileRuleSet({ rules, protectedTerms: ['急救精华'] });

	it("hear the customers' word for a product, and say so", () => {
		const text = '小金瓶多少钱';
		expect(evaluateRules(without, text).matches.map((m) => m.rule)).toEqual(['价格']);
		const evaluation = evaluateRules(set, text);
		expect(evaluation.matches.map((m) => m.rule)).toEqual(['精华价格', '精华', '价格']);
		expect(evaluation.matches[1].keywords).toEqual([
			{ keyword: '急救精华', start: 0, end: 3, text: '小金瓶', synonym: true },
		]);
	});

	it('inside a keyword of several words, and with negation as usual', () => {
		expect(evaluateRules(set, '适配器坏了').matches.map((m) => m.rule)).toEqual(['充电器']);
		expect(evaluateRules(set, '插头没坏了').matches.map((m) => m.rule)).toEqual([]);
		expect(evaluateRules(set, '不要小金瓶了').matches).toEqual([]);
	});

	it('are part of the compiled set: a different table is a different set', () => {
		expect(set.hash).not.toBe(without.hash);
		expect(set.standsFor?.size).toBeGreaterThan(0);
		expect(set.standsFor!.size).toBeGreaterThan(without.standsFor?.size ?? 0);
	});
});

describe('the knowledge base with synonyms', () => {
	const faq = [
		{ id: 'warranty', questions: ['充电器保修多久', '保修期多长'], answer: '一年' },
		{ id: 'flight', questions: ['充电宝能带上飞机吗'], answer: '20000mAh 以下可以' },
	];
	it('reads both sides in the shop word', () => {
		const plain = FaqIndex.build(faq);
		const shop = FaqIndex.build(faq, { synonyms });
		const dm = '适配器保固多久';
		expect(plain.search(dm)).toEqual([]);
		expect(shop.search(dm)[0]).toMatchObject({ id: 'warranty' });
		expect(shop.search(dm)[0].score).toBeGreaterThan(0.8);
		expect(shop.search('今天天气怎么样')).toEqual([]);
	});

	it('decide() uses them through the same rule set and index', () => {
		const set = compileRuleSet({ rules, protectedTerms: ['急救精华'], synonyms });
		const d = decide('插头保固多久', set, FaqIndex.build(faq, { synonyms }), 0.5);
		expect(d.route).toBe('matched');
		expect(d.faqHit?.id).toBe('warranty');
	});
});

describe('another spelling is reported once, as the keyword it stands for', () => {
	it('a negated synonym or vocabulary sound is one ignored mention', () => {
		const set = compileRuleSet({
			rules: [
				{ name: '精华', any: ['急救精华'], replies: ['269 元'] },
				{ name: '过敏', any: ['烂脸'], lane: 'urgent' },
			],
			protectedTerms: ['急救精华'],
			synonyms: [{ means: '急救精华', words: ['小金瓶'] }],
		});
		const ignored = (text: string) =>
			evaluateRules(set, text).ignored.map((i) => `${i.keyword}:${i.text}:${i.reason}`);
		expect(ignored('不要小金瓶了')).toEqual(['急救精华:小金瓶:negated']);
		expect(ignored('不想 lan lian')).toEqual(['过敏:lan lian:negated']);
	});
});
