/**
 * Xiaohongshu Knowledge Base version 2 through n8n-core's WorkflowExecute: Knowledge Base Name
 * is a resource locator. A preview publishes under a name typed in ("By Name", an expression
 * here), Suggest Replies reads the one picked from the list; what the operations do is as in
 * version 1.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAQ_ROWS, GOLDEN_ROWS, PROTECTED, RULE_ROWS } from '../knowledgeBase/kbFixture';
import { loadFixture } from './fixtures';
import { runWorkflow, type WorkflowFixture } from './runWorkflow';

process.env.XHS_STATE_DB_PATH = join(mkdtempSync(join(tmpdir(), 'xhs-kb-v2-')), 'state.sqlite');

type Json = Record<string, any>;

function withItems(name: string, items: Json[]): WorkflowFixture {
	const f = loadFixture(name);
	f.nodes[0].parameters.items = JSON.stringify(items);
	return f;
}

async function run(f: WorkflowFixture, node: string) {
	const { outputs, errors } = await runWorkflow(f, { credentials: {} });
	return { outputs: outputs[node] ?? [], error: errors[node] };
}

const dm = (text: string, n: number) => ({
	messageId: `m_kb2_${n}`,
	customerUserId: `c${n}`,
	conversationId: `biz:c${n}`,
	nickname: '阿花',
	text,
	direction: 'inbound',
});

describe('Knowledge Base version 2: Knowledge Base Name as a pick list', () => {
	it('publishes under the name typed in, and suggests replies from the one picked from the list', async () => {
		const change = {
			name: 'brand-v2',
			rules: RULE_ROWS,
			faq: FAQ_ROWS,
			products: PROTECTED,
			golden: GOLDEN_ROWS,
		};
		const preview = await run(withItems('knowledge-base-preview-v2', [change]), 'Preview');
		expect(preview.error).toBeUndefined();
		const [[passed]] = preview.outputs;
		expect(passed.json).toMatchObject({
			verdict: 'pass',
			published: true,
			publishedVersion: 1,
			knowledgeBase: 'brand-v2',
		});

		const { outputs, error } = await run(
			withItems('knowledge-base-suggest-v2', [dm('怀孕了可以用吗', 1)]),
			'Suggest',
		);
		expect(error).toBeUndefined();
		const [[pregnant]] = outputs;
		expect((pregnant.json.assist as Json).bestReply).toBe(
			'阿花，我们的产品孕期哺乳期都可以放心使用🤰',
		);
		expect(pregnant.pairedItem).toEqual({ item: 0 });
	});

	it('names the field when the picked knowledge base was never published', async () => {
		const suggest = withItems('knowledge-base-suggest-v2', [dm('多少钱', 2)]);
		(suggest.nodes[1].parameters as Json).knowledgeBaseName = {
			__rl: true,
			mode: 'name',
			value: 'never-published',
		};
		expect((await run(suggest, 'Suggest')).error).toMatch(
			/^Item 0: no knowledge base named "never-published" has been published yet.*\(field "Knowledge Base Name"\)$/,
		);
	});
});
