// Phones: which numbers in a DM are phones and whether each is the customer's (leads.ts puts
// the parts together). Shapes and context are ours; whether a number exists is libphonenumber's.

import { parsePhoneNumberFromString, type CountryCode } from '../vendor/libphonenumber';

/**
 * A mainland mobile number: 1[3-9]x then 8 digits, written as one run or as 3-4-4 groups with a
 * space or hyphen, optionally after a country code (+86, 0086, (+86), or a bare 86 that is set
 * off by a separator: a bare "8613812345678" is as likely an order number as a phone).
 */
const MAINLAND_MOBILE = /(?:\(?(?:\+|00)86\)?[ -]?|86[ -])?(1[3-9]\d)([ -]?)(\d{4})([ -]?)(\d{4})/g;

export interface PhoneCandidate {
	/** Start of the whole match, country code included. */
	start: number;
	/** Start of what gets masked: the 11 digits of a mainland mobile, else the whole match. */
	numberStart: number;
	end: number;
	/**
	 * The number as a CRM stores it: a mainland mobile as its 11 digits ("13812345678", as this
	 * package always wrote them), every other number in E.164 ("+85291234567", "+861062345678").
	 */
	value: string;
	/** Written in groups ("138 1234 5678"), not as one run. */
	grouped: boolean;
	/**
	 * lead: the customer's phone. other-party: a phone, but someone else's (courier, the shop):
	 * not a lead, still masked. not-a-phone: an order number, amount, id… left alone.
	 */
	verdict: 'lead' | 'other-party' | 'not-a-phone';
}

/**
 * Which numbers count. mainland-mobiles: what CRM Sync 1–2 took. all: mainland mobiles and
 * landlines, and Hong Kong, Macau, Taiwan, Singapore and Malaysia numbers.
 */
export type PhoneScope = 'mainland-mobiles' | 'all';

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
export const OTHER_PARTY_BEFORE = new RegExp(
	`${OTHER_PARTY}的?\\s*(?:电话|手机|手机号|号码|联系方式|微信|vx|v信)?(?:号码?)?[\\s:是为]*$`,
	'i',
);
export const OTHER_PARTY_AFTER = new RegExp(`^\\s*(?:是不是|是|为)?${OTHER_PARTY}`);

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

/** "13800000000", "+852 8888 8888": placeholders people type to skip a form field. */
function isPlaceholder(value: string): boolean {
	return /(\d)\1{7}$/.test(value);
}

/** Does the text around a phone say whose it is, and that it is not the customer's? */
function isOtherPartys(t: string, start: number, end: number): boolean {
	return (
		OTHER_PARTY_BEFORE.test(t.slice(Math.max(0, start - 12), start)) ||
		OTHER_PARTY_AFTER.test(t.slice(end, end + 8))
	);
}

function phoneVerdict(t: string, c: PhoneCandidate): PhoneCandidate['verdict'] {
	if (!phoneContextBeforeOk(t, c) || !phoneContextAfterOk(t, c) || isPlaceholder(c.value))
		return 'not-a-phone';
	return isOtherPartys(t, c.start, c.end) ? 'other-party' : 'lead';
}

/** Regions whose numbers are leads besides the mainland's (CRM Sync 3 and masking). */
const NEIGHBOUR_REGIONS = new Set<CountryCode>(['HK', 'MO', 'TW', 'SG', 'MY']);

/** A mainland mobile the numbering plan has allocated (154…, 100… are not). */
function isMainlandMobile(digits: string): boolean {
	const parsed = parsePhoneNumberFromString(digits, 'CN');
	return parsed !== undefined && parsed.isValid();
}

function mainlandMobiles(t: string): PhoneCandidate[] {
	const found: PhoneCandidate[] = [];
	const re = new RegExp(MAINLAND_MOBILE.source, 'g');
	for (let m = re.exec(t); m !== null; m = re.exec(t)) {
		const number = m[1] + m[2] + m[3] + m[4] + m[5];
		const c: PhoneCandidate = {
			start: m.index,
			numberStart: m.index + m[0].length - number.length,
			end: m.index + m[0].length,
			value: m[1] + m[3] + m[5],
			grouped: m[2] !== '' || m[4] !== '',
			verdict: 'not-a-phone',
		};
		c.verdict = isMainlandMobile(c.value) ? phoneVerdict(t, c) : 'not-a-phone';
		found.push(c);
		// A rejected candidate may hide a real one starting inside it ("+86 1…" read from the
		// 8 of a longer run): resume one character later rather than after it.
		if (c.verdict === 'not-a-phone') re.lastIndex = m.index + 1;
	}
	return found;
}

/**
 * The other shapes: a country code (+852, 00853, (+886), +60, +65, +86 for a landline) or a
 * national number with its leading 0 (010-6234 5678, (0755) 1234 5678, 0912-345-678,
 * 012-345 6789). What follows is read as digit groups with single spaces or hyphens between.
 */
const WITH_COUNTRY_CODE = /(?<!\d)\(?(?:\+|00)(852|853|886|86|65|60)\)?[ -]?(?=\d)/g;
/** "(010) " with its area code captured, or just the place where a national number starts. */
const WITH_TRUNK_ZERO = /(?<![\d+])(?:\((0\d{1,3})\)[ -]?(?=\d)|(?=0[1-9]))/g;

/** Words right before a national number that say it is a phone even when written as one run. */
const PHONE_CUE_BEFORE =
	/(?:电话|座机|固话|手机|号码|联系|致电|打|call|tel|phone|mobile)[\s:是为]*$/i;

/** The ends of the digit groups from `at`, each a possible end of the number. */
function groupEnds(t: string, at: number): number[] {
	const ends: number[] = [];
	let i = at;
	for (;;) {
		while (isDigit(t[i])) i++;
		ends.push(i);
		if ((t[i] === ' ' || t[i] === '-') && isDigit(t[i + 1])) i++;
		else return ends;
	}
}

function digitsOf(text: string): string {
	return text.replace(/\D/g, '');
}

/**
 * The longest reading of the groups from `at` that the numbering plan allows: "+852 9123 4567
 * 2人" is the phone and then a count. Countries are tried in order for a national number.
 */
function longestValid(
	t: string,
	prefix: string,
	at: number,
	countries: readonly (CountryCode | undefined)[],
): { end: number; value: string } | undefined {
	for (const end of groupEnds(t, at).reverse()) {
		const digits = prefix + digitsOf(t.slice(at, end));
		if (digits.length > 17) continue;
		for (const country of countries) {
			const parsed = parsePhoneNumberFromString(digits, country);
			if (!parsed?.isValid() || !parsed.country) continue;
			if (parsed.country !== 'CN' && !NEIGHBOUR_REGIONS.has(parsed.country)) continue;
			return { end, value: parsed.number };
		}
	}
	return undefined;
}

function otherShapes(t: string): PhoneCandidate[] {
	const found: PhoneCandidate[] = [];
	for (const m of t.matchAll(WITH_COUNTRY_CODE)) {
		const at = m.index + m[0].length;
		const hit = longestValid(t, `+${m[1]}`, at, [undefined]);
		if (hit) found.push(candidate(t, m.index, hit, /[ -]/.test(t.slice(at, hit.end))));
	}
	for (const m of t.matchAll(WITH_TRUNK_ZERO)) {
		const at = m.index + m[0].length;
		const hit = longestValid(t, m[1] ?? '', at, ['CN', 'TW', 'MY']);
		if (!hit) continue;
		const grouped = m[1] !== undefined || /[ -]/.test(t.slice(at, hit.end));
		// A bare run of digits starting with 0 is as likely an order number: it needs groups
		// or a word that says phone.
		if (!grouped && !PHONE_CUE_BEFORE.test(t.slice(Math.max(0, m.index - 8), m.index))) continue;
		found.push(candidate(t, m.index, hit, grouped));
	}
	return found;
}

function candidate(
	t: string,
	start: number,
	hit: { end: number; value: string },
	grouped: boolean,
): PhoneCandidate {
	const c: PhoneCandidate = {
		start,
		numberStart: start,
		end: hit.end,
		value: hit.value,
		grouped,
		verdict: 'not-a-phone',
	};
	c.verdict = phoneVerdict(t, c);
	return c;
}

/**
 * Every phone-shaped number in the folded text, with its verdict. All are kept: maskLeads
 * masks other parties' phones, and any candidate whose value equals a lead found elsewhere in
 * the same text. A mainland mobile read both ways ("+86 138…") is kept once, as the mobile.
 */
export function phoneCandidates(t: string, scope: PhoneScope = 'all'): PhoneCandidate[] {
	const mobiles = mainlandMobiles(t);
	if (scope === 'mainland-mobiles') return mobiles;
	const taken = mobiles.filter((c) => c.verdict !== 'not-a-phone');
	const others = otherShapes(t)
		.filter((c) => c.verdict !== 'not-a-phone')
		.filter((c) => !taken.some((m) => c.start < m.end && m.start < c.end));
	return [...mobiles, ...others].sort((a, b) => a.start - b.start);
}
