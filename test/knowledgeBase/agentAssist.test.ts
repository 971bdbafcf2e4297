import { assist } from '../../nodes/shared/knowledgeBase/agentAssist';
import { compileKnowledgeBase } from '../../nodes/shared/knowledgeBase/knowledgeBase';
import { faqFromRows } from '../../nodes/shared/keywordReply/faq/faqRows';
import { rulesFromJson } from '../../nodes/shared/keywordReply/rules/ruleRows';
import { FAQ_ROWS, PROTECTED, RULE_ROWS } from './kbFixture';

const kb = compileKnowledgeBase(
	{ rules: rulesFromJson(RULE_ROWS), faq: faqFromRows(FAQ_ROWS), protectedTerms: [PROTECTED] },
	0.5,
);
const ask = (text: string, options = {}) =>
	assist({ text, nickname: '阿花' }, kb.rules, kb.faq, options);

describe('agent assist', () => {
	it('ranks knowledge-base answers with scores, rendered for the customer, and marks the one the bot would send', () => {
		const r = ask('怀孕了可以用吗');
		expect(r.route).toBe('matched');
		expect(r.suggestions[0]).toMatchObject({
			rank: 1,
			source: 'faq',
			id: '孕妇',
			title: '怀孕可以用吗',
			reply: '阿花，我们的产品孕期哺乳期都可以放心使用🤰',
			automatic: true,
		});
		expect(r.suggestions[0].score).toBeGreaterThanOrEqual(0.5);
		expect(r.suggestions.length).toBeLessThanOrEqual(3);
		for (let k = 1; k < r.suggestions.length; k++)
			expect(r.suggestions[k].score).toBeLessThanOrEqual(r.suggestions[k - 1].score);
		expect(r.bestReply).toBe(r.suggestions[0].reply);
	});

	it('shows weaker matches a human may still use, below the auto-reply threshold', () => {
		const r = ask('皮肤容易过敏，用了会不会长痘');
		expect(r.route).toBe('noMatch');
		expect(r.suggestions[0]).toMatchObject({ source: 'faq', id: '敏感肌', automatic: false });
		expect(r.suggestions[0].score).toBeGreaterThanOrEqual(0.3);
		expect(r.suggestions[0].score).toBeLessThan(0.5);
	});

	it('puts an answering rule first and explains the rules that nearly matched', () => {
		const r = ask('面霜怎么样，好用吗');
		// 面霜价格 needs the tag 价格, which only 问价格 sets; nothing asked for a price.
		expect(r.nearMisses[0]).toMatchObject({
			rule: '面霜价格',
			missing: ['needs tag "价格" from another rule'],
			reply: '阿花您好，面霜现在 199 元，买二送一哦～',
		});
		expect(r.nearMisses[0].closeness).toBe(0.5);

		const price = ask('面霜多少钱');
		expect(price.suggestions[0]).toMatchObject({
			rank: 1,
			source: 'rule',
			id: '面霜价格',
			score: 1,
			automatic: true,
		});
		expect(price.suggestions[1]).toMatchObject({ rank: 2, source: 'rule', id: '问价格' });
	});

	it('says when a keyword was negated, excluded or inside a product name', () => {
		expect(ask('不需要加急').nearMisses.find((m) => m.rule === '加急')?.missing).toEqual([
			'"加急" is negated',
			'"急" is negated',
		]);
		expect(
			ask('什么时候发货，我想退货').nearMisses.find((m) => m.rule === '发货时间')?.missing,
		).toEqual(['excluded by "退货"']);
		const product = ask('急救精华好用吗');
		expect(product.route).toBe('noMatch');
		expect(product.nearMisses.find((m) => m.rule === '加急')?.missing).toEqual([
			'"急" is inside a product name',
		]);
	});

	it('works with a knowledge base of FAQ only, and with nothing to suggest', () => {
		const r = assist({ text: '保质期多久' }, undefined, kb.faq);
		expect(r.suggestions[0]).toMatchObject({ id: '保质期', score: 1 });
		expect(r.nearMisses).toEqual([]);
		const none = ask('你们老板是谁');
		expect(none).toMatchObject({ route: 'noMatch', suggestions: [], bestReply: '' });
	});
});

describe('near misses of combination rules', () => {
	it('a rule with required tags only is near when one of its tags was set', () => {
		const rules = rulesFromJson([
			{ name: '面霜', any: '面霜', sets_tags: '面霜' },
			{ name: '价格', any: '多少钱', sets_tags: '价格' },
			{ name: '面霜价格', requires_tags: '面霜, 价格', replies: '面霜 199 元' },
		]);
		const set = compileKnowledgeBase({ rules, faq: [], protectedTerms: [] }, 0.5);
		const r = assist({ text: '面霜好用吗' }, set.rules, undefined);
		expect(r.nearMisses).toEqual([
			{
				rule: '面霜价格',
				priority: 0,
				lane: 'normal',
				closeness: 0.5,
				missing: ['needs tag "价格" from another rule'],
				reply: '面霜 199 元',
			},
		]);
	});
});
