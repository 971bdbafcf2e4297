/**
 * What customers say about themselves: where they are (我在上海, 坐标杭州), their gender (我是宝妈)
 * and their age (我今年25岁). Only self-descriptions count: 我朋友在上海, 给男朋友买 and
 * 30岁以上能用吗 say nothing about the customer. Texts arrive folded (see foldText in leadFolding.ts).
 */
// ---------------------------------------------------------------------------------------------
// Region
// ---------------------------------------------------------------------------------------------

/** The 34 provincial-level divisions, by their short names. */
export const PROVINCES = [
	'北京',
	'天津',
	'上海',
	'重庆',
	'河北',
	'山西',
	'辽宁',
	'吉林',
	'黑龙江',
	'江苏',
	'浙江',
	'安徽',
	'福建',
	'江西',
	'山东',
	'河南',
	'湖北',
	'湖南',
	'广东',
	'海南',
	'四川',
	'贵州',
	'云南',
	'陕西',
	'甘肃',
	'青海',
	'台湾',
	'内蒙古',
	'广西',
	'西藏',
	'宁夏',
	'新疆',
	'香港',
	'澳门',
];

/** Provincial capitals and other large cities, including Taiwan's. */
export const CITIES = [
	'广州',
	'深圳',
	'杭州',
	'南京',
	'成都',
	'武汉',
	'西安',
	'苏州',
	'长沙',
	'郑州',
	'青岛',
	'沈阳',
	'大连',
	'厦门',
	'宁波',
	'济南',
	'合肥',
	'福州',
	'昆明',
	'南宁',
	'贵阳',
	'南昌',
	'太原',
	'石家庄',
	'哈尔滨',
	'长春',
	'呼和浩特',
	'乌鲁木齐',
	'兰州',
	'西宁',
	'银川',
	'拉萨',
	'海口',
	'三亚',
	'无锡',
	'常州',
	'南通',
	'徐州',
	'扬州',
	'温州',
	'绍兴',
	'嘉兴',
	'金华',
	'台州',
	'湖州',
	'佛山',
	'东莞',
	'珠海',
	'中山',
	'惠州',
	'汕头',
	'江门',
	'湛江',
	'泉州',
	'漳州',
	'烟台',
	'潍坊',
	'临沂',
	'淄博',
	'济宁',
	'洛阳',
	'宜昌',
	'襄阳',
	'株洲',
	'岳阳',
	'常德',
	'衡阳',
	'绵阳',
	'南充',
	'宜宾',
	'遵义',
	'桂林',
	'柳州',
	'北海',
	'保定',
	'唐山',
	'廊坊',
	'邯郸',
	'秦皇岛',
	'大同',
	'包头',
	'鄂尔多斯',
	'大庆',
	'鞍山',
	'芜湖',
	'赣州',
	'九江',
	'泰州',
	'盐城',
	'连云港',
	'镇江',
	'台北',
	'高雄',
	'台中',
	'新竹',
];

/** Longest names first, so that an alternation never stops at a shorter prefix. */
const PLACE = [...new Set([...PROVINCES, ...CITIES])].sort((a, b) => b.length - a.length).join('|');

/** After a place: this is a street, a TV channel, a warehouse, somebody else — not where they are. */
const NOT_SELF_AFTER = '(?!发货|发|寄|仓|路|街|大道|卫视|时间|的?(?:朋友|同事|亲戚|家人|店|仓))';

const CJK = '\\u4e00-\\u9fff';

/**
 * Phrases in which the customer places themselves. Each captures the place in group 1. Third
 * parties ("我朋友在上海", "我老公在深圳工作") fail because the phrase must start with 我 / 本人 /
 * a bare 人 / a clause boundary right before the location verb; questions about shipping
 * ("上海发货吗", "寄到北京要几天") match none of them.
 */
const SELF_LOCATION: RegExp[] = [
	// 我在上海 / 人在北京 / 我现在在深圳 / 我住杭州 / 本人定居成都 / 我来自四川
	new RegExp(
		`(?:我|本人|(?<![${CJK}])人)(?:现在|目前|一直|平时|常年|暂时)?人?(?:在|住在|住|定居在?|坐标|位于|来自)(${PLACE})${NOT_SELF_AFTER}`,
	),
	// 坐标杭州 / base深圳 / 定位：厦门 / 📍成都 / 来自四川 (at a clause start: "我朋友来自…" stays out)
	new RegExp(`(?:坐标|定位|base|📍|(?:^|[^${CJK}])来自)\\s*:?\\s*(${PLACE})${NOT_SELF_AFTER}`, 'i'),
	// 我这边是成都 / 我们这里在西安
	new RegExp(`我们?(?:这边|这里|这儿|那边)(?:是|在)?(${PLACE})${NOT_SELF_AFTER}`),
	// 我是广东的 / 我是上海人 / 本人上海人
	new RegExp(`(?:我|本人)(?:是|系)(${PLACE})(?:市|省)?(?:的|人|本地人)`),
	new RegExp(`(?:我|本人)(${PLACE})(?:市|省)?人`),
	// 在深圳工作 (only at a clause start or after 我/本人, so "我老公在深圳工作" stays out)
	new RegExp(
		`(?:^|[^${CJK}]|我|本人|目前|现在)在(${PLACE})(?:市|省)?(?:工作|上班|上学|读书|读大学|生活|定居)`,
	),
	// 收货地址是南京 / 我的地址：上海市…
	new RegExp(`(?:收货地址|收件地址|我的?地址)(?:是|在|为)?[\\s:]*(${PLACE})`),
];

/**
 * "广东深圳", "江苏省南京市": when a city follows the province, the city is the better lead.
 * Not when the "city" is a street name ("上海南京路", "南京东路" exists in Shanghai).
 */
const CITY_AFTER_PROVINCE = new RegExp(
	`^(?:省|自治区)?(${CITIES.join('|')})(?!路|街|大道|[东西南北中]路)`,
);

export function findRegion(t: string): string | undefined {
	let best: { index: number; place: string; placeEnd: number } | undefined;
	for (const re of SELF_LOCATION) {
		const m = re.exec(t);
		if (m && (best === undefined || m.index < best.index)) {
			best = { index: m.index, place: m[1], placeEnd: m.index + m[0].indexOf(m[1]) + m[1].length };
		}
	}
	if (!best) return undefined;
	const city = PROVINCES.includes(best.place)
		? CITY_AFTER_PROVINCE.exec(t.slice(best.placeEnd))
		: null;
	return city ? city[1] : best.place;
}

// ---------------------------------------------------------------------------------------------
// Gender and age
// ---------------------------------------------------------------------------------------------

/** 我 / 本人 / 作为 / 身为, optionally with 是 and a measure word. */
const SELF = '(?:我|本人|作为|身为)(?:也)?(?:是)?(?:一个|一名|一枚|个)?';
/** Same, with 是 required: "我爸爸" is someone else, "我是爸爸" is not. */
const SELF_IS = '(?:(?:我|本人)也?是|作为|身为)(?:一个|一名|一枚|个)?';

const GENDER_RULES: { gender: 'male' | 'female'; re: RegExp }[] = [
	{ gender: 'male', re: new RegExp(`${SELF}(?:男生|男的|男孩子?|男性)(?![朋友])`) },
	{ gender: 'male', re: new RegExp(`${SELF_IS}(?:男人|大男人|男士|宝爸|奶爸|爸爸|新手爸爸)`) },
	{
		gender: 'male',
		re: /本人男(?![朋友儿婿装款式性神士票人])|男生一枚|宝爸一枚|(?:新手|二胎|三胎)(?:宝爸|爸爸)/,
	},
	{ gender: 'female', re: new RegExp(`${SELF}(?:女生|女的|女孩子?|女性)(?![朋友])`) },
	{
		gender: 'female',
		re: new RegExp(`${SELF_IS}(?:女人|女士|宝妈|妈妈|准妈妈|孕妈|孕妇|小姐姐|小仙女)`),
	},
	{
		gender: 'female',
		re: /本人女(?![朋友儿婿装款式性神士票人])|女生一枚|宝妈一枚|(?:新手|二胎|三胎|全职)(?:宝妈|妈妈)/,
	},
	{ gender: 'female', re: /(?:我|本人)(?:现在|目前)?(?:怀孕|在孕期|孕期|在哺乳期|哺乳期|是孕期)/ },
	{ gender: 'female', re: /(?:小姐姐|小仙女)一枚/ },
];

export function findGender(t: string): 'male' | 'female' | undefined {
	const said = new Set(GENDER_RULES.filter((r) => r.re.test(t)).map((r) => r.gender));
	return said.size === 1 ? [...said][0] : undefined; // both said: someone else is in the sentence
}

/** After an age: a range or a duration, not "this is my age" ("30岁以上", "25岁左右"). */
const NOT_AN_AGE_AFTER = '(?!以上|以下|左右|之前|之后|以后|以前|多|\\+)';

/** Someone else the DM talks about: a subject-less "今年30岁" after this may be theirs. */
const OTHER_PERSON =
	/儿子|女儿|宝宝|孩子|小孩|老公|老婆|男朋友|女朋友|男友|女友|妈|爸|朋友|闺蜜|同事|姐姐|妹妹|哥哥|弟弟|婆婆|奶奶|爷爷|他|她/;

const AGE_RULES: { re: RegExp; subjectless?: boolean }[] = [
	// 我今年25岁 / 我25了 / 我都30了 / 本人28岁 / 本人女，28岁
	{
		re: new RegExp(
			`(?:我|本人)(?:男|女)?[,\\s]?(?:今年|已经|都|才|也|现在)?(?:已经|都|才)?(\\d{1,2})(?:周?岁|了)${NOT_AN_AGE_AFTER}`,
		),
	},
	// 我今年25 / 本人28 (no unit: only straight after 今年 / 本人, and not a date or a weight)
	{
		re: new RegExp(
			`(?:我今年|本人今年|本人(?:男|女)?[,\\s]?)(\\d{1,2})(?![\\d号月日年点.:kgcm斤岁了])`,
			'i',
		),
	},
	// 我才18，能用吗 / 我都30啦 (no unit: only where the number ends the clause)
	{ re: /我(?:才|都|已经)(\d{1,2})(?=$|[,.!?~\s。！？～…]|[啦呀哦啊呢])/ },
	// 25岁的我
	{ re: /(\d{1,2})周?岁的我/ },
	// 我的年龄是25
	{ re: /(?:我的?|本人)年龄(?:是|:)?\s*(\d{1,2})(?!\d)/ },
	// "我在上海，今年25岁": a clause with no subject is about the writer, unless someone else
	// was mentioned before it ("我女儿，今年15岁").
	{
		re: new RegExp(`(?:^|[^${CJK}])今年(\\d{1,2})(?:周?岁|了)${NOT_AN_AGE_AFTER}`),
		subjectless: true,
	},
];

/** Ages outside this range are more likely something else (a count, a size). */
const PLAUSIBLE_AGE = { min: 12, max: 80 };

export function findAge(t: string): number | undefined {
	for (const { re, subjectless } of AGE_RULES) {
		const m = re.exec(t);
		if (!m || (subjectless && OTHER_PERSON.test(t.slice(0, m.index)))) continue;
		const age = Number(m[1]);
		if (age >= PLAUSIBLE_AGE.min && age <= PLAUSIBLE_AGE.max) return age;
	}
	return undefined;
}
