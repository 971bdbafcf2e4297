// The first rows of the knowledge-base tables (xhs_rules, xhs_faq, xhs_golden) that `npm start`
// creates: the rules and FAQ are read from the "Assign DMs to agents" template's Keyword Reply
// node, so the tables and the template start out saying the same thing; the golden set holds
// the messy DMs the product is judged on, with what must happen to each.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const TEMPLATE = path.join(__dirname, '..', '..', 'workflows', 'dm-assign-agents.json');

function keywordNode() {
	const workflow = JSON.parse(fs.readFileSync(TEMPLATE, 'utf8'));
	const node = workflow.nodes.find((n) => n.type.endsWith('.xiaohongshuKeywordReply'));
	if (!node) throw new Error(`${TEMPLATE} has no Keyword Reply node`);
	return node.parameters;
}

function ruleRows() {
	return keywordNode().rules.rule.map((r) => ({
		name: r.name,
		enabled: r.enabled !== false,
		priority: Number(r.priority) || 0,
		any: r.any ?? '',
		all: r.all ?? '',
		none: r.none ?? '',
		regex: r.regex ?? '',
		requires_tags: r.requiresTags ?? '',
		sets_tags: r.setsTags ?? '',
		lane: r.lane ?? 'normal',
		replies: r.replies ?? '',
		out_of_hours_reply: r.outOfHoursReply ?? '',
	}));
}

function faqRows() {
	return keywordNode().faqEntries.entry.map((e) => ({
		name: e.questions.split('\n')[0].trim(),
		questions: e.questions,
		answer: e.answer,
		tags: e.tags ?? '',
		keywords: '',
		status: 'live',
		dms: 0,
		share: 0,
		found_at: '',
	}));
}

function productNames() {
	return keywordNode().protectedTerms ?? '';
}

/** Hard cases from the mission: scripts, pinyin, spacing, negation, product names, third parties. */
const GOLDEN = [
	['这个面霜多少钱', 'matched', '面霜价格 · cream price', '', 'a product and a price: the combination answers'],
	['價格多少', 'matched', '价格 · price', '', 'traditional characters'],
	['多 少 钱', 'matched', '价格 · price', '', 'spaced out'],
	['急救精华多少钱', 'matched', '精华价格 · serum price', '', '急救精华 is a product, not an emergency'],
	['我要投诉你们！', 'urgent', '投诉 · complaint', '', ''],
	['没有要投诉的意思，就问下什么时候发货', 'matched', '发货 · shipping', '', 'negated complaint'],
	['不需要加急，正常发货就行', 'matched', '发货 · shipping', '', 'negated urgency'],
	['我要起诉你们', 'urgent', '法律 · legal', '', ''],
	['我朋友是律师，她推荐的这款', 'noMatch', '', '', 'a self-description is no legal threat'],
	['保值期多久', 'matched', '', '保质期多久', 'homophone typo'],
	['孕妇可以用吗', 'matched', '', '孕妇能用吗', ''],
	['你们老板是谁', 'noMatch', '', '', 'nothing to answer: a human'],
];

function goldenRows() {
	return GOLDEN.map(([text, expected_route, expected_rule, expected_faq, note]) => ({ text, expected_route, expected_rule, expected_faq, expected_tags: '', note }));
}

module.exports = { ruleRows, faqRows, goldenRows, productNames };
