/**
 * Aliases applied by `normalize` after case, width, script and noise folding: each spelling
 * on the left is rewritten to the canonical Chinese on the right, longest match first, so a
 * keyword written as 运费 also hears "yunfei", "运fei" and "yf".
 *
 * Keys are normalised like any text (so "Duoshao Qian" and "duoshaoqian" are one key, and
 * traditional spellings need no entry: 運費 already reaches 运费 through t2s). A key that
 * starts or ends with a Latin letter only applies where that end is not glued to another
 * Latin letter in the original message, so "wx" in "wxyz" and "tb" in "tbh" stay as written.
 *
 * Rules for new entries (checked by test/keywordReply/normalize.test.ts):
 * - the right-hand side is Chinese only, and no key occurs in or overlaps a right-hand side,
 *   so normalising twice changes nothing (which is why there is no "yushou" → 预售: 预售 + 候
 *   would make 售候, nor "多少qian" next to "pdd" → 拼多多);
 * - a key starts and ends with a letter or a Chinese character, never a digit: digits do not
 *   glue, so a key ending in a digit ("u1s1") would also fire inside "u1s12";
 * - no key that is an everyday English word or a common Chinese word (by, ok, 快地, 客付 in
 *   顾客付款): a false alias makes keywords fire on messages that never said them. The one
 *   exception is the shop vocabulary (vocabulary.ts), whose everyday words are meant: "refund"
 *   is 退款 in a DM to a shop.
 */
import { VOCABULARY } from './vocabulary';

export type Alias = readonly [spelling: string, canonical: string];

/** Full pinyin sent before picking the IME candidate (common on phone keyboards). */
const PINYIN: readonly Alias[] = [
	['duoshaoqian', '多少钱'],
	['jiage', '价格'],
	['jiaqian', '价钱'],
	['kuaidi', '快递'],
	['danhao', '单号'],
	['tuikuan', '退款'],
	['tuiqian', '退钱'],
	['tuihuo', '退货'],
	['huanhuo', '换货'],
	['fahuo', '发货'],
	['baoyou', '包邮'],
	['youhui', '优惠'],
	['youhuiquan', '优惠券'],
	['shouhou', '售后'],
	['kefu', '客服'],
	['dingdan', '订单'],
	['wuliu', '物流'],
	['yunfei', '运费'],
	['zhengpin', '正品'],
	['baozhiqi', '保质期'],
	['chima', '尺码'],
	['xianhuo', '现货'],
	['kucun', '库存'],
	['dazhe', '打折'],
	['zhekou', '折扣'],
	['pianyi', '便宜'],
	['dizhi', '地址'],
	['fapiao', '发票'],
	['shunfeng', '顺丰'],
	['zhifubao', '支付宝'],
	['weixin', '微信'],
	['taobao', '淘宝'],
	['zaima', '在吗'],
	['xiexie', '谢谢'],
];

/** Pinyin initials and English names that shoppers use for platforms and after-sales terms. */
const ABBREVIATIONS: readonly Alias[] = [
	['zfb', '支付宝'],
	['alipay', '支付宝'],
	['wx', '微信'],
	['vx', '微信'],
	['v信', '微信'],
	['wechat', '微信'],
	['tb', '淘宝'],
	['jd', '京东'],
	['pdd', '拼多多'],
	['xhs', '小红书'],
	['sf', '顺丰'],
	['kd', '快递'],
	['kf', '客服'],
	['tk', '退款'],
	['fh', '发货'],
	['yf', '运费'],
	['jg', '价格'],
	['zp', '正品'],
	['yhq', '优惠券'],
	['price', '价格'],
	['refund', '退款'],
	['coupon', '优惠券'],
	['discount', '折扣'],
];

/** Internet slang initialisms seen on Xiaohongshu and Weibo. */
const SLANG: readonly Alias[] = [
	['yyds', '永远的神'],
	['xswl', '笑死我了'],
	['awsl', '啊我死了'],
	['dbq', '对不起'],
	['bhys', '不好意思'],
	['bzd', '不知道'],
	['xjj', '小姐姐'],
	['jm', '姐妹'],
	['jms', '姐妹们'],
	['xdm', '兄弟们'],
	['bdjw', '不懂就问'],
	['srds', '虽然但是'],
	['gkd', '搞快点'],
	['tql', '太强了'],
	['nsdd', '你说得对'],
	['zqsg', '真情实感'],
	['yygq', '阴阳怪气'],
];

/**
 * Homophone and look-alike typos from pinyin IMEs (wrong candidate picked) and deliberate
 * spellings that dodge the platform's filter on contact details (薇信, 威信).
 */
const TYPOS: readonly Alias[] = [
	['保值期', '保质期'],
	['包油', '包邮'],
	['优慧', '优惠'],
	['售候', '售后'],
	['发贷', '发货'],
	['二维吗', '二维码'],
	['薇信', '微信'],
	['威信', '微信'],
];

/** A word half typed: the IME gave the first character, pinyin for the rest was sent as is. */
const MIXED: readonly Alias[] = [
	['价ge', '价格'],
	['发huo', '发货'],
	['退kuan', '退款'],
	['退huo', '退货'],
	['换huo', '换货'],
	['快di', '快递'],
	['包you', '包邮'],
	['优hui', '优惠'],
	['客fu', '客服'],
	['售hou', '售后'],
	['运fei', '运费'],
	['订dan', '订单'],
	['物liu', '物流'],
	['支付bao', '支付宝'],
	['微xin', '微信'],
];

/**
 * A service verb with a filler between it and its object ("改一下地址", "开个发票", "补个差价"):
 * the filler goes, so the verb meets its object as a keyword spells it (改地址, 开发票, 补差价).
 * The filler changes nothing of the meaning. Bare 下 is not listed: 下单, 下面, 下周 follow a
 * verb too often ("查下单号" would lose its 下).
 */
const VERB_FILLERS: readonly Alias[] = [
	['改一下', '改'],
	['改个', '改'],
	['查一下', '查'],
	['查个', '查'],
	['换一下', '换'],
	['换个', '换'],
	['换一个', '换'],
	['开一下', '开'],
	['开个', '开'],
	['开张', '开'],
	['开一张', '开'],
	['催一下', '催'],
	['补一下', '补'],
	['补个', '补'],
	['退一下', '退'],
	['取消一下', '取消'],
];

export const ALIASES: readonly Alias[] = [
	...PINYIN,
	...ABBREVIATIONS,
	...SLANG,
	...TYPOS,
	...MIXED,
	...VERB_FILLERS,
	...VOCABULARY,
];
