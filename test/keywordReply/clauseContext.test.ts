/**
 * Mentions that are not this customer's case now: hypotheticals, someone else's words asked
 * about, another brand or a closed past case, the customer's own job, hotline digits inside an
 * order number. And the real cases around them that must still reach the fast lane.
 */
import { compileRuleSet } from '../../nodes/shared/keywordReply/rules/compileRules';
import { evaluateRules } from '../../nodes/shared/keywordReply/rules/evaluateRules';
import { clauseContext } from '../../nodes/shared/keywordReply/rules/clauseContext';

const set = compileRuleSet({
	rules: [
		{ name: '投诉', any: ['投诉', '差评', '12315'], lane: 'urgent', priority: 9 },
		{ name: '过敏', any: ['过敏', '刺痛'], lane: 'urgent', priority: 8 },
		{ name: '法律', any: ['律师', '法院', '起诉'], lane: 'urgent', priority: 7 },
		{ name: '破损', any: ['破损'], lane: 'urgent', priority: 6 },
		{ name: '加急', any: ['急'], lane: 'urgent', priority: 5 },
	],
});
const lane = (text: string) => evaluateRules(set, text).lane;
const reasons = (text: string) =>
	evaluateRules(set, text).ignored.map((i) => `${i.text}:${i.reason}`);
const at = (message: string, word: string) => {
	const start = message.indexOf(word);
	return clauseContext(message, start, start + word.length);
};

describe('clauseContext', () => {
	it('a hypothetical covers its condition, not what follows 就', () => {
		expect(at('如果收到的时候破损了怎么办', '破损')).toBe('hypothetical');
		expect(at('万一用了过敏可以退吗', '过敏')).toBe('hypothetical');
		expect(at('如果今天还不退款我就投诉', '投诉')).toBeUndefined();
		expect(at('收到就破损了，如果不处理怎么办', '破损')).toBeUndefined();
	});

	it("someone else's words, when the customer asks whether they are true", () => {
		expect(at('听说这款会刺痛，是真的吗', '刺痛')).toBe('reported');
		expect(at('评论区有人说用了过敏，会不会啊', '过敏')).toBe('reported');
		expect(at('我老公说用了过敏了', '过敏')).toBeUndefined();
	});

	it('another brand, or a past case that is closed; not one still open', () => {
		expect(at('以前用别家的面霜过敏，你们这个温和吗', '过敏')).toBe('elsewhere');
		expect(at('去年给过差评，现在回购了', '差评')).toBe('elsewhere');
		expect(at('之前投诉过一次，到现在还没人处理', '投诉')).toBeUndefined();
		expect(at('我上次就投诉过了', '投诉')).toBeUndefined();
	});

	it("the customer's job, not a threat", () => {
		expect(at('我在法院上班，平时很干', '法院')).toBe('workplace');
		expect(at('我是律师，想问下哪款适合干皮', '律师')).toBe('workplace');
		expect(at('我要去法院起诉你们', '法院')).toBeUndefined();
		expect(at('我是来投诉的', '投诉')).toBeUndefined();
	});
});

describe('the fast lane with clause context', () => {
	it('leaves out what is not the case now, and says why', () => {
		expect(lane('如果收到的时候破损了怎么办')).toBe('normal');
		expect(reasons('如果收到的时候破损了怎么办')).toEqual(['破损:hypothetical']);
		expect(lane('我在法院上班，有简单的护肤步骤吗')).toBe('normal');
		expect(lane('听说会刺痛，是真的吗')).toBe('normal');
	});

	it('still takes the real cases', () => {
		expect(lane('用了你们的面霜过敏了')).toBe('urgent');
		expect(lane('再不处理我就去12315投诉')).toBe('urgent');
		expect(lane('收到就破损了')).toBe('urgent');
		expect(lane('我要找律师起诉你们')).toBe('urgent');
	});

	it('hotline digits inside a longer number are not the hotline; "不着急" is not urgent', () => {
		expect(lane('订单号 123150098 什么时候发')).toBe('normal');
		expect(reasons('订单号 123150098 什么时候发')).toEqual(['12315:inside a longer number']);
		expect(lane('打12315')).toBe('urgent');
		expect(lane('不着急，慢慢发')).toBe('normal');
	});
});

describe('clause context silences the fast lane only; negation silences every rule', () => {
	const both = compileRuleSet({
		rules: [
			{ name: '投诉', any: ['投诉'], lane: 'urgent', priority: 9 },
			{ name: '破损赔付', any: ['破损'], lane: 'urgent', priority: 8 },
			{ name: '售后', any: ['破损', '退款'], replies: ['售后政策…'], priority: 3 },
		],
	});
	const run = (text: string) => evaluateRules(both, text);
	const names = (text: string) => run(text).matches.map((m) => m.rule);

	it('a hypothetical or reported mention still asks the normal rules', () => {
		expect(names('如果收到的时候破损了怎么办')).toEqual(['售后']);
		expect(run('如果收到的时候破损了怎么办').lane).toBe('normal');
		expect(names('别人说你们退款很慢，是真的吗')).toEqual(['售后']);
		expect(run('别人说你们退款很慢，是真的吗').matches[0].keywords.map((k) => k.text)).toEqual([
			'退款',
		]);
		expect(run('如果收到的时候破损了怎么办').ignored).toEqual([
			expect.objectContaining({ text: '破损', reason: 'hypothetical', fastLaneOnly: true }),
		]);
	});

	it('a negated mention asks nothing', () => {
		expect(names('不用退款，我不要了')).toEqual([]);
		expect(run('不用退款').ignored).toEqual([expect.not.objectContaining({ fastLaneOnly: true })]);
	});

	it('a real case takes both', () => {
		expect(names('收到就破损了')).toEqual(['破损赔付', '售后']);
	});
});

describe('more of what is not the case now', () => {
	it('an A-not-A question asks whether it may be so: no negation, no case yet', () => {
		expect(lane('用了会不会过敏')).toBe('normal');
		expect(reasons('用了会不会过敏')).toEqual(['过敏:hypothetical']);
		expect(lane('是不是假货')).toBe('normal');
		expect(lane('不会过敏吧')).toBe('normal');
		expect(reasons('不会过敏吧')).toEqual(['过敏:negated']);
	});

	it('a worry or a possible outcome asked about; not why it happened', () => {
		expect(at('我怕用了会过敏', '过敏')).toBe('hypothetical');
		expect(at('这款用了会刺痛吗', '刺痛')).toBe('hypothetical');
		expect(at('为什么用了会刺痛', '刺痛')).toBeUndefined();
		expect(at('用了刺痛，怎么办', '刺痛')).toBeUndefined();
	});

	it('anyone said it, when the customer asks whether it is true', () => {
		expect(at('我妈说她用了会刺痛，不知道是不是真的', '刺痛')).toBe('reported');
		expect(at('室友也说用了过敏，真的假的', '过敏')).toBe('reported');
		expect(at('昨天看到评论说这款会烂脸，是吗', '烂脸')).toBe('reported');
		expect(at('我妈说她用了过敏了', '过敏')).toBeUndefined();
	});

	it('another shop named after the experience; a job with 做 / 当', () => {
		expect(at('之前投诉过一个别的店，你们售后靠谱吗', '投诉')).toBe('elsewhere');
		expect(at('我是做律师的，推荐一款精华', '律师')).toBe('workplace');
		expect(at('我要找律师', '律师')).toBeUndefined();
	});
});

describe('keywords inside a word of another sense', () => {
	const shop = compileRuleSet({
		rules: [
			{ name: '加急', any: ['急'], lane: 'urgent', priority: 9 },
			{ name: '退货', any: ['退'], replies: ['七天无理由'], priority: 3 },
		],
	});
	const run = (text: string) => evaluateRules(shop, text);
	it('急 in 急救 and 退 in 退红 are no mentions, for any rule, and say why', () => {
		expect(run('急救修护面膜和退红霜哪个适合我').matches).toEqual([]);
		expect(
			run('急救修护面膜和退红霜哪个适合我').ignored.map((i) => `${i.text}:${i.reason}`),
		).toEqual(['急:inside another word', '退:inside another word']);
	});
	it('the keyword alone, or in a word of its own sense, still counts', () => {
		expect(run('很急，今天能发吗').lane).toBe('urgent');
		expect(run('紧急！').lane).toBe('urgent');
		expect(run('我想退').matches.map((m) => m.rule)).toEqual(['退货']);
	});
});

describe('two negations make a demand', () => {
	it('"不赔偿说不过去", "不退款不行" count; "不赔偿也行" does not', () => {
		const demands = compileRuleSet({
			rules: [
				{ name: '法律', any: ['赔偿'], lane: 'urgent', priority: 9 },
				{ name: '退款', any: ['退款'], replies: ['原路退回'], priority: 3 },
			],
		});
		const names = (text: string) => evaluateRules(demands, text).matches.map((m) => m.rule);
		expect(names('我不是不讲理的人，但这事不赔偿说不过去')).toEqual(['法律']);
		expect(names('不退款不行')).toEqual(['退款']);
		expect(names('不赔偿也行')).toEqual([]);
		expect(names('不用退款，谢谢')).toEqual([]);
	});
});
