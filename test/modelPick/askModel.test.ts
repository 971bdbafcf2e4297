import { askModel, type ChatFn, type ModelPickSettings } from '../../nodes/shared/modelPick';
import { pickMessages } from '../../nodes/shared/modelPick/pickPrompt';
import { MemoryStateStore } from '../../nodes/shared/state';

const candidates = [
	{ id: 'ship', question: '多久发货', answer: '下单后48小时内发货。', score: 0.4 },
	{ id: 'return', question: '怎么退货', answer: '7天无理由退货。', score: 0.3 },
];
const settings: ModelPickSettings = {
	minConfidence: 0.7,
	dailyCap: 0,
	timeoutMs: 200,
	candidates: 5,
	scope: 'test',
	timeZone: 'Asia/Shanghai',
};
const answering =
	(text: string, calls: string[][] = []): ChatFn =>
	async (messages) => {
		calls.push(messages.map((m) => m.content));
		return { text, inputTokens: 300, outputTokens: 20 };
	};

describe('askModel', () => {
	it('a good pick answers, with the stated reason, confidence and tokens', async () => {
		const pick = await askModel(
			{ text: '啥时候能寄出来', messageId: 'm1' },
			candidates,
			answering('{"entry":"ship","confidence":0.92,"reason":"问发货时间"}'),
			settings,
			new MemoryStateStore(),
		);
		expect(pick).toMatchObject({
			outcome: 'answered',
			entry: 'ship',
			confidence: 0.92,
			reason: '问发货时间',
			candidates: ['ship', 'return'],
			inputTokens: 300,
			outputTokens: 20,
		});
		expect(pick.why).toContain('"ship"');
		const loose = await askModel(
			{ text: '啥时候能寄出来' },
			candidates,
			answering('{"entry":" Ship ","confidence":0.92,"reason":"发货"}'),
			settings,
			new MemoryStateStore(),
		);
		expect(loose).toMatchObject({ outcome: 'answered', entry: 'ship' });
	});

	it('prose, a timeout, a 429 and any other error hand back with a reason', async () => {
		const store = new MemoryStateStore();
		const ask = (chat: ChatFn) => askModel({ text: '寄出来没' }, candidates, chat, settings, store);
		expect(await ask(answering('亲，48小时内发货哦～'))).toMatchObject({
			outcome: 'handedBack',
			handBack: 'prose',
		});
		// A model that ignores the abort signal is still abandoned at the deadline.
		const slow = await ask(() => new Promise(() => {}));
		expect(slow).toMatchObject({ outcome: 'handedBack', handBack: 'timeout' });
		expect(slow.ms).toBeGreaterThanOrEqual(150);
		const limited = Object.assign(new Error('Rate limit reached'), { status: 429 });
		expect(
			await ask(async () => {
				throw limited;
			}),
		).toMatchObject({ handBack: 'rate limited' });
		const leaky = new Error('401 Incorrect API key provided: sk-abcdefghijklmnopqrstuvwxyz123456');
		const failed = await ask(async () => {
			throw leaky;
		});
		expect(failed).toMatchObject({ handBack: 'model error' });
		expect(failed.why).not.toContain('abcdefghijklmnop');
	});

	it('no candidates: no call', async () => {
		const calls: string[][] = [];
		const pick = await askModel(
			{ text: '你好' },
			[],
			answering('{}', calls),
			settings,
			new MemoryStateStore(),
		);
		expect(pick).toMatchObject({ outcome: 'handedBack', handBack: 'no candidates', ms: 0 });
		expect(calls).toEqual([]);
	});

	it('the daily cap stops calls; a DM run again gets its first decision without a call', async () => {
		const store = new MemoryStateStore();
		const calls: string[][] = [];
		const chat = answering('{"entry":"ship","confidence":0.9,"reason":"发货"}', calls);
		const capped = { ...settings, dailyCap: 2 };
		const first = await askModel({ text: 'a', messageId: 'm1' }, candidates, chat, capped, store);
		const again = await askModel({ text: 'a', messageId: 'm1' }, candidates, chat, capped, store);
		expect(again).toEqual({ ...first, remembered: true });
		await askModel({ text: 'b', messageId: 'm2' }, candidates, chat, capped, store);
		const third = await askModel({ text: 'c', messageId: 'm3' }, candidates, chat, capped, store);
		expect(third).toMatchObject({ outcome: 'handedBack', handBack: 'daily cap' });
		expect(calls).toHaveLength(2);
	});

	it('the prompt quotes the DM with contacts masked and lists only the candidates', () => {
		const [system, user] = pickMessages('加我微信 xiaoyu_2024 电话13812345678', candidates);
		expect(system.content).toContain('exactly one JSON object');
		expect(user.content).not.toContain('13812345678');
		expect(user.content).not.toContain('xiaoyu_2024');
		expect(user.content).toContain('- id: "ship"');
		expect(user.content).toContain('- id: "return"');
	});
});
