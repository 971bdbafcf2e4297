/**
 * The words customers answer a satisfaction survey with, mapped onto the survey's 1–5 scale.
 *
 * Every key is written the way `normalize()` spells text (simplified, lower case, no spaces or
 * punctuation), because clauses are matched after normalisation: traditional 非常滿意 and
 * full-width ＧＯＯＤ reach these entries without entries of their own.
 *
 * Scale decisions (documented in csatAnswer.ts too):
 * - an intensified positive (很满意, 很好, 超赞, 完美, 好评, yyds) is 5, a plain or hedged one
 *   (满意, 不错, 挺好, 还不错) is 4: 好 on its own is an acknowledgement, not praise;
 * - neutral words (一般, 还行, 凑合, 还好, 还可以) are 3;
 * - hedged complaints (不太满意, 不怎么样, 有点失望, 不好) are 2;
 * - a plain or intensified complaint (不满意, 差评, 太差了, 垃圾) is 1, as the brief of the
 *   survey asks: a bare 不满意 in a DM is meant as the lowest answer.
 */
export type CsatScore = 1 | 2 | 3 | 4 | 5;

export interface PhraseEntry {
	/** null: the words are consumed but say nothing (不好意思 must not become 不好). */
	score: CsatScore | null;
	/**
	 * Only counts when what precedes it is filler (prefix tokens): single characters such as
	 * 差 and 赞 are parts of too many other words (色差, 出差, 点赞数).
	 */
	alone?: boolean;
	/** Already carries its own negation (不太满意), so no negation is looked for before it. */
	negated?: boolean;
}

/** [word, plain score, after an intensifier, after a hedge, plain form only when alone]; 0 = no such form. */
type Base = readonly [word: string, plain: number, strong: number, mild: number, alone?: boolean];

const STRONG = [
	'很',
	'非常',
	'特别',
	'超',
	'超级',
	'十分',
	'相当',
	'太',
	'真',
	'好',
	'贼',
	'巨',
	'极',
	'极其',
	'灰常',
	'真心',
	'无敌',
	'超级无敌',
];
const MILD_POSITIVE = [
	'挺',
	'比较',
	'蛮',
	'还',
	'还挺',
	'还算',
	'还蛮',
	'也挺',
	'还比较',
	'算是',
	'也算',
];
const MILD_NEGATIVE = [
	'有点',
	'有点儿',
	'有一点',
	'有些',
	'稍微',
	'略',
	'略微',
	'比较',
	'挺',
	'还是有点',
];

const CHINESE_POSITIVE: readonly Base[] = [
	['满意', 4, 5, 4],
	['不错', 4, 5, 4],
	['给力', 4, 5, 4],
	['好', 0, 5, 4],
	['棒', 5, 5, 4, true],
	['赞', 5, 5, 4, true],
	['牛', 5, 5, 4, true],
	['优秀', 5, 5, 4],
	['完美', 5, 5, 0],
	['可以', 0, 5, 4],
	['强', 0, 5, 0],
	['耐心', 0, 5, 4],
	['贴心', 0, 5, 4],
	['热情', 0, 5, 4],
	['专业', 0, 5, 4],
	['周到', 0, 5, 4],
	['靠谱', 0, 5, 4],
	['开心', 0, 5, 4],
	['愉快', 0, 5, 4],
];

const CHINESE_NEGATIVE: readonly Base[] = [
	['不满意', 1, 1, 2],
	['差', 1, 1, 2, true],
	['差劲', 1, 1, 2],
	['烂', 1, 1, 0, true],
	['糟糕', 1, 1, 2],
	['垃圾', 1, 1, 2],
	['失望', 2, 1, 2],
	['不好', 2, 1, 2],
	['敷衍', 2, 1, 2],
	['不耐烦', 2, 1, 2],
	['不专业', 2, 1, 2],
	// 很一般 is a polite complaint, 比较一般 stays neutral.
	['一般', 3, 2, 3],
];

const ENGLISH_STRONG = [
	'very',
	'so',
	'really',
	'super',
	'extremely',
	'totally',
	'absolutely',
	'truly',
];
const ENGLISH_MILD = ['pretty', 'quite', 'fairly'];

const ENGLISH: readonly Base[] = [
	['good', 4, 5, 4],
	['nice', 4, 5, 4],
	['satisfied', 4, 5, 4],
	['happy', 4, 5, 4],
	['helpful', 4, 5, 4],
	['great', 5, 5, 4],
	['excellent', 5, 5, 0],
	['perfect', 5, 5, 0],
	['awesome', 5, 5, 0],
	['amazing', 5, 5, 0],
	['wonderful', 5, 5, 0],
	['fantastic', 5, 5, 0],
	['bad', 1, 1, 2],
	['poor', 2, 1, 2],
	['terrible', 1, 1, 1],
	['awful', 1, 1, 1],
	['horrible', 1, 1, 1],
	['disappointed', 2, 1, 2],
	['dissatisfied', 1, 1, 2],
	['unsatisfied', 1, 1, 2],
	['unhappy', 2, 1, 2],
];

/** Pinyin typed without picking the IME candidate ("hen manyi"). */
const PINYIN: readonly Base[] = [
	['manyi', 4, 5, 4],
	['bucuo', 4, 5, 4],
];
const PINYIN_STRONG = ['hen', 'feichang', 'tebie', 'chao'];
const PINYIN_MILD = ['ting', 'bijiao', 'hai'];

/** Fixed phrases; they override generated forms (还好 is neutral, not "rather good"). */
const FIXED: ReadonlyArray<readonly [string, CsatScore | null, boolean?]> = [
	// Top marks.
	['好评', 5],
	['满分', 5],
	['一百分', 5],
	['无可挑剔', 5],
	['挑不出毛病', 5],
	['没得说', 5],
	['没的说', 5],
	['没话说', 5],
	['永远的神', 5],
	['爱了', 5],
	['点赞', 5],
	['赞赞', 5],
	['棒棒', 5],
	['棒棒哒', 5],
	['goodjob', 4],
	['nicejob', 4],
	['greatjob', 5],
	['loveit', 5],
	['thebest', 5],
	['haoping', 5],
	['wuxinghaoping', 5],
	// 4: litotes and "nothing to complain about".
	['没有不满意', 4, true],
	['没什么不满意', 4, true],
	['没啥不满意', 4, true],
	['不差', 4, true],
	['也不差', 4, true],
	['还不差', 4, true],
	['没毛病', 4, true],
	['notbad', 4, true],
	// 3: neutral.
	['还好', 3],
	['还可以', 3],
	['还算可以', 3],
	['也还可以', 3],
	['还行', 3],
	['也还行', 3],
	['还凑合', 3],
	['凑合', 3],
	['将就', 3],
	['还将就', 3],
	['马马虎虎', 3],
	['一般般', 3],
	['中评', 3],
	['中等', 3],
	['普通', 3],
	['及格', 3],
	['过得去', 3],
	['还过得去', 3],
	['说得过去', 3],
	['平平', 3],
	['中规中矩', 3],
	['不好不坏', 3, true],
	['不好也不坏', 3, true],
	['不算差', 3, true],
	['不算太差', 3, true],
	['不是不满意', 3, true],
	['就那样', 3],
	['也就那样', 3],
	['average', 3],
	['soso', 3],
	['meh', 3],
	['mediocre', 3],
	['justok', 3],
	['justokay', 3],
	['haixing', 3],
	['haikeyi', 3],
	['yibanban', 3],
	// Alone it is 一般; 一半 (half) is not an answer anyone sends to a survey.
	['yiban', 3],
	// 2: hedged complaints.
	['不太满意', 2, true],
	['不是很满意', 2, true],
	['不怎么满意', 2, true],
	['不大满意', 2, true],
	['不够满意', 2, true],
	['不是特别满意', 2, true],
	['不是太满意', 2, true],
	['没那么满意', 2, true],
	['不算满意', 2, true],
	['不太好', 2, true],
	['不是很好', 2, true],
	['不怎么好', 2, true],
	['没那么好', 2, true],
	['不够好', 2, true],
	['不太行', 2, true],
	['不怎么样', 2, true],
	['不咋样', 2, true],
	['不咋地', 2, true],
	['不理想', 2, true],
	['不太理想', 2, true],
	['不给力', 2, true],
	['不太给力', 2, true],
	['有待提高', 2],
	['有待改进', 2],
	['有待加强', 2],
	['较差', 2],
	['notgood', 2, true],
	['notgreat', 2, true],
	['notverygood', 2, true],
	['notsogood', 2, true],
	['notverysatisfied', 2, true],
	['notsatisfied', 1, true],
	// 1: bottom marks.
	['差评', 1],
	['负分', 1],
	['稀烂', 1],
	['bumanyi', 1, true],
	['chaping', 1],
	// "Not even one point": the lowest mark.
	...['一分', '1分', '一星', '1星'].flatMap((one) =>
		['都不想给', '都不给', '都不配', '都嫌多'].map((rest) => [one + rest, 1] as const),
	),
	// Words that contain a rating word without meaning one: consumed, no score.
	['不好意思', null],
	['不好说', null],
	['满意度', null],
	['好评返现', null],
	['差不多', null],
	['出差', null],
	['色差', null],
	['时差', null],
	['误差', null],
	['偏差', null],
	['落差', null],
	['温差', null],
	['差价', null],
	['差点', null],
	['差一点', null],
	['还差', null],
	['最好', null],
	['好像', null],
	['好几', null],
	['好多', null],
	['好久', null],
	['好不容易', null],
	['好不好', null],
	['满不满意', null],
	['一般来说', null],
	['可以的话', null],
	['马虎', null],
	// "Happy now?": sarcasm, and "OK OK OK" an acknowledgement.
	['满意了吧', null],
	// "满意是满意，就是…": a concession that introduces a complaint.
	['满意是满意', null],
	['好是好', null],
	['不错是不错', null],
	['好好好', null],
];

function addForms(
	map: Map<string, PhraseEntry>,
	bases: readonly Base[],
	strong: readonly string[],
	mildPositive: readonly string[],
	mildNegative: readonly string[],
): void {
	for (const [word, plain, high, mild, alone] of bases) {
		const positive = plain >= 4 || high >= 4;
		if (plain > 0) map.set(word, { score: plain as CsatScore, alone });
		// 好好 is "OK, OK", not "very good".
		if (high > 0)
			for (const m of strong)
				if (m + word !== '好好') map.set(m + word, { score: high as CsatScore });
		if (mild > 0)
			for (const m of positive ? mildPositive : mildNegative)
				map.set(m + word, { score: mild as CsatScore });
	}
}

function englishNegations(map: Map<string, PhraseEntry>): void {
	// "not good", "not very happy": a negated positive is a hedged complaint.
	for (const [word, plain] of ENGLISH) {
		if (plain < 4) continue;
		map.set('not' + word, { score: 2, negated: true });
		for (const m of ENGLISH_STRONG) map.set('not' + m + word, { score: 2, negated: true });
	}
}

function build(): Map<string, PhraseEntry> {
	const map = new Map<string, PhraseEntry>();
	addForms(map, CHINESE_POSITIVE, STRONG, MILD_POSITIVE, MILD_NEGATIVE);
	addForms(map, CHINESE_NEGATIVE, STRONG, MILD_POSITIVE, MILD_NEGATIVE);
	addForms(map, ENGLISH, ENGLISH_STRONG, ENGLISH_MILD, ENGLISH_MILD);
	addForms(map, PINYIN, PINYIN_STRONG, PINYIN_MILD, PINYIN_MILD);
	englishNegations(map);
	for (const [key, score, negated] of FIXED) map.set(key, { score: score ?? null, negated });
	return map;
}

export const PHRASES: ReadonlyMap<string, PhraseEntry> = build();
export const MAX_PHRASE = Math.max(...[...PHRASES.keys()].map((k) => k.length));
