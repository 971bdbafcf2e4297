// @ts-check
'use strict';
// Scripted customers for the training page (GET /sandbox/training, served as JSON at
// GET /sandbox/scenarios): the tricky DMs a team meets, each with what the shipped pipeline
// (workflows/service-desk.json and workflows/agent-desk.json) does with it. The checks are
// what the page can observe: the customer's conversation and the team chat (the agents' and
// the sales group's Feishu bots). test/sandbox/scenarios.test.ts holds each opening message
// against the template's own rules, so a scenario never promises what the pipeline does not do.
//
// Check types (evaluated by training/checks.js):
//   reply {pattern}          an n8n message to the customer matches the pattern (a RegExp source)
//   noHandoff                answered by the bot only: no agent is told, the customer is not handed on
//   handoff                  the customer is told an agent (or the queue) has the conversation
//   lane {lane: fast|normal} the agent's notification is 【加急 · …】 (fast lane) or 【新私信】
//   agent {agent}            the conversation went to this agent (roster id; shown by name)
//   reason {includes?, excludes?}  the notification's 分配原因 line includes / lacks a phrase
//   followUp                 a second DM reaches the same agent as 【客户追问】, the customer is told once
//   lead {value}             the sales group is told of the lead (phone or WeChat id)
//   survey                   after the agent closes, the CSAT survey reaches the customer
const fs = require('node:fs');
const path = require('node:path');

// The agents npm start puts in the xhs_agents Data Table, which the desk's roster comes from.
const AGENTS_SEED = path.join(__dirname, '..', 'scripts', 'lib', 'seed', 'agents.json');

/**
 * The seeded roster as the page shows it; `bot` is the Feishu hook's last path segment,
 * i.e. the name the notification has in the sandbox's team chat (GET /sandbox/bot?bot=).
 * @returns {Array<{id: string, name: string, bot: string, skills: string, lanes: string, capacity: number}>}
 */
function templateAgents() {
	try {
		const rows = JSON.parse(fs.readFileSync(AGENTS_SEED, 'utf8'));
		return rows.map((/** @type {Record<string, any>} */ a) => ({
			id: String(a.agent_id ?? a.id),
			name: String(a.name),
			bot:
				String(a.contact ?? '')
					.split('/')
					.filter(Boolean)
					.pop() ?? '',
			skills: String(a.skills ?? ''),
			lanes: String(a.lanes ?? ''),
			capacity: Number(a.capacity) || 0,
		}));
	} catch {
		return [];
	}
}

/** The sales group's bot in the template ("Notify sales of the lead"). */
const SALES_BOT = 'sales';

const SURVEY = { type: 'survey' };

const SCENARIOS = [
	{
		id: 'vague',
		customer: { id: 'train_vague', nickname: '路过的小鹿' },
		title: { zh: '只问“在吗？”', en: 'Just "anyone there?"' },
		messages: ['在吗？', '有人吗'],
		goal: {
			zh: '没有问题可答，交给人工（普通通道，最空闲的客服）；第二句“有人吗”作为追问通知同一位客服，不再重复告诉顾客。',
			en: 'Nothing to answer: handed to the least loaded agent (normal lane); the second line reaches the same agent as a follow-up and the customer is not told twice.',
		},
		checks: [{ type: 'handoff' }, { type: 'lane', lane: 'normal' }, { type: 'followUp' }, SURVEY],
	},
	{
		id: 'complaint',
		customer: { id: 'train_complaint', nickname: '气炸的阿花' },
		title: { zh: '愤怒投诉、差评', en: 'An angry complaint' },
		messages: ['我要投诉！面霜用了两天就过敏，差评！'],
		goal: {
			zh: '走加急通道（投诉），先道歉，老张（投诉组）优先接手；老张满了才给别人。',
			en: 'Fast lane (complaint): an apology at once, and 老张 of the complaints team takes it unless he is full.',
		},
		checks: [
			{ type: 'reply', pattern: '非常抱歉' },
			{ type: 'handoff' },
			{ type: 'lane', lane: 'fast' },
			{ type: 'agent', agent: 'laozhang' },
			SURVEY,
		],
	},
	{
		id: 'traditional',
		customer: { id: 'train_traditional', nickname: '港澳小美' },
		title: { zh: '繁体字问价', en: 'Traditional characters' },
		messages: ['請問這個面霜價格多少'],
		goal: {
			zh: '繁体照样识别：自动回复面霜价格，不转人工。',
			en: 'Read like simplified: the cream price by auto-reply, no agent.',
		},
		checks: [{ type: 'reply', pattern: '面霜 199 元' }, { type: 'noHandoff' }],
	},
	{
		id: 'spaced',
		customer: { id: 'train_spaced', nickname: '空格侠' },
		title: { zh: '字中间有空格', en: 'Spaced-out characters' },
		messages: ['多 少 钱'],
		goal: {
			zh: '空格不影响识别：自动回复价格。',
			en: 'Spaces do not hide the question: the price by auto-reply.',
		},
		checks: [{ type: 'reply', pattern: '199 元' }, { type: 'noHandoff' }],
	},
	{
		id: 'pinyin',
		customer: { id: 'train_pinyin', nickname: 'pinyin_girl' },
		title: { zh: '拼音问价', en: 'Pinyin' },
		messages: ['duoshaoqian'],
		goal: {
			zh: '拼音“duoshaoqian”也是问价：自动回复价格。',
			en: '"duoshaoqian" is "多少钱": the price by auto-reply.',
		},
		checks: [{ type: 'reply', pattern: '199 元' }, { type: 'noHandoff' }],
	},
	{
		id: 'lead',
		customer: { id: 'train_lead', nickname: '想团购的Lily' },
		title: { zh: '留了电话和微信', en: 'Leaves a phone number and WeChat id' },
		messages: ['想买两套送人，加我微信 lily_2024 或者打 13812345678 联系我'],
		goal: {
			zh: '这是销售线索：销售群收到【新线索】；没有可自动回答的问题，交给人工。',
			en: 'A sales lead: the sales group is told (【新线索】); nothing to auto-answer, so an agent takes it.',
		},
		checks: [
			{ type: 'lead', value: '13812345678' },
			{ type: 'handoff' },
			{ type: 'lane', lane: 'normal' },
			SURVEY,
		],
	},
	{
		id: 'serum',
		customer: { id: 'train_serum', nickname: '熬夜党' },
		title: { zh: '“急救精华”是产品名', en: '"急救精华" is a product, not an emergency' },
		messages: ['急救精华多少钱'],
		goal: {
			zh: '“急”出现在产品名里不算加急：自动回复精华价格。',
			en: 'The 急 in a product name is no emergency: the serum price by auto-reply.',
		},
		checks: [{ type: 'reply', pattern: '急救精华 269 元' }, { type: 'noHandoff' }],
	},
	{
		id: 'negation',
		customer: { id: 'train_negation', nickname: '佛系买家' },
		title: { zh: '“不需要加急”', en: 'Negation: "no need to rush"' },
		messages: ['不需要加急，正常发货就行'],
		goal: {
			zh: '否定的“加急”不进加急通道：自动回复发货时间。',
			en: 'A negated 加急 is no fast lane: the shipping answer by auto-reply.',
		},
		checks: [{ type: 'reply', pattern: '48 小时内发货' }, { type: 'noHandoff' }],
	},
	{
		id: 'friend-lawyer',
		customer: { id: 'train_friend_lawyer', nickname: '律师的朋友' },
		title: { zh: '“我朋友是律师”', en: '"My friend is a lawyer"' },
		messages: ['我朋友是律师，她推荐了你们家的面霜'],
		goal: {
			zh: '提到律师不等于法律纠纷：不走加急，也不按法律技能找小李，按普通私信交给最空闲的客服。',
			en: 'Mentioning a lawyer is no legal threat: no fast lane, no legal skill; the least loaded agent takes it as a normal DM.',
		},
		checks: [
			{ type: 'handoff' },
			{ type: 'lane', lane: 'normal' },
			{ type: 'reason', excludes: '法律' },
			SURVEY,
		],
	},
	{
		id: 'legal',
		customer: { id: 'train_legal', nickname: '较真的王先生' },
		title: { zh: '真正的法律问题', en: 'A real legal question' },
		messages: ['请问如果产品用了烂脸，我可以去法院起诉吗？'],
		goal: {
			zh: '法律问题走加急通道，按“法律”技能交给小李。',
			en: 'A legal question: fast lane, and the legal skill sends it to 小李.',
		},
		checks: [
			{ type: 'handoff' },
			{ type: 'lane', lane: 'fast' },
			{ type: 'agent', agent: 'xiaoli' },
			{ type: 'reason', includes: 'skill 法律' },
			SURVEY,
		],
	},
	{
		id: 'homophone',
		customer: { id: 'train_homophone', nickname: '手滑打错字' },
		title: { zh: '错别字“保值期”', en: 'A homophone typo: 保值期' },
		messages: ['保值期多久'],
		goal: {
			zh: '“保值期”是“保质期”的错别字：知识库回答保质期。',
			en: '保值期 means 保质期: the knowledge base answers the shelf life.',
		},
		checks: [{ type: 'reply', pattern: '保质期 3 年' }, { type: 'noHandoff' }],
	},
];

/** What GET /sandbox/scenarios answers. */
function scenarioList() {
	return { agents: templateAgents(), salesBot: SALES_BOT, scenarios: SCENARIOS };
}

module.exports = { SCENARIOS, SALES_BOT, templateAgents, scenarioList };
