import { maskLeads, maskPhone, maskWeChatId } from '../crmSync/maskLeads';
import { looksEncrypted } from './contentCrypto';

/**
 * What a person may read of a push that could not be read by the trigger: its shape, the
 * ids and kinds that tell what it is, and nothing a customer wrote. Free text (a name, a
 * remark, a comment) shows as its length, encrypted parts too, secrets (tokens) as a mark;
 * phones and WeChat ids masked. The push itself is kept sealed for replay (pushQuarantine.ts).
 */
const MAX_PREVIEW = 600;
const MAX_STRING = 120;
const PHONE_KEYS = /^(phone|mobile|tel|telephone|手机|电话)/i;
const WECHAT_KEYS = /^(wechat|weixin|wx|微信)/i;
const SECRET_KEYS = /(token|secret|password|passwd|sign|auth_code)/i;
/** Fields that say what a push is and whom it concerns, never what a person wrote. */
const SHOWN_KEYS = new Set([
	'event',
	'test',
	'message_id',
	'message_type',
	'message_source',
	'from_user_id',
	'to_user_id',
	'user_id',
	'third_account_id',
	'account_code',
	'app_id',
	'timestamp',
	'note_id',
	'comment_id',
	'form_id',
	'lead_id',
	'auth_status',
	'kos_user_id',
	'request_id',
	'code',
	'success',
	'type',
	'source',
]);

function maskValue(key: string, value: unknown, depth: number): unknown {
	if (typeof value === 'string') {
		if (SECRET_KEYS.test(key)) return '«secret»';
		if (looksEncrypted(value)) return `«encrypted, ${value.length} chars»`;
		if (PHONE_KEYS.test(key)) return maskPhone(String(value).replace(/\D/g, '') || String(value));
		if (WECHAT_KEYS.test(key)) return maskWeChatId(value);
		if (!SHOWN_KEYS.has(key)) return `«text, ${[...value].length} chars»`;
		const masked = maskLeads(value);
		return masked.length > MAX_STRING ? `${masked.slice(0, MAX_STRING)}…` : masked;
	}
	if (typeof value === 'number' && SECRET_KEYS.test(key)) return '«secret»';
	if (typeof value === 'number' && PHONE_KEYS.test(key)) return maskPhone(String(value));
	if (depth > 4) return '…';
	if (Array.isArray(value)) return value.slice(0, 5).map((v) => maskValue(key, v, depth + 1));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as Record<string, unknown>)
				.slice(0, 20)
				.map(([k, v]) => [k, maskValue(k, v, depth + 1)]),
		);
	}
	return value;
}

export function pushPreview(rawBody: string): string {
	let body: unknown;
	try {
		body = JSON.parse(rawBody);
	} catch {
		const masked = maskLeads(rawBody.slice(0, MAX_PREVIEW));
		return `(not JSON) ${masked}`;
	}
	const text = JSON.stringify(maskValue('', body, 0));
	return text.length > MAX_PREVIEW ? `${text.slice(0, MAX_PREVIEW)}…` : text;
}
