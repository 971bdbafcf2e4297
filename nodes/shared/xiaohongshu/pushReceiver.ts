import type { XhsAppConfig } from './appConfig';
import { ContentCryptoError, decryptJson } from './contentCrypto';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyPushSignature } from './pushSignature';
import { isXhsEvent, type XhsEvent } from './pushEvent';

/**
 * Everything between the raw HTTP push and a trusted event: signature and timestamp, body
 * shape, decryption, the URL check. Reasons are short and never echo secrets or plaintext.
 */
export type SignatureMode = 'hmac' | 'none';

export type PushOutcome =
	| { kind: 'rejected'; status: 400 | 401; reason: string }
	| { kind: 'challenge'; challenge: string }
	| { kind: 'event'; event: XhsEvent };

export interface IncomingPush {
	rawBody: Buffer | string | undefined;
	headers: Record<string, string | string[] | undefined>;
	nowMs: number;
}

function header(headers: IncomingPush['headers'], name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

export function openPush(push: IncomingPush, config: XhsAppConfig, mode: SignatureMode): PushOutcome {
	const raw = push.rawBody === undefined ? '' : push.rawBody;
	if (mode === 'hmac') {
		const check = verifyPushSignature({
			secret: config.webhookSecret || config.appSecret,
			rawBody: raw,
			signature: header(push.headers, SIGNATURE_HEADER),
			timestamp: header(push.headers, TIMESTAMP_HEADER),
			nowMs: push.nowMs,
		});
		if (!check.ok) return { kind: 'rejected', status: 401, reason: check.reason };
	}
	let body: unknown;
	try {
		body = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
	} catch {
		return { kind: 'rejected', status: 400, reason: 'body is not JSON' };
	}
	const content = (body as { content?: unknown } | null)?.content;
	if (typeof content !== 'string') {
		return { kind: 'rejected', status: 400, reason: 'body has no "content" string' };
	}
	let event: unknown;
	try {
		event = decryptJson(content, config.encryptionKey);
	} catch (error) {
		const reason = error instanceof ContentCryptoError ? error.message : 'content could not be decrypted';
		return { kind: 'rejected', status: 400, reason };
	}
	if (!isXhsEvent(event)) return { kind: 'rejected', status: 400, reason: 'event has no "event" field' };
	if (event.event === 'verify_webhook') {
		if (typeof event.challenge !== 'string') {
			return { kind: 'rejected', status: 400, reason: 'verify_webhook without a challenge' };
		}
		return { kind: 'challenge', challenge: event.challenge };
	}
	return { kind: 'event', event };
}

/** The acknowledgement the platform requires (spec §7); anything else is redelivered. */
export const PUSH_ACK = { success: true, code: 0 } as const;
