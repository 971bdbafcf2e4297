// The first rows of the knowledge-base tables (xhs_rules, xhs_faq, xhs_synonyms, xhs_golden) that `npm start`
// creates, from seed/knowledge.json. From then on the tables are the source: admins edit them in
// n8n's Data Table view, the "Safe rule changes" template checks them against the golden set and
// publishes them, and the full service desk's Keyword Reply answers from what was published.
// The golden set holds the messy DMs the product is judged on, with what must happen to each.
'use strict';

const seed = require('./seed/knowledge.json');

function ruleRows() {
	return seed.rules.map((r) => ({
		name: r.name,
		enabled: r.enabled !== false,
		priority: Number(r.priority) || 0,
		any: r.any ?? '',
		all: r.all ?? '',
		none: r.none ?? '',
		regex: r.regex ?? '',
		requires_tags: r.requires_tags ?? '',
		sets_tags: r.sets_tags ?? '',
		lane: r.lane ?? 'normal',
		replies: r.replies ?? '',
		out_of_hours_reply: r.out_of_hours_reply ?? '',
	}));
}

function faqRows() {
	return seed.faq.map((e) => ({
		name: e.name ?? e.questions.split('\n')[0].trim(),
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

/** Product and brand names that contain a rule keyword (急救精华 is no emergency). */
function productNames() {
	return seed.protectedTerms ?? '';
}

/** Hard cases from the mission: scripts, pinyin, spacing, negation, product names, third parties. */
function goldenRows() {
	return seed.golden.map((g) => ({
		text: g.text,
		expected_route: g.expected_route,
		expected_rule: g.expected_rule ?? '',
		expected_faq: g.expected_faq ?? '',
		expected_tags: g.expected_tags ?? '',
		note: g.note ?? '',
	}));
}

/** The shop's own words: product nicknames and English names customers use. */
function synonymRows() {
	return (seed.synonyms ?? []).map((s) => ({ means: s.means, words: s.words }));
}

module.exports = { ruleRows, faqRows, goldenRows, productNames, synonymRows };
