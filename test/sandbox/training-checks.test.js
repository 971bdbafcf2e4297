// The training page's checklist (sandbox/training/checks.js) on what the shipped templates
// send: the texts below are the templates' own (service-desk.json, agent-desk.json).
const Checks = require('../../sandbox/training/checks');
const { SCENARIOS, templateAgents } = require('../../sandbox/scenarios');

const agents = templateAgents();
const scenario = (id) => SCENARIOS.find((s) => s.id === id);

let seq = 0;
const msg = (source, text, timestamp = 1000 + seq) => ({
	message_id: `m${++seq}`,
	message_source: source,
	message_type: 'TEXT',
	content: { text },
	timestamp,
});
/** A token's shape (the checklist never reads it): payload "." 43-character MAC. */
const token = (n) => `eyJ2IjoxLCJhIjoiY2xvc2UifQ${n}.${'A'.repeat(43)}`;
/**
 * A signed link as Create Action Link makes it from the templates' Link Webhook URL
 * (…/webhook/xhs-close?conversation={{ encodeURIComponent(…) }}): the token added as t, the
 * query form-encoded again.
 */
const link = (conversationId, path = 'xhs-close') => {
	const url = new URL(
		`http://127.0.0.1:5678/webhook/${path}?conversation=${encodeURIComponent(conversationId)}`,
	);
	url.searchParams.set('t', token(seq));
	return url.href;
};
/** A notification as "Notify the agent (Feishu bot)" words it. */
const deskNote = (id, bot, head, conversationId, reason) => ({
	id,
	bot,
	at: new Date(2000 + id).toISOString(),
	text: `${head}\n分配原因：${reason}\n结束会话：${link(conversationId)}\n暂离：http://127.0.0.1:5678/webhook/xhs-status?t=${token(id)}`,
});

const run = (id, input) =>
	Checks.evaluate(scenario(id).checks, {
		agents,
		salesBot: 'sales',
		nickname: scenario(id).customer.nickname,
		now: 10_000,
		seen: {},
		...input,
	}).map((r) => [r.check.type, r.state]);

describe('training checklist', () => {
	test('messages to the customer: hand-over with the agent, queue place, survey, thanks, plain reply', () => {
		expect(Checks.classifyReply('路过的小鹿您好～您的问题已转给客服小王，马上回复您🧐')).toEqual({
			kind: 'assigned',
			agentName: '小王',
		});
		expect(
			Checks.classifyReply(
				'气炸的阿花，非常抱歉给您带来不好的体验🙏 已为您转接专属客服，马上处理！（客服老张为您服务）',
			),
		).toEqual({ kind: 'assigned', agentName: '老张' });
		expect(
			Checks.classifyReply(
				'七七您好～您的问题已转给客服，客服都在忙，您现在排第 2 位，马上就到您🙏',
			),
		).toEqual({ kind: 'queued', position: 2 });
		expect(
			Checks.classifyReply(
				'小雨您好，老张刚刚为您服务，您满意吗？请回复 1-5 分（5 = 非常满意 😊，1 = 很不满意）',
			),
		).toEqual({ kind: 'survey' });
		expect(Checks.classifyReply('谢谢小雨的评价 ⭐⭐⭐⭐⭐！我们会继续努力 💪')).toEqual({
			kind: 'thanks',
		});
		expect(Checks.classifyReply('亲爱的小雨，这款面霜 199 元，今天买一送一🎁')).toEqual({
			kind: 'reply',
		});
	});

	test('a notification belongs to the conversation its close link names, not to one whose id merely starts the same', () => {
		expect(
			Checks.conversationOf(
				deskNote(1, 'xiaowang', '【新私信】x：y', 'biz_001:cust_1', 'least loaded').text,
			),
		).toBe('biz_001:cust_1');
		// A space comes back as + in the form-encoded query, a + as %2B; the token is not the id.
		expect(
			Checks.conversationOf(
				deskNote(1, 'xiaowang', '【新私信】x：y', 'biz_001:cust 3/中+x', 'least loaded').text,
			),
		).toBe('biz_001:cust 3/中+x');
		expect(Checks.conversationOf(`结束会话：${link('webchat:v_1', 'xhs-webchat-close')}`)).toBe(
			'webchat:v_1',
		);
		expect(
			Checks.conversationOf(`暂离：http://127.0.0.1:5678/webhook/xhs-status?t=${token(1)}`),
		).toBe(undefined);
		const o = Checks.observe({
			conversationId: 'biz_001:cust_1',
			messages: [],
			notes: [
				deskNote(1, 'xiaowang', '【新私信】a：b', 'biz_001:cust_10', 'least loaded'),
				deskNote(2, 'xiaoli', '【新私信】a：b', 'biz_001:cust_1', 'least loaded'),
			],
			agents,
			salesBot: 'sales',
		});
		expect(o.deskNotes.map((n) => n.id)).toEqual([2]);
		expect(o.agent).toMatchObject({ id: 'xiaoli', name: '小李' });
	});

	test('the complaint: apology, hand-over, fast lane, 老张, then the survey once the agent closes', () => {
		const id = 'biz_001:train_complaint_ab12';
		const messages = [msg(1, '我要投诉！面霜用了两天就过敏，差评！')];
		expect(run('complaint', { conversationId: id, messages, notes: [] })).toEqual([
			['reply', 'pending'],
			['handoff', 'pending'],
			['lane', 'pending'],
			['agent', 'pending'],
			['survey', 'pending'],
		]);
		messages.push(
			msg(
				3,
				'气炸的阿花，非常抱歉给您带来不好的体验🙏 已为您转接专属客服，马上处理！（客服老张为您服务）',
			),
		);
		const notes = [
			deskNote(
				7,
				'laozhang',
				'【加急 · complaint】气炸的阿花：我要投诉！面霜用了两天就过敏，差评！',
				id,
				'complaint lane team; least loaded; load 1/4',
			),
		];
		expect(run('complaint', { conversationId: id, messages, notes })).toEqual([
			['reply', 'pass'],
			['handoff', 'pass'],
			['lane', 'pass'],
			['agent', 'pass'],
			['survey', 'pending'],
		]);
		messages.push(
			msg(2, '非常抱歉，我们马上为您退款'),
			msg(
				3,
				'气炸的阿花您好，老张刚刚为您服务，您满意吗？请回复 1-5 分（5 = 非常满意 😊，1 = 很不满意）',
			),
		);
		expect(run('complaint', { conversationId: id, messages, notes }).at(-1)).toEqual([
			'survey',
			'pass',
		]);
		// 老张 full: someone else took it, and the checklist says so
		const other = [
			deskNote(
				8,
				'xiaowang',
				'【加急 · complaint】气炸的阿花：…',
				id,
				'complaint lane; least loaded; load 2/5',
			),
		];
		const r = Checks.evaluate(scenario('complaint').checks, {
			conversationId: id,
			messages: messages.slice(0, 1),
			notes: other,
			agents,
			salesBot: 'sales',
			now: 0,
		});
		expect(r.find((x) => x.check.type === 'agent')).toMatchObject({
			state: 'fail',
			detail: expect.stringContaining('小王'),
		});
	});

	test('answered by the bot: ticks once the auto-reply has stood a moment with no hand-over; a hand-over fails it', () => {
		const id = 'biz_001:train_serum_x';
		const reply = msg(3, '亲爱的熬夜党，急救精华 269 元，第二瓶半价哦✨');
		const messages = [msg(1, '急救精华多少钱'), reply];
		expect(
			run('serum', {
				conversationId: id,
				messages,
				notes: [],
				seen: { [reply.message_id]: 9000 },
				now: 10_000,
			}),
		).toEqual([
			['reply', 'pass'],
			['noHandoff', 'pending'],
		]);
		expect(
			run('serum', {
				conversationId: id,
				messages,
				notes: [],
				seen: { [reply.message_id]: 9000 },
				now: 9000 + Checks.SETTLE_MS,
			}),
		).toEqual([
			['reply', 'pass'],
			['noHandoff', 'pass'],
		]);
		const handed = [...messages, msg(3, '熬夜党您好～您的问题已转给客服小王，马上回复您🧐')];
		expect(run('serum', { conversationId: id, messages: handed, notes: [], now: 99_999 })).toEqual([
			['reply', 'pass'],
			['noHandoff', 'fail'],
		]);
	});

	test('"my friend is a lawyer": a normal DM without the legal skill passes; the legal skill fails it', () => {
		const id = 'biz_001:train_friend_lawyer_q';
		const messages = [
			msg(1, '我朋友是律师，她推荐了你们家的面霜'),
			msg(3, '律师的朋友您好～您的问题已转给客服小李，马上回复您🧐'),
		];
		const normal = [
			deskNote(
				3,
				'xiaoli',
				'【新私信】律师的朋友：我朋友是律师，她推荐了你们家的面霜',
				id,
				'least loaded; load 1/3',
			),
		];
		expect(run('friend-lawyer', { conversationId: id, messages, notes: normal })).toEqual([
			['handoff', 'pass'],
			['lane', 'pass'],
			['reason', 'pass'],
			['survey', 'pending'],
		]);
		const legal = [
			deskNote(
				3,
				'xiaoli',
				'【加急 · urgent】律师的朋友：…',
				id,
				'urgent lane; skill 法律; least loaded; load 1/3',
			),
		];
		expect(run('friend-lawyer', { conversationId: id, messages, notes: legal })).toEqual([
			['handoff', 'pass'],
			['lane', 'fail'],
			['reason', 'fail'],
			['survey', 'pending'],
		]);
	});

	test('the follow-up reaches the same agent and the customer is told once; told twice fails', () => {
		const id = 'biz_001:train_vague_1';
		const messages = [
			msg(1, '在吗？'),
			msg(3, '路过的小鹿您好～您的问题已转给客服老张，马上回复您🧐'),
			msg(1, '有人吗'),
		];
		const notes = [
			deskNote(4, 'laozhang', '【新私信】路过的小鹿：在吗？', id, 'least loaded; load 1/4'),
			deskNote(
				5,
				'laozhang',
				'【客户追问】路过的小鹿：有人吗',
				id,
				'already assigned: the conversation is open with this agent',
			),
		];
		expect(run('vague', { conversationId: id, messages, notes })).toEqual([
			['handoff', 'pass'],
			['lane', 'pass'],
			['followUp', 'pass'],
			['survey', 'pending'],
		]);
		const twice = [...messages, msg(3, '路过的小鹿您好～您的问题已转给客服老张，马上回复您🧐')];
		expect(run('vague', { conversationId: id, messages: twice, notes })[2]).toEqual([
			'followUp',
			'fail',
		]);
	});

	test('the lead: the sales group is told about this customer; queued customers count as handed over', () => {
		const id = 'biz_001:train_lead_z';
		const messages = [
			msg(1, '想买两套送人，加我微信 lily_2024 或者打 13812345678 联系我'),
			msg(3, '想团购的Lily您好～您的问题已转给客服，客服都在忙，您现在排第 1 位，马上就到您🙏'),
		];
		const notes = [
			{
				id: 9,
				bot: 'sales',
				at: new Date(3000).toISOString(),
				text: '【新线索】别人 留了电话：13812345678\n原话：…',
			},
			{
				id: 10,
				bot: 'sales',
				at: new Date(3001).toISOString(),
				text: '【新线索】想团购的Lily 留了电话：13812345678\n原话：想买两套送人…',
			},
		];
		const r = Checks.evaluate(scenario('lead').checks, {
			conversationId: id,
			nickname: '想团购的Lily',
			messages,
			notes,
			agents,
			salesBot: 'sales',
			now: 0,
		});
		expect(r.map((x) => [x.check.type, x.state])).toEqual([
			['lead', 'pass'],
			['handoff', 'pass'],
			['lane', 'pending'],
			['survey', 'pending'],
		]);
		expect(r[0].detail).toBe('【新线索】想团购的Lily 留了电话：13812345678');
		expect(r[1].detail).toMatch(/queued #1/);
	});
});
