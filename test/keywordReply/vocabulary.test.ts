/**
 * The shop vocabulary: shoppers' English and everyday Chinese reach the admin's keyword, in
 * both directions (a rule written with the shopper's word hears the admin's too), and English
 * words only as whole words.
 */
import { compileRuleSet } from '../../nodes/shared/keywordReply/rules/compileRules';
import { evaluateRules } from '../../nodes/shared/keywordReply/rules/evaluateRules';

const set = compileRuleSet({
	rules: [
		{ name: '退款', any: ['退款'], replies: ['可以退款'] },
		{ name: '充电器', any: ['充电头'], replies: ['有 20W 和 65W'] },
		{ name: '发货', any: ['什么时候发'], replies: ['48 小时内发货'] },
		{ name: '保修', any: ['保修'], replies: ['一年保修'] },
	],
});
const rulesOf = (text: string) => evaluateRules(set, text).matches.map((m) => m.rule);

describe('the shop vocabulary', () => {
	it("English reaches the admin's Chinese keyword", () => {
		expect(rulesOf('money back please')).toEqual(['退款']);
		expect(rulesOf('Is there any WARRANTY?')).toEqual(['保修']);
		expect(rulesOf('do you sell a 65W charger')).toEqual(['充电器']);
	});

	it('everyday Chinese meets the admin word whichever side wrote which', () => {
		expect(rulesOf('这个充电器多少瓦')).toEqual(['充电器']);
		expect(rulesOf('啥时候发呀')).toEqual(['发货']);
		expect(rulesOf('几时发')).toEqual(['发货']);
	});

	it('English words count only whole', () => {
		expect(rulesOf('guaranteed delivery?')).toEqual([]);
		expect(rulesOf('chargers')).toEqual([]);
	});
});
