import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Push signature (spec §4, §7): X-Xhs-Signature = lowercase hex
 * HMAC-SHA256(secret, timestamp + "." + rawBody), X-Xhs-Timestamp in whole seconds,
 * accepted when |now - timestamp| <= 300 s.
 */
export const SIGNATURE_HEADER = 'x-xhs-signature';
export const TIMESTAMP_HEADER = 'x-xhs-timestamp';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signPush(
	secret: string,
	timestampSeconds: number | string,
	rawBody: string | Buffer,
): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(`${timestampSeconds}.`)
		.update(rawBody)
		.digest('hex');
}

export type PushCheck = { ok: true } | { ok: false; reason: string };

export function verifyPushSignature(args: {
	secret: string;
	rawBody: string | Buffer;
	signature: string | undefined;
	timestamp: string | undefined;
	nowMs: number;
	toleranceSeconds?: number;
}): PushCheck {
	const { signature, timestamp } = args;
	if (!timestamp || !/^\d{1,12}$/.test(timestamp)) {
		return { ok: false, reason: 'missing or malformed X-Xhs-Timestamp' };
	}
	const tolerance = args.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	const skew = Math.abs(Math.floor(args.nowMs / 1000) - Number(timestamp));
	if (skew > tolerance) {
		return { ok: false, reason: `timestamp is ${skew} s away from now (limit ${tolerance} s)` };
	}
	if (!signature || !/^[0-9a-f]{64}$/.test(signature)) {
		return { ok: false, reason: 'missing or malformed X-Xhs-Signature' };
	}
	const expected = Buffer.from(signPush(args.secret, timestamp, args.rawBody), 'hex');
	// Both are 32 bytes here (checked above), as timingSafeEqual requires.
	if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
		return { ok: false, reason: 'signature does not match' };
	}
	return { ok: true };
}

/**
 * Revision 2's optional signature (spec §4r2, weak evidence): X-Xhs-Signature = lowercase hex
 * HMAC-SHA256(rawBody), no timestamp, keyed with the encryption key's text. Which secret a
 * real console signs with is unconfirmed, so any of the credential's secrets is accepted;
 * "sha256=" prefixes and upper case hex (as sibling APIs send) are read too.
 */
export function signBody(secret: string, rawBody: string | Buffer): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8')).update(rawBody).digest('hex');
}

export function verifyBodySignature(args: {
	secrets: string[];
	rawBody: string | Buffer;
	signature: string | undefined;
}): PushCheck {
	const given = (args.signature ?? '')
		.trim()
		.replace(/^sha256=/i, '')
		.toLowerCase();
	if (!/^[0-9a-f]{64}$/.test(given))
		return { ok: false, reason: 'missing or malformed X-Xhs-Signature' };
	const givenBytes = Buffer.from(given, 'hex');
	let match = false;
	// Every secret is compared (no early exit), so timing says nothing about which one matched.
	for (const secret of args.secrets.filter(Boolean)) {
		if (timingSafeEqual(Buffer.from(signBody(secret, args.rawBody), 'hex'), givenBytes))
			match = true;
	}
	return match ? { ok: true } : { ok: false, reason: 'signature does not match' };
}
