/**
 * A small beauty brand's knowledge base as its admin keeps it in Data Tables (rows as n8n's
 * Data Table node returns them), a golden set, and a week of recent DMs. The expectations in
 * the tests were worked out by hand from these rows.
 */
export const RULE_ROWS = [
	{
		name: '问价格',
		priority: 10,
		any: '价格, 多少钱, 价钱, 怎么卖',
		sets_tags: '价格',
		replies: '亲爱的{{nickname}}，面霜 199 元，精华 259 元😉',
	},
	{
		name: '面霜价格',
		priority: 20,
		all: '面霜',
		requires_tags: '价格',
		sets_tags: '面霜',
		replies: '{{nickname}}您好，面霜现在 199 元，买二送一哦～',
	},
	{ name: '投诉', priority: 50, any: '投诉, 差评, 举报, 12315', lane: 'urgent', sets_tags: '投诉' },
	{
		name: '加急',
		priority: 40,
		any: '加急, 急用, 急, 尽快发货',
		lane: 'urgent',
		sets_tags: '加急',
		replies: '收到，已为您备注加急🚀',
	},
	{
		name: '发货时间',
		priority: 5,
		any: '发货, 几天到',
		none: '退货',
		replies: '下单后 48 小时内发货📦',
	},
	{ name: '过时活动', priority: 1, any: '双十一预售', replies: '双十一预售已结束' },
];

export const FAQ_ROWS = [
	{
		id: '保质期',
		questions: '保质期多久\n开封后能放多久\n过期了还能用吗',
		answer: '未开封 3 年，开封后 12 个月内用完哦',
		tags: '保质期',
	},
	{
		id: '孕妇',
		questions: '孕妇能用吗\n怀孕可以用吗\n哺乳期能用吗',
		answer: '{{nickname}}，我们的产品孕期哺乳期都可以放心使用🤰',
		tags: '孕妇',
	},
	{
		id: '敏感肌',
		questions: '敏感肌能用吗\n皮肤过敏怎么办',
		answer: '敏感肌可以先在耳后试用哦',
		tags: '敏感肌',
	},
];

export const PROTECTED = '急救精华';

export const GOLDEN_ROWS = [
	{
		text: '这个面霜多少钱',
		expected_route: 'matched',
		expected_rule: '面霜价格',
		note: 'combination beats the plain price rule',
	},
	{ text: '價格多少', expected_route: '自动回复', expected_rule: '问价格' },
	{ text: '我要投诉你们', expected_route: 'urgent', expected_rule: '投诉' },
	{
		text: '急救精华怎么卖',
		expected_route: 'matched',
		expected_rule: '问价格',
		note: '急救精华 is a product',
	},
	{ text: '不需要加急，正常发货就行', expected_route: 'matched', expected_rule: '发货时间' },
	{ text: '孕妇可以用吗', expected_route: 'matched', expected_faq: '孕妇' },
	{ text: '你们老板是谁', expected_route: '人工' },
];

/** Recent DMs (a week from the event log), each text as many times as customers sent it. */
export const RECENT: Array<[string, number]> = [
	['多少钱', 5],
	['这个面霜多少钱', 3],
	['什么时候发货', 4],
	['优惠券怎么用', 2],
	['能便宜点吗', 2],
	['保质期多久', 1],
];

export function recentDms() {
	return RECENT.flatMap(([text, n]) =>
		Array.from({ length: n }, (_, k) => ({ text, messageId: `${text}#${k}` })),
	);
}
