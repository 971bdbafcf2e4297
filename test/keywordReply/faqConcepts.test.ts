/**
 * The knowledge base reads a question asked in other everyday words as the stored one: 多长时间
 * as 多久, 半夜 as 晚上, 寄到 as 发到; the rules are not touched by it.
 */
import { FAQ_CONCEPTS } from '../../nodes/shared/keywordReply/faq/faqConcepts';
import { FaqIndex } from '../../nodes/shared/keywordReply/faq/faqIndex';
import { compileRuleSet } from '../../nodes/shared/keywordReply/rules/compileRules';
import { evaluateRules } from '../../nodes/shared/keywordReply/rules/evaluateRules';

const index = FaqIndex.build([
	{ id: 'shelf', questions: ['开封后能放多久'], answer: '六个月' },
	{ id: 'hours', questions: ['晚上有人回复吗'], answer: '客服 9-24 点在线' },
	{ id: 'regions', questions: ['能发到香港吗'], answer: '可以' },
	{ id: 'discount', questions: ['能便宜点吗'], answer: '领券立减' },
]);

describe('FAQ concepts', () => {
	it('words of two characters or more, each in one group', () => {
		const seen = new Set<string>();
		for (const { means, words } of FAQ_CONCEPTS)
			for (const word of [means, ...words]) {
				expect(word.length).toBeGreaterThanOrEqual(2);
				expect(seen.has(word)).toBe(false);
				seen.add(word);
			}
	});

	it('a question in other everyday words finds the entry', () => {
		expect(index.search('打开以后能放多长时间')[0]?.id).toBe('shelf');
		expect(index.search('半夜有人回消息吗')[0]?.id).toBe('hours');
		expect(index.search('可以寄到香港吗')[0]?.id).toBe('regions');
		expect(index.search('能不能便宜一点')[0]?.id).toBe('discount');
	});

	it('the rules are not touched: a keyword means what the admin wrote', () => {
		const set = compileRuleSet({ rules: [{ name: '营业', any: ['晚上'], replies: ['9-24 点'] }] });
		expect(evaluateRules(set, '半夜有人吗').matches).toEqual([]);
	});
});
