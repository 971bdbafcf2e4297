import type { ClauseContext } from './clauseContext';

/**
 * Whether a keyword mention is meant: "不需要加急" and "没有要投诉的意思" negate it, and
 * "我朋友是律师" describes someone else; in both cases an urgency or complaint rule must not
 * fire. Cues are checked on the normalised text directly before the mention, so that filler
 * in between ("不需要特别加急") is allowed for a few characters only.
 */
const NEGATION_CUES = [
	'不需要',
	'不需',
	'不用',
	'不要',
	'无需',
	'无须',
	'没有要',
	'没要',
	'没有',
	'不想',
	'不必',
	'并不',
	'不是要',
	'不会',
	'别',
	'没',
	'不',
	'dont',
	'no',
	'not',
];

const THIRD_PARTY_CUES = [
	'朋友是',
	'家人是',
	'老公是',
	'老婆是',
	'同学是',
	'同事是',
	'妈妈是',
	'爸爸是',
	'亲戚是',
	'闺蜜是',
	'表姐是',
	'哥哥是',
	'姐姐是',
];

/** Characters that may stand between a negation and the mention ("不需要特别加急"). */
const MAX_FILLER = 2;
const FILLER = new Set([
	'着',
	'要',
	'再',
	'去',
	'特',
	'别',
	'太',
	'很',
	'那',
	'么',
	'的',
	'用',
	'想',
	'帮',
	'给',
	'我',
	'你',
]);

const CUES = [
	...NEGATION_CUES.map((c) => ({ cue: c, kind: 'negated' as const })),
	...THIRD_PARTY_CUES.map((c) => ({ cue: c, kind: 'third-party' as const })),
].sort((a, b) => b.cue.length - a.cue.length);

/** Words that end in a cue character without negating anything (特别急 is very urgent). */
const NOT_CUES = ['特别', '区别', '级别', '类别', '性别', '分别', '告别', '差别', '个别', '识别'];

export type MentionContext = 'plain' | 'negated' | 'third-party' | ClauseContext;

function endsWithWord(text: string, end: number, words: readonly string[]): boolean {
	return words.some((w) => end - w.length >= 0 && text.startsWith(w, end - w.length));
}

/**
 * What turns a negated mention into a demand: "不赔偿说不过去", "不退款不行", "不处理没完".
 * Read right after the mention, within a few characters.
 */
const DEMAND_AFTER = ['说不过去', '不行', '不可以', '不可能', '没完', '不罢休', '不算完', '不答应'];
const DEMAND_WITHIN = 4;

/** Whether a demand closer follows the mention ending at `end` (normalised text). */
export function demandAfter(text: string, end: number): boolean {
	const after = text.slice(end, end + DEMAND_WITHIN + 4);
	return DEMAND_AFTER.some((w) => {
		const at = after.indexOf(w);
		return at >= 0 && at <= DEMAND_WITHIN;
	});
}

export function mentionContext(text: string, start: number, mentionEnd = start): MentionContext {
	for (let skip = 0; skip <= MAX_FILLER; skip++) {
		const end = start - skip;
		if (end < 0) break;
		if (skip > 0 && !FILLER.has(text[end])) break;
		if (endsWithWord(text, end, NOT_CUES)) continue;
		for (const { cue, kind } of CUES) {
			const at = end - cue.length;
			if (at < 0 || !text.startsWith(cue, at)) continue;
			// "会不会过敏", "是不是假货", "有没有破损": an A-not-A question asks whether it may
			// be so; it negates nothing, and it is no case yet either.
			if (kind === 'negated' && isAskingBothWays(text, at)) return 'hypothetical';
			// "这事不赔偿说不过去": two negations make the demand.
			if (kind === 'negated' && mentionEnd > start && demandAfter(text, mentionEnd)) return 'plain';
			return kind;
		}
	}
	return 'plain';
}

/** 会不会, 是不是, 能不能, 有没有, 可不可(以): the same character on both sides of 不 / 没. */
function isAskingBothWays(text: string, cueAt: number): boolean {
	const neg = text[cueAt];
	if (neg !== '不' && neg !== '没') return false;
	return cueAt > 0 && cueAt + 1 < text.length && text[cueAt - 1] === text[cueAt + 1];
}
