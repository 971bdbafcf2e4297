/**
 * Lead extraction from Chinese customer DMs: mobile numbers, WeChat ids, e-mail addresses and
 * what customers say about themselves (where they are, gender, age).
 *
 * Precision comes before recall: a wrong phone number in a CRM costs a sales call and trust,
 * a missed one costs a follow-up question. Every rule below therefore wants positive evidence
 * (a shape AND a plausible context) and gives up when the text is ambiguous.
 *
 * Pure TypeScript, no dependencies. All matching runs on a folded copy of the text in which
 * every character keeps its position (full-width → ASCII, a few traditional characters →
 * simplified, odd spaces → ' '), so the spans found can be used on the original text:
 * maskLeads relies on that.
 */

import { findAge, findGender, findRegion } from './selfDescription';

export interface Leads {
	/** Mainland mobile numbers, normalised to 11 digits ("13812345678"). */
	phones: string[];
	/** WeChat ids as written (case kept); a phone given as the WeChat id is also in `phones`. */
	wechatIds: string[];
	/** E-mail addresses, lower-cased. */
	emails: string[];
	/** Province or city the customer says they are in, simplified, without 市/省. */
	region?: string;
	/** Only when the customer says it of themselves. */
	gender?: 'male' | 'female';
	/** Only an exact age the customer gives for themselves. */
	age?: number;
}

/** Where a phone or WeChat id sits in the original text (UTF-16 offsets, end exclusive). */
export interface LeadSpan {
	kind: 'phone' | 'wechat';
	start: number;
	end: number;
	/** The normalised value: 11 digits for a phone, the id for WeChat. */
	value: string;
}

// ---------------------------------------------------------------------------------------------
// Folding
// ---------------------------------------------------------------------------------------------

/**
 * Traditional → simplified for the characters the rules below look at (place names and the
 * cue words around them). Each pair: traditional, simplified. Only one-to-one BMP characters, so
 * folding never changes the length of the text.
 */
const TRADITIONAL_PAIRS = [
	'臺台 灣湾 廣广 東东 蘇苏 門门 慶庆 瀋沈 陽阳 漢汉 島岛 連连 莊庄 爾尔 齊齐 寧宁 薩萨 貴贵 雲云 陝陕 蘭兰 遼辽 龍龙 濱滨',
	'長长 鄭郑 華华 紹绍 興兴 區区 為为 這这 邊边 標标 貨货 發发 現现 說说 個个 媽妈 們们 嗎吗 麼么 號号 電电 話话 歲岁 齡龄',
	'裡里 裏里 從从 來来 對对 會会 離离 學学 讀读 書书 婦妇 給给 買买 過过 還还 親亲 時时 間间 營营 業业 師师 無无 錫锡 揚扬',
	'溫温 臨临 濰潍 寶宝 雞鸡 綿绵 義义 頭头 內内 肅肃 豐丰 陸陆 圍围 鬱郁 贛赣 澤泽 歡欢 隻只 懷怀 產产 兒儿 孫孙 爺爷 帶带',
	'網网 絡络 聯联 繫系 碼码 單单 遞递 運运 編编 員员 帳账 戶户 訂订 購购 價价 錢钱 塊块 圓圆 萬万 億亿 廈厦 濟济 鎮镇 鹽盐',
	'蕪芜 鄲郸 烏乌 魯鲁 銀银 賓宾 煙烟 亞亚 賬账 綠绿 衛卫 樣样 點点 機机',
].join(' ');

const TRADITIONAL = new Map<number, number>(
	TRADITIONAL_PAIRS.split(' ').map((pair) => [pair.charCodeAt(0), pair.charCodeAt(1)]),
);

/** One UTF-16 unit in, one out: width, dashes, spaces and the traditional characters above. */
function foldUnit(c: number): number {
	if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0; // full-width ASCII: １３８ ＋ ： ＠
	if (c === 0x3000 || c === 0x00a0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0xfeff)
		return 0x20;
	if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe63) return 0x2d; // ‐ – — − ﹣
	return TRADITIONAL.get(c) ?? c;
}

/** The text every rule matches against; same length as the input, offsets carry over. */
export function foldText(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldUnit(text.charCodeAt(i)));
	return out;
}

// ---------------------------------------------------------------------------------------------
// Phones
// ---------------------------------------------------------------------------------------------

/**
 * A mainland mobile number: 1[3-9]x then 8 digits, written as one run or as 3-4-4 groups with a
 * space or hyphen, optionally after a country code (+86, 0086, (+86), or a bare 86 that is set
 * off by a separator: a bare "8613812345678" is as likely an order number as a phone).
 */
const PHONE_CANDIDATE = /(?:\(?(?:\+|00)86\)?[ -]?|86[ -])?(1[3-9]\d)([ -]?)(\d{4})([ -]?)(\d{4})/g;

interface PhoneCandidate {
	/** Start of the whole match, country code included. */
	start: number;
	/** Start of the 11-digit number itself (what gets masked). */
	numberStart: number;
	end: number;
	digits: string;
	/** Written in groups ("138 1234 5678"), not as one run. */
	grouped: boolean;
	/**
	 * lead: the customer's phone. other-party: a phone, but someone else's (courier, the shop):
	 * not a lead, still masked. not-a-phone: an order number, amount, id… left alone.
	 */
	verdict: 'lead' | 'other-party' | 'not-a-phone';
}

/** Latin words that may stand right before a number that is a phone ("vx13812345678", "Tel"). */
const PHONE_LETTER_CUES = new Set([
	'v',
	'vx',
	'wx',
	'weixin',
	'wechat',
	'tel',
	'phone',
	'mobile',
	'call',
	'dh',
	'sj',
]);

/**
 * Words after which a number is some identifier, not a phone: order, tracking, coupon and
 * account numbers, QQ numbers (often 11 digits starting with 1). 号码 is deliberately absent:
 * 手机号码 / 电话号码 introduce phones.
 */
const ID_CUE_BEFORE =
	/(?:订单|单号?|快递|物流|运单|包裹|编号|序号|券码|优惠码|兑换码|取件码|验证码|激活码|邀请码|卡号?|账号|帐号|账户|id|qq|扣扣|工号|会员号?|流水号?|交易号?|批号|批次|型号|货号|sku|价格?|金额|总价|¥|￥|\$)[\s:#号是为]*$/i;

/**
 * Whose contact it is: "快递员电话 138…", "你们客服微信 …", "138…是你们客服吗" are numbers the
 * customer quotes back at us, not leads. Matched against the text right before the number (or
 * the WeChat cue) and right after the number or id.
 */
const OTHER_PARTY =
	'(?:你们|你家|贵店|客服|商家|卖家|店家|店铺|官方|博主|主播|快递员|快递小哥|骑手|配送员|司机|师傅)';
const OTHER_PARTY_BEFORE = new RegExp(
	`${OTHER_PARTY}的?\\s*(?:电话|手机|手机号|号码|联系方式|微信|vx|v信)?(?:号码?)?[\\s:是为]*$`,
	'i',
);
const OTHER_PARTY_AFTER = new RegExp(`^\\s*(?:是不是|是|为)?${OTHER_PARTY}`);

/** Units after a number that make it an amount. */
const MONEY_AFTER = /^\s*(?:元|块|圆|rmb|万|亿|%)/i;

/** Characters that, right before a number, mean it belongs to something else (@mention, URL, +1…). */
const BAD_CHAR_BEFORE = new Set(['_', '/', '=', '@', '#', '&', '%', '$', '¥', '￥', '+', '.', '*']);

function isDigit(ch: string | undefined): boolean {
	return ch !== undefined && ch >= '0' && ch <= '9';
}

function isLatinLetter(ch: string | undefined): boolean {
	return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
}

/** The run of Latin letters that ends right before `index`, lower-cased. */
function lettersBefore(t: string, index: number): string {
	let i = index;
	while (i > 0 && isLatinLetter(t[i - 1])) i--;
	return t.slice(i, index).toLowerCase();
}

/** Is the text before the number compatible with a phone (anybody's)? */
function phoneContextBeforeOk(t: string, c: PhoneCandidate): boolean {
	const prev = t[c.start - 1];
	if (isDigit(prev)) return false; // inside a longer digit run: order number, timestamp
	if (prev !== undefined && BAD_CHAR_BEFORE.has(prev)) return false;
	// A letter right before: fine for "vx13812345678", not for "SF13812345678" (tracking).
	if (isLatinLetter(prev) && !PHONE_LETTER_CUES.has(lettersBefore(t, c.start))) return false;
	// "2024-138…", "3.138…", and for grouped numbers "6222 138 1234 5678": part of a longer number.
	const sepBefore = c.grouped ? /\d[ .-]$/ : /\d[.-]$/;
	if (sepBefore.test(t.slice(Math.max(0, c.start - 2), c.start))) return false;
	return !ID_CUE_BEFORE.test(t.slice(Math.max(0, c.start - 12), c.start));
}

/** Is the text after the number compatible with a phone (anybody's)? */
function phoneContextAfterOk(t: string, c: PhoneCandidate): boolean {
	const next = t[c.end];
	if (isDigit(next) || isLatinLetter(next) || next === '_' || next === '@') return false; // longer run, id, QQ mail
	const after = t.slice(c.end, c.end + 6);
	if (/^[.-]\d/.test(after)) return false; // decimal, extension, "138…-01" order suffix
	// More groups follow ("6217 138 1234 5678 90"): a card number. A lone digit is fine: "… 5678 9号前".
	if (c.grouped && /^ \d{2}/.test(after)) return false;
	return !MONEY_AFTER.test(after);
}

/** "13800000000", "13888888888": placeholders people type to skip a form field. */
function isPlaceholder(digits: string): boolean {
	return /^\d{3}(\d)\1{7}$/.test(digits);
}

/** Does the text around a phone say whose it is, and that it is not the customer's? */
function isOtherPartys(t: string, start: number, end: number): boolean {
	return (
		OTHER_PARTY_BEFORE.test(t.slice(Math.max(0, start - 12), start)) ||
		OTHER_PARTY_AFTER.test(t.slice(end, end + 8))
	);
}

function phoneVerdict(t: string, c: PhoneCandidate): PhoneCandidate['verdict'] {
	if (!phoneContextBeforeOk(t, c) || !phoneContextAfterOk(t, c) || isPlaceholder(c.digits))
		return 'not-a-phone';
	return isOtherPartys(t, c.start, c.end) ? 'other-party' : 'lead';
}

/**
 * Every phone-shaped number in the folded text, with its verdict. All are kept: maskLeads
 * masks other parties' phones, and any candidate whose digits equal a lead found elsewhere in
 * the same text.
 */
function phoneCandidates(t: string): PhoneCandidate[] {
	const found: PhoneCandidate[] = [];
	const re = new RegExp(PHONE_CANDIDATE.source, 'g');
	for (let m = re.exec(t); m !== null; m = re.exec(t)) {
		const number = m[1] + m[2] + m[3] + m[4] + m[5];
		const c: PhoneCandidate = {
			start: m.index,
			numberStart: m.index + m[0].length - number.length,
			end: m.index + m[0].length,
			digits: m[1] + m[3] + m[5],
			grouped: m[2] !== '' || m[4] !== '',
			verdict: 'not-a-phone',
		};
		c.verdict = phoneVerdict(t, c);
		found.push(c);
		// A rejected candidate may hide a real one starting inside it ("+86 1…" read from the
		// 8 of a longer run): resume one character later rather than after it.
		if (c.verdict === 'not-a-phone') re.lastIndex = m.index + 1;
	}
	return found;
}

// ---------------------------------------------------------------------------------------------
// WeChat ids
// ---------------------------------------------------------------------------------------------

/**
 * What introduces a WeChat id. Latin cues must stand alone (not inside a word) and must not be
 * glued to letters ("vxiaoyu" could be "vx iaoyu" or "v xiaoyu": skip it); a bare v only counts
 * after 加 / 加我 or before a colon. Homophones (威信, 薇信, 卫星, 绿泡泡) are how people dodge
 * the platform's filters.
 */
const WECHAT_CUE =
	/(?:微信号?码?|v信号?|威信号?|薇信号?|卫星号?|绿泡泡|(?<![a-z0-9_])(?:vx|wx|weixin|wechat)(?![a-z])号?|(?<=加我?)v(?![a-z])|(?<![a-z0-9_])v(?=\s*:))/gi;

/** Between the cue and the id: "：", "是", "号是", "搜", spaces. */
const AFTER_CUE = /(?:号码?)?[\s:]*(?:(?:是|为|搜索?|加)[\s:]*)?/y;

/** A WeChat id: 6–20 characters, starting with a letter; must not run on into more id or mail. */
const WECHAT_ID = /[a-z][a-z0-9_-]{5,19}(?![a-z0-9_@-])(?!\.[a-z0-9])/iy;

/** Original ids (wxid_…) are unmistakable, with or without a cue. */
const WXID = /(?<![a-z0-9_])wxid_[a-z0-9]{6,24}(?![a-z0-9_@-])/gi;

/** English words that may follow a cue in a sentence ("微信 please", "vx account") and are no id. */
const NOT_AN_ID = new Set([
	'please',
	'thanks',
	'thank',
	'hello',
	'account',
	'number',
	'payment',
	'friend',
	'friends',
	'message',
	'group',
	'later',
	'sorry',
	'okay',
	'online',
	'offline',
	'contact',
	'official',
	'search',
	'scan',
]);

/** Words that follow 微信 in a sentence and have an id's shape: "我用微信 iPhone15 扫不了码". */
const DEVICE_WORD =
	/^(?:iphone|ipad|android|harmonyos|huawei|xiaomi|redmi|honor|windows|macbook)_?\d*$/i;

/** "微信同号", "vx同手机号", "电话就是微信", "手机和微信一样", "同v": the phone is the WeChat id. */
const SAME_AS_PHONE = [
	/(?:微信|v信|vx|wx|威信|薇信|卫星|绿泡泡|(?<![a-z])v)号?\s*(?:也|就)?\s*(?:同号|同手机号?码?|同电话号?码?|同上|是(?:手机号码?|电话号?码?|这个号码?))/i,
	/(?:手机|电话)(?:号码?)?\s*(?:也|就)?(?:是|即|=|同)\s*(?:微信|vx|v信|(?<![a-z])v(?![a-z]))/i,
	/(?:手机|电话)(?:号码?)?(?:和|跟|与)(?:微信|vx|v)号?(?:一样|相同|同号)/i,
	/(?<!不)同(?:微信|vx|v信|v(?![a-z]))/i, // not 不同微信
];

interface WeChatHit {
	start: number;
	end: number;
	value: string;
	/** The id is a phone number: its span is already a phone span. */
	isPhone: boolean;
	/** The shop's or someone else's WeChat ("你们客服微信 …"): not a lead, still masked. */
	otherParty: boolean;
}

/** The id a cue ending at `from` introduces, if any. */
function idAfterCue(t: string, from: number, phones: PhoneCandidate[]): WeChatHit | undefined {
	AFTER_CUE.lastIndex = from;
	AFTER_CUE.exec(t); // always matches (everything in it is optional)
	const at = AFTER_CUE.lastIndex;
	const phone = phones.find(
		(p) => p.verdict !== 'not-a-phone' && (p.start === at || p.numberStart === at),
	);
	if (phone) {
		return {
			start: phone.numberStart,
			end: phone.end,
			value: phone.digits,
			isPhone: true,
			otherParty: phone.verdict === 'other-party',
		};
	}
	WECHAT_ID.lastIndex = at;
	const m = WECHAT_ID.exec(t);
	if (!m || NOT_AN_ID.has(m[0].toLowerCase()) || DEVICE_WORD.test(m[0])) return undefined;
	const end = at + m[0].length;
	return {
		start: at,
		end,
		value: m[0],
		isPhone: false,
		otherParty: OTHER_PARTY_AFTER.test(t.slice(end, end + 8)),
	};
}

function findWeChatIds(t: string, phones: PhoneCandidate[]): WeChatHit[] {
	const hits: WeChatHit[] = [];
	const cue = new RegExp(WECHAT_CUE.source, 'gi');
	for (let m = cue.exec(t); m !== null; m = cue.exec(t)) {
		const hit = idAfterCue(t, m.index + m[0].length, phones);
		if (hit) {
			if (OTHER_PARTY_BEFORE.test(t.slice(Math.max(0, m.index - 8), m.index)))
				hit.otherParty = true;
			hits.push(hit);
			cue.lastIndex = hit.end;
		}
	}
	for (const m of t.matchAll(new RegExp(WXID.source, 'gi'))) {
		const start = m.index ?? 0;
		if (!hits.some((h) => h.start === start))
			hits.push({
				start,
				end: start + m[0].length,
				value: m[0],
				isPhone: false,
				otherParty: false,
			});
	}
	if (SAME_AS_PHONE.some((re) => re.test(t))) {
		for (const p of phones) {
			if (p.verdict === 'lead')
				hits.push({
					start: p.numberStart,
					end: p.end,
					value: p.digits,
					isPhone: true,
					otherParty: false,
				});
		}
	}
	return hits.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// E-mail
// ---------------------------------------------------------------------------------------------

/** The usual shape; a local part is required, so "@someone" mentions never match. */
const EMAIL =
	/(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![a-z0-9])/gi;

function findEmails(t: string): string[] {
	return [...t.matchAll(new RegExp(EMAIL.source, 'gi'))].map((m) => m[0].toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

function unique(values: string[]): string[] {
	return [...new Set(values)];
}

interface Matches {
	phones: PhoneCandidate[];
	wechat: WeChatHit[];
}

function match(t: string): Matches {
	const phones = phoneCandidates(t);
	return { phones, wechat: findWeChatIds(t, phones) };
}

export function extractLeads(text: string): Leads {
	const t = foldText(text);
	const { phones, wechat } = match(t);
	const leads: Leads = {
		phones: unique(phones.filter((p) => p.verdict === 'lead').map((p) => p.digits)),
		wechatIds: unique(wechat.filter((w) => !w.otherParty).map((w) => w.value)),
		emails: unique(findEmails(t)),
	};
	const region = findRegion(t);
	if (region) leads.region = region;
	const gender = findGender(t);
	if (gender) leads.gender = gender;
	const age = findAge(t);
	if (age !== undefined) leads.age = age;
	return leads;
}

/**
 * Where phones and WeChat ids are written, in text order, without overlaps: what maskLeads
 * replaces. Masking errs towards hiding, so besides the leads extractLeads reports this
 * includes other people's phones and ids (a courier's number is personal data too), further
 * occurrences of a lead's digits where the rules alone would not take them ("订单138…" after
 * the same number was given as a phone), and an id repeated without its cue. It never
 * includes what is not a phone at all: order numbers, amounts, dates stay readable.
 */
export function findLeadSpans(text: string): LeadSpan[] {
	const t = foldText(text);
	const { phones, wechat } = match(t);
	const leadDigits = new Set(phones.filter((p) => p.verdict === 'lead').map((p) => p.digits));
	const spans: LeadSpan[] = phones
		.filter((p) => p.verdict !== 'not-a-phone' || leadDigits.has(p.digits))
		.map((p) => ({ kind: 'phone', start: p.numberStart, end: p.end, value: p.digits }));
	const ids = unique(wechat.filter((w) => !w.isPhone).map((w) => w.value));
	for (const id of ids) {
		// Ids are made of [A-Za-z0-9_-] only: nothing to escape. Exact spelling, whole token.
		for (const m of t.matchAll(new RegExp(`(?<![A-Za-z0-9_-])${id}(?![A-Za-z0-9_-])`, 'g'))) {
			const start = m.index ?? 0;
			spans.push({ kind: 'wechat', start, end: start + id.length, value: id });
		}
	}
	return dropOverlaps(spans);
}

/** Sorted by start; where two spans overlap the earlier (then longer) one wins. */
function dropOverlaps(spans: LeadSpan[]): LeadSpan[] {
	const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
	const kept: LeadSpan[] = [];
	for (const s of sorted)
		if (kept.length === 0 || s.start >= kept[kept.length - 1].end) kept.push(s);
	return kept;
}
