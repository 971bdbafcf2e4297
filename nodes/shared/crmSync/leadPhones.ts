// Phones: mainland mobile numbers and whether each is the customer's (leads.ts puts the parts together).

/**
 * A mainland mobile number: 1[3-9]x then 8 digits, written as one run or as 3-4-4 groups with a
 * space or hyphen, optionally after a country code (+86, 0086, (+86), or a bare 86 that is set
 * off by a separator: a bare "8613812345678" is as likely an order number as a phone).
 */
const PHONE_CANDIDATE = /(?:\(?(?:\+|00)86\)?[ -]?|86[ -])?(1[3-9]\d)([ -]?)(\d{4})([ -]?)(\d{4})/g;

export interface PhoneCandidate {
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
export function phoneCandidates(t: string): PhoneCandidate[] {
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
