import { OTHER_PARTY_AFTER, OTHER_PARTY_BEFORE, type PhoneCandidate } from './leadPhones';

// WeChat ids: an id after a cue word, or a wxid_ anywhere (leads.ts puts the parts together).

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

export interface WeChatHit {
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
			value: phone.value,
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

export function findWeChatIds(t: string, phones: PhoneCandidate[]): WeChatHit[] {
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
					value: p.value,
					isPhone: true,
					otherParty: false,
				});
		}
	}
	return hits.sort((a, b) => a.start - b.start);
}
