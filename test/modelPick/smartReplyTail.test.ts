import {
	cachedFaqIndex,
	compileRuleSet,
	smartReply,
	type ModelTailSource,
	type SmartReplySettings,
} from '../../nodes/shared/keywordReply';
import type { ChatFn } from '../../nodes/shared/modelPick';
import { MemoryStateStore } from '../../nodes/shared/state';

/** The chat model behind the rules: asked only for the undecided tail, answering only from an entry. */
const rules = compileRuleSet({
	rules: [
		{ name: '投诉', any: ['投诉', '差评'], lane: 'urgent' },
		{ name: '问价格', any: ['多少钱', '价格'], replies: ['{{nickname}}，面霜 199 元'] },
		{ name: '转人工', any: ['人工'], setsTags: ['人工'] },
	],
});
const faq = cachedFaqIndex([
	{
		id: 'ship',
		questions: ['多久发货', '什么时候发货'],
		answer: '{{nickname}}，下单后48小时内发货哦',
	},
	{ id: 'pregnant', questions: ['孕妇能用吗'], answer: '成分温和，孕期也可以用，敏感肌先试用。' },
]);
const settings: SmartReplySettings = {
	matchMode: 'first',
	faqThreshold: 0.5,
	cooldownMinutes: 10,
	dailyCapPerConversation: 0,
	scope: 'tail-test',
};

function model(answer: string): { tail: ModelTailSource; asked: string[] } {
	const asked: string[] = [];
	const chat: ChatFn = async (messages) => {
		asked.push(messages[1].content);
		return { text: answer };
	};
	return {
		asked,
		tail: async () => ({
			chat,
			settings: {
				minConfidence: 0.7,
				dailyCap: 0,
				timeoutMs: 1000,
				candidates: 5,
				scope: 'tail-test',
				timeZone: 'Asia/Shanghai',
			},
		}),
	};
}

const dm = (text: string, messageId = text) => ({
	text,
	messageId,
	conversationId: `acc:${messageId}`,
	customerUserId: messageId,
	nickname: '小雨',
	direction: 'inbound',
});

/** One DM through smartReply with these rules, FAQ and settings, and the given model. */
const reply = async (
	fields: ReturnType<typeof dm>,
	tail?: ModelTailSource,
	store = new MemoryStateStore(),
) => await smartReply(fields, rules, faq, settings, store, new Date(), tail);

describe('smartReply with a chat model', () => {
	it("answers an undecided DM with the chosen entry's own answer, and says why", async () => {
		const { tail, asked } = model('{"entry":"pregnant","confidence":0.9,"reason":"怀孕能否使用"}');
		const result = await reply(dm('我怀孕了这个我能抹吗'), tail);
		expect(asked).toHaveLength(1);
		expect(result).toMatchObject({
			route: 'matched',
			source: 'ai',
			reply: '成分温和，孕期也可以用，敏感肌先试用。',
			faq: { id: 'pregnant' },
			ai: { outcome: 'answered', entry: 'pregnant', confidence: 0.9, reason: '怀孕能否使用' },
		});
		expect(result.reason).toContain('怀孕能否使用');
	});

	it('a bad pick leaves the DM with a human, as without a model, and the item says why', async () => {
		const { tail } = model('{"entry":"coupon-2024","confidence":0.99,"reason":"有优惠券"}');
		const result = await reply(dm('寄出来没', 'm2'), tail);
		expect(result).toMatchObject({
			route: 'noMatch',
			reply: null,
			ai: { outcome: 'handedBack', handBack: 'unknown entry', entry: 'coupon-2024' },
		});
		expect(result.reason).toContain('"coupon-2024"');
	});

	it('never asks about the fast lane, a rule that answered, a tag-only rule or an FAQ hit', async () => {
		const { tail, asked } = model('{"entry":"ship","confidence":0.9,"reason":"x"}');
		const store = new MemoryStateStore();
		for (const text of ['我要投诉你们发货太慢', '面霜多少钱', '我要人工', '多久发货']) {
			const result = await reply(dm(text), tail, store);
			expect(result.ai).toBeUndefined();
		}
		expect(asked).toEqual([]);
	});

	it('with nothing connected the result is exactly what it was', async () => {
		const none: ModelTailSource = async () => undefined;
		const text = '我怀孕了这个我能抹吗';
		const without = await reply(dm(text));
		const unconnected = await reply(dm(text), none);
		expect(unconnected).toEqual(without);
		expect('ai' in without).toBe(false);
	});

	it("the model's answer keeps the cooldown: the same customer is not answered twice", async () => {
		const { tail } = model('{"entry":"ship","confidence":0.9,"reason":"发货"}');
		const store = new MemoryStateStore();
		const first = await reply({ ...dm('寄出来没', 'a1'), customerUserId: 'c9' }, tail, store);
		const second = await reply({ ...dm('寄出来没', 'a2'), customerUserId: 'c9' }, tail, store);
		expect(first.reply).toBe('小雨，下单后48小时内发货哦');
		expect(second).toMatchObject({ route: 'noMatch', reply: null, suppressed: 'cooldown' });
	});

	it('a model that cannot be set up is a hand-back, not a failed DM', async () => {
		const broken: ModelTailSource = async () => {
			throw new Error('Node does not have credentials: Bearer sk-secretsecretsecret123');
		};
		const result = await reply(dm('寄出来没', 'b1'), broken);
		expect(result).toMatchObject({ route: 'noMatch', ai: { handBack: 'model error' } });
		expect(result.ai?.why).not.toContain('secretsecret');
	});
});
