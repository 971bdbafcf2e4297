/**
 * Xiaohongshu Knowledge Base through n8n-core's WorkflowExecute, one fixture per operation, in an
 * embedded state store of this file's own: a change is previewed and published, a broken one is
 * blocked, the Keyword Reply answers from what was published, agents get suggestions, and the
 * gap report groups a week of recorded DMs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAQ_ROWS, GOLDEN_ROWS, PROTECTED, RULE_ROWS } from '../knowledgeBase/kbFixture';
import { loadFixture } from './fixtures';
import { runWorkflow, type WorkflowFixture } from './runWorkflow';

process.env.XHS_STATE_DB_PATH = join(mkdtempSync(join(tmpdir(), 'xhs-kb-')), 'state.sqlite');

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

const change = (rules: object[], extra: Json = {}) => ({
	rules,
	faq: FAQ_ROWS,
	products: PROTECTED,
	golden: GOLDEN_ROWS,
	...extra,
});
const BROKEN = [
	...RULE_ROWS,
	{ name: '优惠活动', priority: 30, any: '钱, 优惠, 便宜', replies: '现在全场 8 折🎉' },
];
const dm = (text: string, n: number) => ({
	messageId: `m_kb_${n}`,
	customerUserId: `c${n}`,
	conversationId: `biz:c${n}`,
	nickname: '阿花',
	text,
	direction: 'inbound',
});

describe('Knowledge Base: Preview Rule Changes, publishing, and the Keyword Reply using it', () => {
	beforeAll(async () => {
		// A week of real DMs in the event log, as the trigger records them.
		const now = Date.now();
		const recent = ['多少钱', '多少钱', '这个面霜多少钱', '能便宜点吗', '什么时候发货'].map(
			(text, k) => ({
				type: 'message_in',
				conversationId: `biz:r${k}`,
				messageId: `m_recent_${k}`,
				text,
				time: new Date(now - 3_600_000 + k * 1000).toISOString(),
			}),
		);
		expect(
			(await run(withItems('service-metrics-record', recent), 'Service Metrics')).error,
		).toBeUndefined();
	});

	it('publishes a change that keeps the golden set, and previews an unchanged one only once', async () => {
		const { outputs, error } = await run(
			withItems('knowledge-base-preview', [change(RULE_ROWS)]),
			'Preview',
		);
		expect(error).toBeUndefined();
		const [passed, failed] = outputs;
		expect(failed).toEqual([]);
		expect(passed[0].json).toMatchObject({
			verdict: 'pass',
			published: true,
			blocked: false,
			publishedVersion: 1,
			liveVersion: 1,
			knowledgeBase: 'main',
		});
		expect((passed[0].json.report as Json).golden).toMatchObject({ total: 7, passed: 7 });
		expect((passed[0].json.report as Json).sampled).toMatchObject({ recent: 5, golden: 7 });
		expect(passed[0].json.summary).toContain('✅');
		expect(passed[0].binary?.report).toMatchObject({
			mimeType: 'text/html',
			fileName: 'xhs-rule-preview.html',
		});
		expect(passed[0].pairedItem).toEqual({ item: 0 });

		const again = await run(withItems('knowledge-base-preview', [change(RULE_ROWS)]), 'Preview');
		expect(again.outputs.flat()).toEqual([]);

		// On demand (Only When Changed off) it always answers: nothing new, version 1 stays live.
		const onDemand = withItems('knowledge-base-preview', [change(RULE_ROWS)]);
		(onDemand.nodes[1].parameters as Json).previewOptions.onlyWhenChanged = false;
		const [[answer]] = (await run(onDemand, 'Preview')).outputs;
		expect(answer.json).toMatchObject({
			verdict: 'pass',
			published: true,
			publishedVersion: 1,
			liveVersion: 1,
		});
		// What a preview on demand reported, the schedule's next poll does not report again.
		const first = withItems('knowledge-base-preview', [change(RULE_ROWS, { name: 'on-demand' })]);
		(first.nodes[1].parameters as Json).previewOptions.onlyWhenChanged = false;
		expect((await run(first, 'Preview')).outputs[0][0].json).toMatchObject({
			knowledgeBase: 'on-demand',
			publishedVersion: 1,
		});
		expect(
			(
				await run(
					withItems('knowledge-base-preview', [change(RULE_ROWS, { name: 'on-demand' })]),
					'Preview',
				)
			).outputs.flat(),
		).toEqual([]);
	});

	it('blocks a change that breaks a golden example: the Keyword Reply keeps answering from the published version', async () => {
		const { outputs } = await run(withItems('knowledge-base-preview', [change(BROKEN)]), 'Preview');
		const [passed, [failed]] = outputs;
		expect(passed).toEqual([]);
		expect(failed.json).toMatchObject({
			verdict: 'fail',
			published: false,
			blocked: true,
			publishedVersion: null,
			liveVersion: 1,
		});
		const report = failed.json.report as Json;
		// #4 急救精华怎么卖: 怎么卖 is the shopper's 多少钱, so the promotion's 钱 takes it too.
		expect(report.golden.brokenByChange.map((g: Json) => g.row)).toEqual([1, 4]);
		// Against the published version: 多少钱 ×2 and 这个面霜多少钱 now get the promotion, 能便宜点吗 is newly answered.
		expect(report.changes.byKind).toMatchObject({ 'different answer': 3, 'now answered': 1 });
		expect(failed.json.summary).toContain(
			'#1 "这个面霜多少钱": rule "面霜价格" no longer answers ("优惠活动" does)',
		);

		const replies = await run(
			withItems('knowledge-base-keyword-reply', [dm('这个面霜多少钱', 1), dm('孕妇可以用吗', 2)]),
			'Keyword Reply',
		);
		const [matched] = replies.outputs;
		expect(
			matched.map((i) => [
				i.json.reply,
				(i.json.smartReply as Json).rule ?? (i.json.smartReply as Json).faq?.id,
			]),
		).toEqual([
			['阿花您好，面霜现在 199 元，买二送一哦～', '面霜价格'],
			['阿花，我们的产品孕期哺乳期都可以放心使用🤰', '孕妇'],
		]);
	});

	it('suggests replies from the published knowledge base for an agent', async () => {
		const { outputs, error } = await run(
			withItems('knowledge-base-suggest', [dm('怀孕了可以用吗', 3), dm('面霜怎么样，好用吗', 4)]),
			'Suggest',
		);
		expect(error).toBeUndefined();
		const [[pregnant, cream]] = outputs;
		expect((pregnant.json.assist as Json).suggestions[0]).toMatchObject({
			rank: 1,
			source: 'faq',
			id: '孕妇',
			reply: '阿花，我们的产品孕期哺乳期都可以放心使用🤰',
		});
		expect((pregnant.json.assist as Json).bestReply).toBe(
			'阿花，我们的产品孕期哺乳期都可以放心使用🤰',
		);
		expect((cream.json.assist as Json).nearMisses[0]).toMatchObject({
			rule: '面霜价格',
			missing: ['needs tag "价格" from another rule'],
		});
		expect(cream.pairedItem).toEqual({ item: 1 });
	});

	it('in warn mode publishes the broken change anyway and says so on the Failed output', async () => {
		const { outputs } = await run(
			withItems('knowledge-base-preview', [change(BROKEN, { onBreak: 'warn' })]),
			'Preview',
		);
		const [, [failed]] = outputs;
		expect(failed.json).toMatchObject({ verdict: 'fail', published: true, publishedVersion: 2 });
		const replies = await run(
			withItems('knowledge-base-keyword-reply', [dm('这个面霜多少钱', 5)]),
			'Keyword Reply',
		);
		expect(replies.outputs[0][0].json.reply).toBe('现在全场 8 折🎉');
	});

	it('names the field and the item of bad input; with continue-on-fail the other items go on', async () => {
		const bad = change(RULE_ROWS, {
			name: 'other',
			golden: [{ text: '多少钱', expected_route: 'sometimes' }],
		});
		const f = withItems('knowledge-base-preview', [change(RULE_ROWS, { name: 'other' }), bad]);
		expect((await run(f, 'Preview')).error).toBe(
			'Item 1: row 1, column "expected_route": "sometimes" is not a route (use matched, urgent or noMatch; 自动回复, 加急 or 人工 work too) (field "Golden Set (JSON)")',
		);
		(f.nodes[1] as Json).continueOnFail = true;
		(f.nodes[0].parameters as Json).items = JSON.stringify([
			change(RULE_ROWS, { name: 'third' }),
			bad,
		]);
		const [passed, failed] = (await run(f, 'Preview')).outputs;
		expect(passed.map((i) => i.json.knowledgeBase)).toEqual(['third']);
		expect(failed[0].json.error).toMatch(/^Item 1: row 1/);

		const suggest = loadFixture('knowledge-base-suggest');
		(suggest.nodes[1].parameters as Json).knowledgeBaseName = 'never-published';
		suggest.nodes[0].parameters.items = JSON.stringify([dm('多少钱', 6)]);
		expect((await run(suggest, 'Suggest')).error).toMatch(
			/^Item 0: no knowledge base named "never-published" has been published yet.*\(field "Knowledge Base Name"\)$/,
		);

		// A Keyword Reply reading a knowledge base nobody published says how to publish one.
		const reply = withItems('knowledge-base-keyword-reply', [dm('多少钱', 7)]);
		(reply.nodes[1].parameters as Json).knowledgeBaseName = 'never-published';
		expect((await run(reply, 'Keyword Reply')).error).toBe(
			'Item 0: no knowledge base named "never-published" has been published yet: run the "Xiaohongshu · Safe rule changes" template once (or any Xiaohongshu Knowledge Base → Preview Rule Changes with Publish on)',
		);
	});
});

describe('Knowledge Base: the shop synonyms, previewed and published with the rules', () => {
	it('a golden example that needs a synonym passes with the synonyms table, and the Keyword Reply hears it', async () => {
		const golden = [
			...GOLDEN_ROWS,
			{ text: '小白罐多少钱', expected_route: '自动回复', expected_rule: '面霜价格' },
		];
		const without = await run(
			withItems('knowledge-base-preview', [change(RULE_ROWS, { name: 'syn', golden })]),
			'Preview',
		);
		expect(without.outputs[1][0].json).toMatchObject({ verdict: 'fail', published: false });
		const synonyms = [{ means: '面霜', words: '小白罐, 白罐子' }];
		const withSynonyms = await run(
			withItems('knowledge-base-preview', [change(RULE_ROWS, { name: 'syn', golden, synonyms })]),
			'Preview',
		);
		expect(withSynonyms.outputs[0][0].json).toMatchObject({ verdict: 'pass', published: true });
		const reply = withItems('knowledge-base-keyword-reply', [dm('白罐子多少钱', 8)]);
		(reply.nodes[1].parameters as Json).knowledgeBaseName = 'syn';
		const answered = await run(reply, 'Keyword Reply');
		expect((answered.outputs[0][0].json.smartReply as Json).reason).toContain(
			'"白罐子" (means 面霜)',
		);
	});

	it('names the field for a synonym row without a meaning', async () => {
		const bad = change(RULE_ROWS, { name: 'syn-bad', synonyms: [{ words: '小白罐' }] });
		expect((await run(withItems('knowledge-base-preview', [bad]), 'Preview')).error).toBe(
			'Item 0: synonym row 1: "means" is empty (what do 小白罐 mean?) (field "Changed Synonyms (JSON)")',
		);
	});
});

describe('Knowledge Base: Find Knowledge Base Gaps', () => {
	const at = (day: number, minute: number) =>
		new Date(Date.UTC(2026, 10, day, 2, minute)).toISOString();
	const events: Json[] = [];
	const say = (text: string, route: string | null, time: string, n: number) => {
		events.push({
			type: 'message_in',
			conversationId: `biz:g${n}`,
			customerUserId: `g${n}`,
			messageId: `m_g${n}`,
			text,
			time,
		});
		if (route)
			events.push({
				type: 'classified',
				conversationId: `biz:g${n}`,
				messageId: `m_g${n}`,
				route,
				time,
			});
	};
	[
		'能开发票吗',
		'可以开发票吗？',
		'發票怎麼開',
		'发票抬头怎么填',
		'开发票',
		'亲，能开个发票吗🧾',
	].forEach((t, k) => say(t, 'noMatch', at(17, k), k));
	['有小样吗', '有没有小样', '能送小样吗', '小样怎么领'].forEach((t, k) =>
		say(t, k === 0 ? null : 'noMatch', at(18, k), 10 + k),
	);
	say('多少钱', 'matched', at(19, 0), 20);
	say('价格多少', 'matched', at(19, 1), 21);
	say('你们老板是谁', 'urgent', at(19, 2), 22);
	say('能开发票吗', 'noMatch', at(24, 0), 23); // after the range
	say('5', null, at(20, 0), 24);
	events.push({
		type: 'csat',
		conversationId: 'biz:g24',
		messageId: 'm_g24',
		score: 5,
		time: at(20, 0),
	});

	it("groups the week's unanswered DMs by question, biggest first, with keywords, examples and share of all DMs", async () => {
		const { outputs, error } = await run(withItems('knowledge-base-gaps', events), 'Gaps');
		expect(error).toBeUndefined();
		const [[report]] = outputs;
		const json = report.json as Json;
		// 13 customer DMs in the range (the survey answer is not a question), 2 answered, 11 gaps.
		expect(json).toMatchObject({ total: 13, answered: 2, gaps: 11, clustered: 10, ungrouped: 1 });
		expect(
			json.groups.map((g: Json) => [g.rank, g.size, Number(g.share.toFixed(4)), g.conversations]),
		).toEqual([
			[1, 6, 0.4615, 6],
			[2, 4, 0.3077, 4],
		]);
		expect(json.groups[0].keywords).toContain('发票');
		expect(json.groups[1].keywords).toContain('小样');
		expect(json.groups[0].messageIds.sort()).toEqual([
			'm_g0',
			'm_g1',
			'm_g2',
			'm_g3',
			'm_g4',
			'm_g5',
		]);
		expect(json.groups[0].draftFaq).toMatchObject({ status: 'draft', answer: '', dms: 6 });
		expect(json.summary).toContain('1. 6 DMs (46.2%)');
		const html = Buffer.from((report.binary as Json).report.data, 'base64').toString('utf8');
		expect(html).toContain('候选关键词');
		expect(html).toContain('发票');
	});

	it('gives one draft FAQ row per group for an admin to review', async () => {
		const f = withItems('knowledge-base-gaps', events);
		(f.nodes[2].parameters as Json).gapOutput = 'groups';
		const [groups] = (await run(f, 'Gaps')).outputs;
		expect(groups).toHaveLength(2);
		expect(groups[1].json.draftFaq).toMatchObject({ status: 'draft', dms: 4 });
		expect(
			String((groups[1].json.draftFaq as Json).questions).split('\n').length,
		).toBeGreaterThanOrEqual(2);
		expect((groups[0].json.draftFaq as Json).id).toMatch(/^draft-[0-9a-f]{10}$/);
	});
});
