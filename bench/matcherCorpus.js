// Deterministic corpus for bench/matcher.js: customer DMs to a beauty brand on Xiaohongshu
// (simplified and traditional Chinese, emoji, full-width forms, spaced-out words, English
// mixed in, 10–60 UTF-16 units) and rule keyword sets that contain the real support keywords
// plus generated 2–6 character CJK words and English words, as a large shop's rules would.
'use strict';

/** mulberry32: same corpus on every run and machine. */
function rng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const PRODUCTS = [
	'玻尿酸精华',
	'烟酰胺面霜',
	'氨基酸洁面',
	'防晒喷雾',
	'修护精华水',
	'小棕瓶',
	'神仙水',
	'雾面口红',
	'粉底液',
	'眼霜',
	'卸妆油',
	'面膜',
	'精華液',
	'保濕噴霧',
	'serum',
	'lip tint',
];
const NICKS = [
	'小仙女',
	'甜甜圈',
	'momo',
	'阿狸酱',
	'Lily',
	'奶茶不加糖',
	'桃子🍑',
	'一只猫',
	'Coco酱',
	'晴天',
];
const EMOJI = ['😊', '🙏', '😭', '❤️', '👍', '😂', '🥺', '✨', '😡', '🤔'];
const TEMPLATES = [
	'{nick}：请问{product}多少钱？',
	'{product}价格能便宜点吗{emoji}',
	'敏感肌可以用{product}吗',
	'{product}的成分表有吗，孕妇能用吗',
	'保质期到什么时候呀{emoji}',
	'什么时候发货啊，等好久了{emoji}',
	'我要退款！！{product}用了过敏',
	'再不处理我就投诉了{emoji}{emoji}',
	'急单！今天能发货吗？',
	'hi, how much is the {product}? price pls',
	'Refund please, order {num}',
	'請問{product}多少錢？',
	'什麼時候發貨{emoji}',
	'我要退款，不然投訴',
	'保質期多久？敏感肌能用嗎',
	'多 少 钱 啊',
	'退 款 ！',
	'发 货 了 吗',
	'ＰＲＩＣＥ是多少？订单号１２３４５',
	'在吗在吗{emoji}',
	'包邮吗？有赠品吗',
	'物流一直不动，快递单号{num}',
	'是正品吗？有没有优惠券',
	'色号推荐一下，黄皮',
	'{product}怎么用呀，早晚都可以吗',
	'谢谢亲{emoji}',
	'好的，我再看看',
	'哈哈哈哈哈哈',
	'Do you ship to HK? shipping fee?',
	'收到了，包装破损了😭要换货',
];
const FILLERS = [
	'亲',
	'你好',
	'在吗',
	'麻烦了',
	'谢谢',
	'急',
	'！！',
	'～',
	'。',
	'，',
	' ',
	'哈哈',
];
/** Frequent Chinese characters, so generated keywords look like words and sometimes occur. */
const COMMON =
	'的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湖激';
const ENGLISH = [
	'price',
	'refund',
	'shipping',
	'discount',
	'order',
	'sensitive',
	'skin',
	'serum',
	'cream',
	'toner',
	'delivery',
	'return',
	'coupon',
	'authentic',
	'allergy',
	'how much',
	'expired',
	'lipstick',
	'sunscreen',
	'cleanser',
	'tracking',
	'package',
	'broken',
	'exchange',
	'invoice',
];
const SYLLABLES = [
	'ka',
	'mi',
	'ro',
	'la',
	'ne',
	'su',
	'to',
	'vi',
	'an',
	'el',
	'or',
	'is',
	'qu',
	'ze',
	'bo',
	'ly',
];
/** The rules a real shop starts with; they go first in every keyword set. */
const REAL = [
	'价格',
	'多少钱',
	'成分',
	'保质期',
	'敏感肌',
	'发货',
	'退款',
	'投诉',
	'急单',
	'退货',
	'换货',
	'物流',
	'快递',
	'优惠',
	'包邮',
	'正品',
	'过敏',
	'色号',
	'孕妇',
	'赠品',
	'怎么用',
	'價格',
	'多少錢',
	'發貨',
	'投訴',
	'保質期',
	'price',
	'refund',
	'how much',
	'shipping',
	...PRODUCTS,
	'什么时候',
	'订单号',
	'单号',
	'包装破损',
	'优惠券',
	'便宜',
	'在吗',
	'黄皮',
	'能用吗',
	'有货吗',
	'破损',
	'不动',
];

function pickFrom(next, list) {
	return list[Math.floor(next() * list.length)];
}

/** Cuts at a code-point boundary so no DM ends in half a surrogate pair. */
function clip(text, max) {
	if (text.length <= max) return text;
	const code = text.charCodeAt(max - 1);
	return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

function makeCorpus(count, seed = 1) {
	const next = rng(seed);
	const fill = (template) =>
		template
			.replace(/\{product\}/g, () => pickFrom(next, PRODUCTS))
			.replace(/\{nick\}/g, () => pickFrom(next, NICKS))
			.replace(/\{emoji\}/g, () => pickFrom(next, EMOJI))
			.replace(/\{num\}/g, () => String(Math.floor(next() * 1e8)));
	const dms = [];
	while (dms.length < count) {
		const target = 10 + Math.floor(next() * 51);
		let dm = fill(pickFrom(next, TEMPLATES));
		while (dm.length < target)
			dm += next() < 0.3 ? pickFrom(next, FILLERS) : fill(pickFrom(next, TEMPLATES));
		dms.push(clip(dm, target));
	}
	return { dms, chars: dms.map((dm) => dm.length) };
}

/** REAL first, then unique generated words: 5% English-like, 0.3% cut (3–7 long) from the DM
 *  templates so larger sets also hit more, the rest 2–6 common CJK characters (mostly 2–3);
 *  plus a few duplicates, as when two rules both react to 退款. */
function makeKeywords(count, seed = 2) {
	const next = rng(seed);
	const domain = TEMPLATES.join('').replace(/[^\u4e00-\u9fff]/g, '');
	const seen = new Set(REAL);
	const keywords = [...REAL];
	const duplicates = REAL.slice(0, 5);
	while (keywords.length < count - duplicates.length) {
		let word = '';
		const roll = next();
		const length = 2 + Math.floor(next() * next() * 5);
		if (roll < 0.05) {
			word = next() < 0.3 ? pickFrom(next, ENGLISH) : '';
			while (word.length < 4 + length) word += pickFrom(next, SYLLABLES);
		} else if (roll < 0.053) {
			const start = Math.floor(next() * (domain.length - length - 1));
			word = domain.slice(start, start + length + 1);
		} else {
			for (let i = 0; i < length; i++) word += pickFrom(next, COMMON);
		}
		if (seen.has(word)) continue;
		seen.add(word);
		keywords.push(word);
	}
	// Sizes are prefixes of one list, so the 1k rules are also in the 10k and 100k sets.
	return [...keywords.slice(0, 995), ...duplicates, ...keywords.slice(995)].slice(0, count);
}

module.exports = { makeCorpus, makeKeywords, rng };
