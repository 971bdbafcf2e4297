/**
 * Xiaohongshu Keyword Reply version 2 through n8n-core's WorkflowExecute: Knowledge Base Name
 * is a resource locator; the DMs are answered from the knowledge base picked from the list,
 * as version 1 answers from the name typed in.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publish } from '../../nodes/shared/knowledgeBase/publication';
import { faqFromRows } from '../../nodes/shared/keywordReply/faq/faqRows';
import { rulesFromJson } from '../../nodes/shared/keywordReply/rules/ruleRows';
import { listOf } from '../../nodes/shared/listOf';
import { openStateStore } from '../../nodes/shared/state';
import { FAQ_ROWS, PROTECTED, RULE_ROWS } from '../knowledgeBase/kbFixture';
import { loadFixture } from './fixtures';
import { runWorkflow, type WorkflowFixture } from './runWorkflow';

process.env.XHS_STATE_DB_PATH = join(mkdtempSync(join(tmpdir(), 'xhs-kw-v2-')), 'state.sqlite');

type Json = Record<string, any>;

function withItems(items: Json[]): WorkflowFixture {
	const f = loadFixture('keyword-reply-published-v2');
	f.nodes[0].parameters.items = JSON.stringify(items);
	return f;
}

async function run(f: WorkflowFixture) {
	const { outputs, errors } = await runWorkflow(f, { credentials: {} });
	return { outputs: outputs['Keyword Reply'] ?? [], error: errors['Keyword Reply'] };
}

const dm = (text: string, n: number) => ({
	messageId: `m_kw2_${n}`,
	customerUserId: `c${n}`,
	conversationId: `biz:c${n}`,
	nickname: '阿花',
	text,
	direction: 'inbound',
});

beforeAll(async () => {
	const kb = {
		rules: rulesFromJson(RULE_ROWS),
		faq: faqFromRows(FAQ_ROWS),
		protectedTerms: listOf(PROTECTED),
	};
	await publish(openStateStore({ backend: 'embedded' }), 'brand-v2', kb, 'kw-v2', Date.now());
});

describe('Keyword Reply version 2: Knowledge Base Name as a pick list', () => {
	it('answers from the published knowledge base picked from the list', async () => {
		const { outputs, error } = await run(
			withItems([dm('这个面霜多少钱', 1), dm('孕妇可以用吗', 2), dm('我要投诉', 3)]),
		);
		expect(error).toBeUndefined();
		const [matched, urgent] = outputs;
		expect(
			matched.map((i) => [
				i.json.reply,
				(i.json.smartReply as Json).rule ?? (i.json.smartReply as Json).faq?.id,
			]),
		).toEqual([
			['阿花您好，面霜现在 199 元，买二送一哦～', '面霜价格'],
			['阿花，我们的产品孕期哺乳期都可以放心使用🤰', '孕妇'],
		]);
		expect(matched.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(urgent.map((i) => (i.json.smartReply as Json).rule)).toEqual(['投诉']);
	});

	it('says how to publish when the name typed in was never published', async () => {
		const f = withItems([dm('多少钱', 4)]);
		(f.nodes[1].parameters as Json).knowledgeBaseName = {
			__rl: true,
			mode: 'name',
			value: 'never-published',
		};
		expect((await run(f)).error).toBe(
			'Item 0: no knowledge base named "never-published" has been published yet: run the "Xiaohongshu · Safe rule changes" template once (or any Xiaohongshu Knowledge Base → Preview Rule Changes with Publish on)',
		);
	});
});

describe('Keyword Reply with the shop synonyms', () => {
	const pick = (f: WorkflowFixture, name: string) => {
		(f.nodes[1].parameters as Json).knowledgeBaseName = { __rl: true, mode: 'list', value: name };
		return f;
	};

	it("answers a product's nickname from the published synonyms, and says so", async () => {
		const kb = {
			rules: rulesFromJson(RULE_ROWS),
			faq: faqFromRows(FAQ_ROWS),
			protectedTerms: listOf(PROTECTED),
			synonyms: [{ means: '面霜', words: ['小白罐'] }],
		};
		await publish(openStateStore({ backend: 'embedded' }), 'brand-syn', kb, 'kw-syn', Date.now());
		const { outputs, error } = await run(pick(withItems([dm('小白罐多少钱', 11)]), 'brand-syn'));
		expect(error).toBeUndefined();
		const reply = outputs[0][0].json.smartReply as Json;
		expect(reply.rule).toBe('面霜价格');
		expect(JSON.stringify(reply.matchedRules)).toContain('"synonym":true');
		// Without them, the nickname means nothing.
		const plain = await run(pick(withItems([dm('小白罐多少钱', 12)]), 'brand-v2'));
		expect((plain.outputs[0][0]?.json.smartReply as Json | undefined)?.rule).not.toBe('面霜价格');
	});

	it('names the field and the item for a synonym row without a meaning; the other DMs go on', async () => {
		const f = pick(withItems([dm('多少钱', 13)]), 'brand-v2');
		(f.nodes[1].parameters as Json).options = {
			synonymsJson: JSON.stringify([{ means: '', words: '小白罐' }]),
		};
		expect((await run(f)).error).toBe(
			'Item 0: synonym row 1: "means" is empty (what do 小白罐 mean?) (field "Synonyms")',
		);
	});
});
