/**
 * The Knowledge Base node with a Chat Model sub-node connected, through n8n-core. Preview Rule
 * Changes: before the model answers any customer, the preview shows which DMs it would answer,
 * which it would hand back and why, and fails on a golden example it would get wrong (a human
 * was expected). Suggest Replies: the agent sees which entry the model would choose, and why.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAQ_ROWS, GOLDEN_ROWS, PROTECTED, RULE_ROWS } from '../knowledgeBase/kbFixture';
import { loadFixture } from './fixtures';
import { TestChatModel } from './nodes/TestChatModel.node';
import { runWorkflow, type WorkflowFixture } from './runWorkflow';

process.env.XHS_STATE_DB_PATH = join(mkdtempSync(join(tmpdir(), 'xhs-kb-model-')), 'state.sqlite');

type Json = Record<string, any>;

function withModel(
	fixture: string,
	node: string,
	items: Json[],
	answers: Record<string, string>,
): WorkflowFixture {
	const f = loadFixture(fixture);
	f.nodes[0].parameters.items = JSON.stringify(items);
	f.nodes.push({
		id: 'n-model',
		name: 'Chat Model',
		type: 'test.chatModel',
		typeVersion: 1,
		position: [240, 200],
		parameters: { answers: JSON.stringify(answers) },
	});
	f.connections['Chat Model'] = {
		ai_languageModel: [[{ node, type: 'ai_languageModel', index: 0 }]],
	};
	return f;
}

const GOOD = {
	怀上宝宝了还能抹吗: '{"entry":"孕妇","confidence":0.9,"reason":"孕期使用"}',
	脸上起红疹子了: '{"entry":"敏感肌","confidence":0.4,"reason":"可能过敏"}',
};

async function preview(name: string, golden: Json[], answers: Record<string, string>) {
	TestChatModel.calls = [];
	const { outputs, errors } = await runWorkflow(
		withModel(
			'knowledge-base-preview-v2',
			'Preview',
			[
				{
					name,
					rules: RULE_ROWS,
					faq: FAQ_ROWS,
					products: PROTECTED,
					golden: [...GOLDEN_ROWS, ...golden],
				},
			],
			answers,
		),
		{ credentials: {} },
	);
	const [passed = [], failed = []] = outputs.Preview ?? [];
	return { error: errors.Preview, passed, failed };
}

describe('Knowledge Base → Preview Rule Changes with a Chat Model', () => {
	it('shows what the model would answer and why it would hand back, and passes when the golden set holds', async () => {
		const { error, passed } = await preview(
			'model-pass',
			[
				{ text: '怀上宝宝了还能抹吗', expected_faq: '孕妇', note: 'the model gets it' },
				{ text: '脸上起红疹子了', expected_route: 'noMatch' },
			],
			GOOD,
		);
		expect(error).toBeUndefined();
		expect(passed).toHaveLength(1);
		const { report, summary } = passed[0].json as Json;
		// Row 8 (expects FAQ 孕妇) holds only with the model; the rules alone leave it to a human.
		expect(report.model).toMatchObject({
			notAsked: 0,
			golden: { brokenByModel: [], fixedByModel: [8] },
		});
		expect(report.golden).toMatchObject({ total: 9, passed: 9, brokenByChange: [] });
		const byText = Object.fromEntries(report.model.examples.map((e: Json) => [e.text, e]));
		expect(byText['怀上宝宝了还能抹吗']).toMatchObject({ outcome: 'answered', entry: '孕妇' });
		expect(byText['脸上起红疹子了']).toMatchObject({ outcome: 'handedBack', confidence: 0.4 });
		expect(summary).toContain(`Chat model AI 模型: asked about ${report.model.asked} DMs`);
		expect(TestChatModel.calls).toHaveLength(report.model.asked);
		const asked = TestChatModel.calls.map((c) => /"""\n([\s\S]*?)\n"""/.exec(c.prompt)?.[1]);
		expect(asked).toEqual(expect.arrayContaining(['怀上宝宝了还能抹吗', '脸上起红疹子了']));
	});

	it('fails when the model would answer what the team wants a human for', async () => {
		const { failed } = await preview(
			'model-fail',
			[{ text: '脸上起红疹子了', expected_route: 'noMatch', note: 'a skin reaction: a human' }],
			{ 脸上起红疹子了: '{"entry":"敏感肌","confidence":0.95,"reason":"敏感肌问题"}' },
		);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toMatchObject({ verdict: 'fail', published: false, blocked: true });
		expect((failed[0].json.report as Json).model.golden.brokenByModel).toEqual([
			expect.objectContaining({
				text: '脸上起红疹子了',
				problems: ['route "matched" instead of "noMatch"'],
			}),
		]);
		expect(failed[0].json.summary).toContain('(chat model)');
	});
});

describe('Knowledge Base → Suggest Replies with a Chat Model', () => {
	it("marks the entry the model chose among the agent's suggestions, with its reason", async () => {
		// Published by the preview test above.
		const f = withModel(
			'knowledge-base-suggest-v2',
			'Suggest',
			[
				{
					messageId: 'm_assist_1',
					customerUserId: 'c1',
					conversationId: 'biz:c1',
					nickname: '阿花',
					text: '怀上宝宝了还能抹吗',
				},
			],
			GOOD,
		);
		f.nodes[1].parameters.knowledgeBaseName = { __rl: true, mode: 'name', value: 'model-pass' };
		f.nodes[1].parameters.suggestOptions = { topK: 3, minScore: 0.2 };
		TestChatModel.calls = [];
		const { outputs, errors } = await runWorkflow(f, { credentials: {} });
		expect(errors.Suggest).toBeUndefined();
		const assist = outputs.Suggest[0][0].json.assist as Json;
		expect(assist.model).toMatchObject({ outcome: 'answered', entry: '孕妇', reason: '孕期使用' });
		expect(assist.suggestions.filter((s: Json) => s.chosenByModel).map((s: Json) => s.id)).toEqual([
			'孕妇',
		]);
		expect(TestChatModel.calls).toHaveLength(1);
	});
});
