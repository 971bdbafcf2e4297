/**
 * Keywords heard by their sound: same-sound typos and typed pinyin reach the rule, guarded so
 * that homophones which are words of their own, and spans that keep none of the keyword's
 * characters, do not; single characters are never matched by sound.
 */
import { compileRuleSet } from '../../nodes/shared/keywordReply/rules/compileRules';
import { evaluateRules } from '../../nodes/shared/keywordReply/rules/evaluateRules';
import type { KeywordRule } from '../../nodes/shared/keywordReply/rules/ruleModel';
import { pinyinTable } from '../../nodes/shared/keywordReply/sound/pinyinTable';
import { segmentPinyin } from '../../nodes/shared/keywordReply/sound/soundText';
import { smartReply } from '../../nodes/shared/keywordReply/smartReply';
import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';

const RULES: KeywordRule[] = [
	{ name: '退货', any: ['退货', '退款'], replies: ['7 天无理由退货'], priority: 5 },
	{ name: '发货', any: ['发货'], replies: ['48 小时内发货'], priority: 4 },
	{ name: '发票', any: ['发票'], replies: ['可以开发票'], priority: 3 },
	{ name: '价格', any: ['价格'], replies: ['199 元'], priority: 2 },
	{ name: '保质期', any: ['保质期'], replies: ['三年'], priority: 2 },
	{ name: '急单', any: ['急'], lane: 'urgent', priority: 9 },
];
const set = compileRuleSet({ rules: RULES });
const rulesOf = (text: string) => evaluateRules(set, text).matches.map((m) => m.rule);

describe('typed pinyin', () => {
	const t = pinyinTable();
	const syllables = (run: string) => {
		const found = segmentPinyin(t, run);
		return (
			found &&
			Array.from({ length: found.length / 3 }, (_, k) => run.slice(found[3 * k], found[3 * k + 1]))
		);
	};

	it('is read as the fewest syllables, and a run that is not all pinyin is not read', () => {
		expect(syllables('tuihuo')).toEqual(['tui', 'huo']);
		expect(syllables('baoyouma')).toEqual(['bao', 'you', 'ma']);
		expect(syllables('xian')).toEqual(['xian']);
		expect(syllables('lvse')).toEqual(['lv', 'se']);
		expect(syllables('refund')).toBeUndefined();
		expect(syllables('mn')).toBeUndefined();
	});
});

describe('keywords heard by sound', () => {
	it('same-sound typos of two- and three-character keywords', () => {
		expect(rulesOf('我想推货')).toEqual(['退货']);
		expect(rulesOf('能开个发飘吗')).toEqual(['发票']);
		expect(rulesOf('保治期多久')).toEqual(['保质期']);
		expect(rulesOf('啥时候发或')).toEqual(['发货']);
	});

	it('typed pinyin, with or without spaces and tones, and half-typed words', () => {
		expect(rulesOf('wo yao tui huo')).toEqual(['退货']);
		expect(rulesOf('tuìhuò')).toEqual(['退货']);
		expect(rulesOf('可以退huo吗')).toEqual(['退货']);
		expect(rulesOf('FA PIAO')).toEqual(['发票']);
	});

	it('not an everyday word that sounds the same, nor a span that keeps none of the characters', () => {
		expect(rulesOf('再这样我要发火了')).toEqual([]);
		expect(rulesOf('加个微信吧')).toEqual([]);
		expect(rulesOf('我要推荐给朋友')).toEqual([]);
	});

	it('not a span whose changed end belongs to a word beyond it (单好 in 晒单好像)', () => {
		const track = compileRuleSet({ rules: [{ name: '物流', any: ['单号'], replies: ['查单号'] }] });
		const heard = (text: string) => evaluateRules(track, text).matches.map((m) => m.rule);
		expect(heard('我看别人晒单好像挺贵')).toEqual([]);
		expect(heard('单豪多少')).toEqual(['物流']);
		expect(heard('单号多少')).toEqual(['物流']);
	});

	it("the vocabulary's own spellings keep their sound (烂脸 is stored as 过敏)", () => {
		const skin = compileRuleSet({
			rules: [{ name: '过敏', any: ['过敏', '烂脸', '红肿'], lane: 'urgent', priority: 9 }],
		});
		const lane = (text: string) => evaluateRules(skin, text).lane;
		expect(lane('用了烂脸了')).toBe('urgent');
		expect(lane('wo lan lian le')).toBe('urgent');
		expect(lane('涂完脸红种了')).toBe('urgent');
		expect(lane('我不想烂脸')).toBe('normal');
	});

	it('never a single character (急 is not heard in 集 or 及)', () => {
		expect(rulesOf('集美们好')).toEqual([]);
		expect(rulesOf('来得及吗')).toEqual([]);
	});

	it('a mention by sound is negated like any other', () => {
		const r = evaluateRules(set, '我不想推货，就问问');
		expect(r.matches).toEqual([]);
		expect(r.ignored).toEqual([
			expect.objectContaining({ text: '推货', keyword: '退货', sound: true, reason: 'negated' }),
		]);
	});

	it('is explained in smartReply: what was written and what it sounds like', async () => {
		const result = await smartReply(
			{ text: '可以推货吗', conversationId: 'c1', nickname: '小雨' },
			set,
			undefined,
			{
				matchMode: 'first',
				faqThreshold: 0.5,
				cooldownMinutes: 0,
				dailyCapPerConversation: 0,
				scope: 'sound-test',
			},
			new MemoryStateStore(),
		);
		expect(result.reason).toContain('"推货" (sounds like 退货)');
	});
});
