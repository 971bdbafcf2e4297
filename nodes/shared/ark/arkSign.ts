import { createHash } from 'node:crypto';

/**
 * The request signature of Xiaohongshu's e-commerce open API ("ark", 小红书开放平台 v3 gateway).
 *
 * Documented (ark docs "签名算法", and the official Java SDK com.xiaohongshu.fls.opensdk
 * `Utils.addSign`): the string `method?appId=…&timestamp=…&version=…` — the three query pairs
 * sorted by name, which gives exactly this order — with the app secret appended, MD5, lowercase
 * hex. Only method, appId, timestamp and version are signed: neither the business parameters nor
 * the accessToken take part ("该字段不参与sign签名运算").
 */
export const ARK_VERSION = '2.0';

export interface ArkSignInput {
	method: string;
	appId: string;
	/** UNIX time in seconds, exactly as sent in the body. */
	timestamp: string | number;
	appSecret: string;
	version?: string;
}

/** The string that is hashed, without the secret (safe to log). */
export function arkSignBase(input: Omit<ArkSignInput, 'appSecret'>): string {
	return `${input.method}?appId=${input.appId}&timestamp=${input.timestamp}&version=${input.version ?? ARK_VERSION}`;
}

export function arkSign(input: ArkSignInput): string {
	return createHash('md5')
		.update(arkSignBase(input) + input.appSecret, 'utf8')
		.digest('hex');
}
