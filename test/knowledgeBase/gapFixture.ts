// A seeded set of unanswered DMs with known clusters, for the knowledge-base gap report: the
// questions a beauty brand's FAQ does not cover yet, each phrased many ways and decorated the
// way real DMs are (greetings, emoji, traditional characters, full-width letters, spaced-out
// text, a nickname, pinyin, the odd typo), plus one-off DMs that belong to no topic at all.
import type { GapDm } from '../../nodes/shared/knowledgeBase/gapClusters';
import { mulberry32 } from '../support/seededRandom';

export interface GapIntent {
	label: string;
	/** DMs generated per set; all different, so ranking by size is testable. */
	size: number;
	/** Words a keyword list for this intent should contain at least one of (normalised form). */
	expected: string[];
	templates: string[];
	/** [simplified, pinyin or abbreviation] a customer may type instead (normalize folds most back). */
	pinyin?: Array<[string, string]>;
	/** [right, wrong] homophone typos. */
	typos?: Array<[string, string]>;
}

export const GAP_INTENTS: GapIntent[] = [
	{
		label: 'invoice',
		size: 70,
		expected: ['发票', '开票', '抬头', '专票'],
		templates: [
			'能开发票吗',
			'发票怎么开',
			'可以开发票吗',
			'发票',
			'发票抬头怎么填',
			'我要开发票',
			'开票需要提供什么',
			'能开公司抬头的发票吗',
			'可以开专票吗',
			'开票',
			'电子发票在哪里下载',
			'发票什么时候发给我',
			'买了两瓶能一起开发票吗',
			'发票还没收到',
			'增值税发票能开吗',
			'下单的时候忘了填发票怎么办',
			'公司报销要发票可以开吗',
			'纸质发票可以寄吗',
			'发票抬头写错了能重开吗',
			'开个发票',
			'能开票不',
			'开票能开电子发票吗',
		],
		pinyin: [['发票', 'fapiao']],
		typos: [
			['发票', '发漂'],
			['抬头', '台头'],
		],
	},
	{
		label: 'pregnancy',
		size: 60,
		expected: ['孕妇', '哺乳', '孕期', '怀孕'],
		templates: [
			'孕妇能用吗',
			'孕妇可以用吗',
			'孕妇哺乳期能用吗',
			'哺乳期能用吗',
			'怀孕了可以用这个精华吗',
			'孕妇',
			'孕期能涂吗',
			'哺乳期可以用面霜吗',
			'孕期和哺乳期都能用吗',
			'备孕期间可以用吗',
			'我怀孕三个月了还能用吗',
			'孕妇禁用吗',
			'哺乳期',
			'怀孕能用你们家的面膜吗',
			'孕期用哪款比较安全',
			'怀孕和哺乳期可以用吗',
			'喂奶期间能用吗',
			'孕妇用了对宝宝有影响吗',
			'孕早期可以用防晒吗',
			'哺乳期妈妈能用吗',
		],
		typos: [['哺乳', '哺孺']],
	},
	{
		label: 'sensitive',
		size: 38,
		expected: ['敏感', '过敏', '敏感肌'],
		templates: [
			'敏感肌能用吗',
			'敏感肌可以用吗',
			'用了过敏怎么办',
			'敏感肌会过敏吗',
			'皮肤敏感可以用这个吗',
			'敏感肌',
			'脸上泛红刺痛是过敏吗',
			'用完脸痒是不是过敏了',
			'过敏了',
			'敏感肌用了过敏怎么办',
			'敏感皮适合哪款',
			'我皮肤很敏感会不会过敏',
			'擦了以后起红疹子是过敏吗',
			'敏感肌用会刺激吗',
			'过敏体质能用吗',
		],
		typos: [['过敏', '过民']],
	},
	{
		label: 'logistics',
		size: 34,
		expected: ['快递', '物流', '单号'],
		templates: [
			'快递到哪了',
			'物流一直不更新',
			'快递单号查不到',
			'我的快递怎么还没到',
			'物流',
			'快递到哪里了能帮我查下吗',
			'查一下物流',
			'单号查不到',
			'物流信息三天没动了',
			'物流单号是多少',
			'快递物流一直不更新',
			'单号',
			'快递显示签收了但我没收到',
			'物流卡住了',
			'能给我个快递单号吗',
			'快递停在中转站好几天了',
			'几天了物流还没更新',
			'快递到哪了物流也不动',
			'单号是多少',
		],
		pinyin: [
			['快递', 'kuaidi'],
			['物流', 'wuliu'],
			['单号', 'danhao'],
		],
		typos: [['物流', '物留']],
	},
	{
		label: 'samples',
		size: 28,
		expected: ['小样', '试用', '旅行装', '试用装'],
		templates: [
			'有没有小样',
			'能送小样吗',
			'有试用装吗',
			'小样怎么领',
			'有小样或者试用装吗',
			'小样',
			'可以先试用吗',
			'有旅行装吗',
			'试用装',
			'买正装送小样吗',
			'想先买个小样试试',
			'能不能寄点小样',
			'申请试用在哪里',
			'旅行装小样有吗',
			'试用小样怎么申请',
		],
		typos: [['小样', '小洋']],
	},
	{
		label: 'coupon',
		size: 22,
		expected: ['优惠券', '领券', '直播间', '直播', '优惠'],
		templates: [
			'直播间优惠券怎么领',
			'优惠券用不了',
			'领券入口在哪',
			'直播间的券怎么用',
			'直播间优惠券',
			'领券',
			'优惠券领了没法用',
			'直播间的满减券在哪领',
			'优惠券过期了能补吗',
			'刚才直播说的券在哪',
			'领了券下单没减',
			'直播间领券在哪',
			'直播间的优惠券领不了',
		],
		pinyin: [
			['优惠券', 'yhq'],
			['优惠券', 'youhuiquan'],
		],
	},
	{
		label: 'points',
		size: 18,
		expected: ['积分', '会员'],
		templates: [
			'会员积分怎么用',
			'积分能换什么',
			'积分兑换在哪',
			'积分',
			'会员积分在哪看',
			'会员等级怎么升',
			'积分可以抵现吗',
			'我的积分怎么清零了',
			'会员有什么福利',
			'积分什么时候过期',
			'会员积分怎么兑换',
		],
		typos: [['积分', '积份']],
	},
	{
		label: 'overseas',
		size: 14,
		expected: ['香港', '海外', '寄到', '国际'],
		templates: [
			'能寄到香港吗',
			'海外能发货吗',
			'香港',
			'可以寄到美国吗',
			'香港海外地址能寄吗',
			'台湾可以寄吗',
			'支持国际快递吗',
			'寄到新加坡要多久',
			'澳门能寄吗',
			'海外地址可以下单吗',
			'寄到日本运费多少',
		],
	},
	{
		label: 'male',
		size: 11,
		expected: ['男生', '男士', '男朋友', '老公'],
		templates: [
			'男生能用吗',
			'男生可以用吗',
			'男朋友可以用吗',
			'男生',
			'男士适合吗',
			'老公能用吗',
			'送男朋友合适吗',
			'男生油皮能用哪款',
		],
	},
	{
		label: 'compare',
		size: 8,
		expected: ['区别', '哪个'],
		templates: [
			'和XX款有什么区别',
			'区别是什么',
			'A款和B款哪个好',
			'新版和旧版有什么区别',
			'两款精华有啥区别',
			'哪个好有什么区别',
			'蓝瓶和白瓶哪个适合我',
			'区别',
			'和上一代比有什么区别',
		],
	},
	{
		label: 'shelf-life',
		size: 6,
		expected: ['保质期', '过期', '开封'],
		templates: [
			'保质期多久',
			'保质期',
			'开封后保质期多久',
			'开封后能用多久',
			'生产日期在哪看',
			'过期了还能用吗',
			'保质期到什么时候',
			'开封了放多久会坏',
			'保质期过期了还能用吗',
		],
		pinyin: [['保质期', 'baozhiqi']],
		typos: [['保质期', '保值期']],
	},
	{
		label: 'authenticity',
		size: 5,
		expected: ['正品', '防伪', '真假'],
		templates: [
			'是正品吗',
			'正品',
			'有防伪码吗',
			'正品有防伪码吗',
			'怎么查真伪',
			'防伪码扫不出来',
			'怎么辨别真假',
			'怎么查防伪辨别真假',
		],
	},
];

/** One DM each, about nothing any other DM asks. */
export const GAP_NOISE: string[] = [
	'你们店几点下班',
	'我昨天梦见你们的猫了',
	'这个颜色适合黄皮吗',
	'可以帮我写个文案吗',
	'你们招不招兼职',
	'我想做你们的代理',
	'面霜是不是涨价了',
	'求推荐一款口红色号',
	'你们老板是谁',
	'直接转人工',
	'我要投诉上次的客服态度',
	'包装盒压坏了',
	'瓶身可以刻字吗',
	'送礼能帮忙包装吗',
	'有线下实体店吗',
	'上海哪里有专柜',
	'能不能出个粉色款',
	'求合作我是美妆博主',
	'空瓶能回收吗',
	'是国货吗',
	'香味太浓了',
	'泵头按不出来',
	'买错色号了',
	'今天天气真好',
	'哈哈哈哈哈',
	'广告里的模特是谁',
	'想应聘客服',
	'有没有定制服务',
	'口红会沾杯吗',
	'外卖到了吗',
	'你们是做什么的',
	'帮我看看这张图',
	'为什么账号被封了',
	'抽奖结果什么时候公布',
	'面膜要敷多久',
	'精华和水的使用顺序',
	'夏天用会不会油',
	'你们家的猫叫什么名字',
	'可以用花呗分期吗',
	'包装上的英文是什么意思',
	'这个味道像橘子',
	'我想退订短信',
];

// Slang initialisms among them (bdjw 不懂就问, jms 姐妹们): normalize spells them out.
const GREETINGS = [
	'你好',
	'您好',
	'亲',
	'亲亲',
	'在吗',
	'在吗在吗',
	'请问',
	'你好请问',
	'哈喽',
	'hello',
	'bdjw',
	'jms',
];
// A nickname belongs to one customer, so it is built from parts and rarely repeats.
const NICK_HEADS = [
	'Lily',
	'小鹿',
	'阿May',
	'橙子',
	'Coco',
	'甜甜',
	'Vivi',
	'糖糖',
	'蘑菇',
	'Kiki',
	'阿琳',
	'小雨',
	'Momo',
	'桃子',
	'七七',
];
const NICK_TAILS = [
	'',
	'酱',
	'呀',
	'同学',
	'宝宝',
	'_97',
	'2008',
	'的猫',
	'不吃香菜',
	'ovo',
	'小姐',
	'今天也要开心',
];
const ENDINGS = ['？', '?', '??', '！', '。。。', '~', '～', '呀', '呢'];
const EMOJI = ['😭', '🙏', '✨', '😊', '🥺', '❤️', '🤔', '😂'];
const CLOSINGS = ['谢谢', '谢谢亲', '急', '在线等', '麻烦了', '辛苦了'];

/** Simplified → traditional, for the characters the templates use (normalize folds them back). */
const TRADITIONAL: Record<string, string> = {
	发: '發',
	开: '開',
	个: '個',
	吗: '嗎',
	么: '麼',
	请: '請',
	问: '問',
	妇: '婦',
	怀: '懷',
	过: '過',
	优: '優',
	领: '領',
	间: '間',
	会: '會',
	员: '員',
	积: '積',
	试: '試',
	样: '樣',
	装: '裝',
	区: '區',
	别: '別',
	质: '質',
	递: '遞',
	单: '單',
	号: '號',
	这: '這',
	们: '們',
	没: '沒',
	还: '還',
	为: '為',
	时: '時',
	湾: '灣',
	国: '國',
	际: '際',
	买: '買',
	说: '說',
	兑: '兌',
	换: '換',
	码: '碼',
	伪: '偽',
	产: '產',
	后: '後',
	级: '級',
	备: '備',
	从: '從',
	肤: '膚',
	脸: '臉',
	适: '適',
	红: '紅',
};

const pick = <T>(next: () => number, list: readonly T[]): T =>
	list[Math.floor(next() * list.length)];

/**
 * Phrasings follow a long tail, as in real traffic: template i is drawn with weight
 * 1 / (i + 1)^ZIPF, so each intent's first templates (its usual wording) are the most common.
 */
const ZIPF = 0.8;
function pickPhrasing(next: () => number, templates: readonly string[]): string {
	const weights = templates.map((_, i) => 1 / (i + 1) ** ZIPF);
	let r = next() * weights.reduce((a, b) => a + b, 0);
	for (let i = 0; i < templates.length; i++) {
		r -= weights[i];
		if (r < 0) return templates[i];
	}
	return templates[templates.length - 1];
}

const toFullWidth = (s: string) =>
	s.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** A template as a customer would type it. */
export function decorate(next: () => number, base: string, intent?: GapIntent): string {
	let text = base;
	if (intent?.pinyin && next() < 0.12) {
		const [from, to] = pick(next, intent.pinyin);
		text = text.replace(from, to);
	}
	if (next() < 0.06) {
		const typo = intent?.typos?.find(([right]) => text.includes(right));
		if (typo) text = text.replace(typo[0], typo[1]);
		else if (text.length > 4) {
			const at = 1 + Math.floor(next() * (text.length - 2));
			text = text.slice(0, at) + text.slice(at + 1);
		}
	}
	if (next() < 0.15) text = Array.from(text, (c) => TRADITIONAL[c] ?? c).join('');
	if (next() < 0.06) text = Array.from(text).join(' ');
	const roll = next();
	if (roll < 0.35) text = `${pick(next, GREETINGS)}${pick(next, ['，', ' ', '~', ''])}${text}`;
	else if (roll < 0.45) text = `我是${pick(next, NICK_HEADS)}${pick(next, NICK_TAILS)}，${text}`;
	if (next() < 0.6) text += pick(next, ENDINGS);
	if (next() < 0.3) text += pick(next, EMOJI);
	if (next() < 0.12) text += `${pick(next, ['，', ' ', ''])}${pick(next, CLOSINGS)}`;
	if (next() < 0.08) text = toFullWidth(text);
	return text;
}

/**
 * 356 DMs in a seeded order: every intent at its size, phrasings drawn from the long tail,
 * plus every noise DM once. labels[i] is the intent of dms[i], or `noise:k` (unique) for noise.
 * Some customers write twice, so conversationIds repeat.
 */
export function generateGapSet(seed: number): { dms: GapDm[]; labels: string[] } {
	const next = mulberry32(seed);
	const items: Array<{ text: string; label: string }> = [];
	for (const intent of GAP_INTENTS) {
		for (let i = 0; i < intent.size; i++)
			items.push({
				text: decorate(next, pickPhrasing(next, intent.templates), intent),
				label: intent.label,
			});
	}
	GAP_NOISE.forEach((text, k) => items.push({ text: decorate(next, text), label: `noise:${k}` }));
	for (let i = items.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[items[i], items[j]] = [items[j], items[i]];
	}
	const start = Date.UTC(2026, 10, 23, 1, 0, 0);
	let conversations = 0;
	const dms = items.map(({ text }, i): GapDm => {
		const conversation =
			conversations > 0 && next() < 0.15 ? Math.floor(next() * conversations) : conversations++;
		return {
			text,
			at: start + i * 97_000,
			conversationId: `xhs:c${seed}_${conversation}`,
			messageId: `m${seed}_${i}`,
			channel: 'xiaohongshu',
		};
	});
	return { dms, labels: items.map((item) => item.label) };
}
