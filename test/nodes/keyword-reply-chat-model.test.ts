import { loadFixture } from './fixtures';
import { TestChatModel } from './nodes/TestChatModel.node';
import { runWorkflow, type WorkflowFixture } from './runWorkflow';

type Json = Record<string, any>;

let scope = 0;
function fresh(): WorkflowFixture {
	const f = loadFixture('keyword-reply-chat-model');
	f.nodes[1].id = `kw-ai-${process.pid}-${Date.now()}-${scope++}`;
	return f;
}

async function run(fixture: WorkflowFixture) {
	TestChatModel.calls = [];
	const { outputs, errors } = await runWorkflow(fixture, { credentials: {} });
	const [matched = [], urgent = [], noMatch = []] = outputs['Keyword Reply'];
	const byId = (items: Array<{ json: Json }>) =>
		Object.fromEntries(items.map((i) => [i.json.messageId, i.json]));
	return { errors, matched: byId(matched), urgent: byId(urgent), noMatch: byId(noMatch) };
}

describe('Xiaohongshu Keyword Reply with a Chat Model sub-node, through n8n-core', () => {
	it("answers from the chosen entry, hands every bad output to a human with the reason, and never asks about the fast lane or a rule's DM", async () => {
		const { errors, matched, urgent, noMatch } = await run(fresh());
		expect(errors).toEqual({});
		expect(Object.keys(matched).sort()).toEqual(['m_ai_1', 'm_ai_5']);
		expect(matched.m_ai_1.reply).toBe('小雨，成分温和，孕期也可以用，敏感肌先在耳后试用。');
		expect(matched.m_ai_1.smartReply).toMatchObject({
			route: 'matched',
			source: 'ai',
			faq: { id: 'faq 2' },
			ai: { outcome: 'answered', entry: 'faq 2', confidence: 0.91, reason: '问孕期能否使用' },
		});
		// The rule answered the price question: no model.
		expect(matched.m_ai_5.smartReply.ai).toBeUndefined();

		expect(noMatch.m_ai_2).toMatchObject({
			reply: null,
			smartReply: { ai: { outcome: 'handedBack', handBack: 'prose' } },
		});
		expect(noMatch.m_ai_3.smartReply.ai).toMatchObject({ handBack: 'rate limited' });
		expect(noMatch.m_ai_3.smartReply.reason).toContain('429');
		expect(urgent.m_ai_4.smartReply.ai).toBeUndefined();

		const asked = TestChatModel.calls.map((c) => /"""\n([\s\S]*?)\n"""/.exec(c.prompt)?.[1]);
		expect(asked.sort()).toEqual(['寄出来没', '我怀孕了这个我能抹吗', '备孕期间可以涂吗'].sort());
	});

	it('without the sub-node the same DMs go exactly as before', async () => {
		const withModel = fresh();
		const without: WorkflowFixture = {
			...withModel,
			nodes: withModel.nodes.filter((n) => n.type !== 'test.chatModel'),
			connections: { Items: withModel.connections.Items },
		};
		const { errors, matched, noMatch } = await run(without);
		expect(errors).toEqual({});
		expect(Object.keys(matched)).toEqual(['m_ai_5']);
		expect(Object.keys(noMatch).sort()).toEqual(['m_ai_1', 'm_ai_2', 'm_ai_3']);
		for (const item of Object.values(noMatch) as Json[])
			expect('ai' in item.smartReply).toBe(false);
		expect(TestChatModel.calls).toEqual([]);
	});
});
