/**
 * Whether a mention is about this customer's own case now, read from its clause in the message
 * as written (punctuation and all, which normalisation takes out): a keyword in a hypothetical
 * ("如果收到破损怎么办"), in someone else's words ("评论区有人说会刺痛，是真的吗"), about another
 * brand or a past case ("之前用别家的乳液过敏过"), or naming the customer's own work ("我在法院
 * 上班") is not a complaint, an allergy or a legal threat now. mentionContext covers what stands
 * right before a keyword (negation, "朋友是…"); this covers the clause around it.
 *
 * Each reading is narrow on purpose, because the fast lane must not lose a real case:
 * - a hypothetical only covers the condition: in "如果今天不退款我就投诉", 投诉 follows 就, and counts;
 * - reported speech counts only when the customer asks whether it is true (a question in the
 *   message); "我老公说用了过敏了" is a report of their own case;
 * - a past case needs a past marker, 过, and a turn to now after it ("现在…", "所以想问…"), or
 *   another brand named; and no sign that the problem is still open (还没, 一直, 到现在 …).
 */
export type ClauseContext = 'hypothetical' | 'reported' | 'elsewhere' | 'workplace';

/** Where a clause ends: the keyword's clause is the text between two of these. */
const BOUNDARY = new Set([...'，,。.！!？?；;\n~～…、']);

const HYPOTHETICAL = [
	'如果',
	'假如',
	'要是',
	'万一',
	'假设',
	'若是',
	'倘若',
	'如若',
	'即使',
	'就算',
	'if',
];

const REPORTED = [
	'听说',
	'据说',
	'有人说',
	'别人说',
	'网上说',
	'网友说',
	'博主说',
	'评论区',
	'评论里',
	'笔记里',
	'看到有人',
	'看到别人',
	'朋友说',
	'同学说',
	'同事说',
	'家人说',
	'姐妹说',
	'闺蜜说',
	'她说',
	'他说',
];

/**
 * Someone else's words, however the customer names them: a person and a verb of saying
 * ("我妈说", "室友讲", "网友反映"), so that no list of "X说" has to foresee every relative.
 */
const SPEAKERS = [
	'朋友',
	'同学',
	'同事',
	'家人',
	'姐妹',
	'闺蜜',
	'室友',
	'邻居',
	'网友',
	'博主',
	'达人',
	'妈',
	'爸',
	'老公',
	'老婆',
	'女儿',
	'儿子',
	'姐',
	'妹',
	'哥',
	'弟',
	'男友',
	'女友',
	'男朋友',
	'女朋友',
	'亲戚',
	'别人',
	'有人',
	'大家',
	'她',
	'他',
	'评论',
	'网上',
];
const SAYING = ['说', '讲', '提到', '反映', '吐槽', '分享'];

function reportedBy(before: string): boolean {
	for (const verb of SAYING) {
		for (let at = before.indexOf(verb); at >= 0; at = before.indexOf(verb, at + 1)) {
			// The speaker right before the verb, a word or two of filler allowed ("我妈也说", "评论都在说").
			const head = before.slice(Math.max(0, at - 5), at);
			if (SPEAKERS.some((p) => head.includes(p))) return true;
		}
	}
	return before.includes('评论');
}

/** Worry or a possible outcome asked about: "怕会过敏", "用了会刺痛吗", not "用了过敏了". */
const WORRY = ['担心', '害怕', '怕', '顾虑'];
const MAY = /(会|可能|容易)$/;
const WHY = ['为什么', '为啥', '怎么'];
const QUESTION_END = /[吗嘛么呢?？]/;

/** The customer asks whether what they heard is true. */
const ASKS = ['吗', '?', '？', '是不是', '会不会', '真的假的', '是真的', '有没有'];

/** Another shop or brand: its problems are not this shop's case. */
const ELSEWHERE = [
	'别家',
	'别的牌子',
	'其他牌子',
	'别的品牌',
	'其他品牌',
	'某大牌',
	'某牌',
	'大牌',
	'别人家',
	'其他家',
	'别的店',
	'其他店',
	'其它牌子',
];

const PAST = ['以前', '之前', '去年', '曾经', '上次', '以往', '小时候', '前几年', '早些年', '当年'];

/** A past case told before asking about now: "…过敏过，现在…", "…差评，所以想问…". */
const NOW_CONTRAST = ['现在', '这次', '如今', '所以', '你们这', '你们家', '想问', '请问'];

/** Signs that a past case is still open: then it is this shop's case now. */
const STILL_OPEN = [
	'还没',
	'还是没',
	'没人',
	'一直',
	'到现在',
	'仍然',
	'依然',
	'又',
	'还不',
	'至今',
];

/** The customer's (or someone's) job, not a threat: "在法院上班", "我是律师". */
const WORK_AFTER = ['工作', '上班', '实习', '任职', '当差', '供职'];
const IDENTITY_BEFORE = ['我是', '本人是', '我们是', '她是', '他是', '我在', '她在', '他在'];

function clauseBounds(text: string, start: number, end: number): [number, number] {
	let from = start;
	while (from > 0 && !BOUNDARY.has(text[from - 1])) from--;
	let to = end;
	while (to < text.length && !BOUNDARY.has(text[to])) to++;
	return [from, to];
}

const containsAny = (text: string, words: readonly string[]) => words.some((w) => text.includes(w));

/** Where the last of the words starts in the text, or -1. */
function lastIndexOfAny(text: string, words: readonly string[]): number {
	let at = -1;
	for (const w of words) at = Math.max(at, text.lastIndexOf(w));
	return at;
}

/**
 * The context of the mention at [start, end) of the original message, or undefined when it is
 * the customer's own case now.
 */
export function clauseContext(
	message: string,
	start: number,
	end: number,
): ClauseContext | undefined {
	const [from, to] = clauseBounds(message, start, end);
	const before = message.slice(from, start).toLowerCase();
	const after = message.slice(end, to);

	const condition = lastIndexOfAny(before, HYPOTHETICAL);
	if (condition >= 0 && !before.slice(condition).includes('就')) return 'hypothetical';

	if (
		(containsAny(before, REPORTED) || reportedBy(before)) &&
		containsAny(message.slice(from), ASKS)
	)
		return 'reported';

	if (containsAny(before, WORRY)) return 'hypothetical';
	if (
		MAY.test(before) &&
		!containsAny(before, WHY) &&
		QUESTION_END.test(message.slice(end, to + 1))
	)
		return 'hypothetical';

	const sentenceBefore = message.slice(0, start);
	if (containsAny(before, ELSEWHERE) && !containsAny(message, STILL_OPEN)) return 'elsewhere';
	// 过 marks the experience: "过敏过", "投诉过", "给过差评", "打过一次差评".
	const experienced = after.startsWith('过') || /过(一次|一个|个|了)?$/.test(before);
	// "投诉过一个别的店": the other shop named after the experience.
	if (experienced && after.startsWith('过') && containsAny(after, ELSEWHERE)) return 'elsewhere';
	if (
		experienced &&
		containsAny(sentenceBefore, PAST) &&
		containsAny(message.slice(end), NOW_CONTRAST) &&
		!containsAny(message.slice(end), STILL_OPEN)
	)
		return 'elsewhere';

	if (WORK_AFTER.some((w) => after.startsWith(w) || after.slice(0, 3).includes(w)))
		return 'workplace';
	// "我是律师", "我是做律师的", "我老公是当律师的".
	const identity = before.replace(/(做|当|干)$/, '');
	if (
		IDENTITY_BEFORE.some((w) => identity.endsWith(w)) &&
		(after === '' || /^[的啊呀哦]/.test(after))
	)
		return 'workplace';
	return undefined;
}
