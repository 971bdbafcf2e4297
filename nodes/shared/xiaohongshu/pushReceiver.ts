import { firstText } from './fieldText';
import type { XhsAppConfig } from './appConfig';
import { ContentCryptoError, decryptJson, decryptText, looksEncrypted } from './contentCrypto';
import { PUSH_KINDS, fitsKind, kindFromFields, type PushKind } from './pushKinds';
import {
	SIGNATURE_HEADER,
	TIMESTAMP_HEADER,
	verifyBodySignature,
	verifyPushSignature,
} from './pushSignature';
import type { XhsEvent } from './pushEvent';

/**
 * Everything between the raw HTTP push and a trusted event, read tolerantly (spec §0, §4,
 * §4r2): the configured signature check first, then the body in whichever revision's shape
 * it came. A push that passes the check but cannot be read is "unreadable" (the trigger
 * acknowledges and quarantines it), never refused: refusing makes the platform give up on
 * a DM because of our guess. Reasons are short and never echo secrets or plaintext.
 */
export type SignatureMode = 'none' | 'bodyHmac' | 'hmac';

export type PushShape =
	'r1-envelope' | 'r2-dm' | 'r2-encrypted' | 'r2-data' | 'r2-plain' | 'unknown';

/** Why a push could not be read: what Health Check turns into a setting to change. */
export type UnreadableCause = 'not-json' | 'key' | 'not-encrypted' | 'shape' | 'unknown-event';

export type PushOutcome =
	| { kind: 'rejected'; status: 401; reason: string }
	| { kind: 'urlCheck' }
	| { kind: 'challenge'; challenge: string }
	| { kind: 'event'; event: XhsEvent; shape: PushShape }
	| { kind: 'unreadable'; reason: string; cause: UnreadableCause; shape: PushShape };

export interface IncomingPush {
	rawBody: Buffer | string | undefined;
	headers: Record<string, string | string[] | undefined>;
	nowMs: number;
	/** The kind the URL path named (a section 4r2 suffix), if any. */
	pathKind?: PushKind;
}

function header(headers: IncomingPush['headers'], name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

export function checkSignature(
	push: IncomingPush,
	config: XhsAppConfig,
	mode: SignatureMode,
): { ok: true } | { ok: false; reason: string } {
	const raw = push.rawBody ?? '';
	if (mode === 'hmac') {
		return verifyPushSignature({
			secret: config.webhookSecret || config.appSecret,
			rawBody: raw,
			signature: header(push.headers, SIGNATURE_HEADER),
			timestamp: header(push.headers, TIMESTAMP_HEADER),
			nowMs: push.nowMs,
		});
	}
	if (mode === 'bodyHmac') {
		return verifyBodySignature({
			secrets: [config.encryptionKey, config.webhookSecret ?? '', config.appSecret],
			rawBody: raw,
			signature: header(push.headers, SIGNATURE_HEADER),
		});
	}
	return { ok: true };
}

export interface ReadOptions {
	/**
	 * Accept events whose fields arrive unencrypted, plain or under "data" (spec §4r2: "accept
	 * both"; the default). With no signature check such a body proves nothing but knowledge
	 * of the URL, so a user who wants decryption as proof turns this off; a body a signature
	 * vouched for is accepted either way. A DM is never accepted unencrypted: its content is
	 * encrypted in every revision, so plain content is a forgery or a misconfiguration.
	 */
	acceptUnencrypted?: boolean;
}

export function openPush(
	push: IncomingPush,
	config: XhsAppConfig,
	mode: SignatureMode,
	options: ReadOptions = {},
): PushOutcome {
	const check = checkSignature(push, config, mode);
	if (!check.ok) return { kind: 'rejected', status: 401, reason: check.reason };
	const signed = mode !== 'none';
	return readPushBody(push.rawBody, config.encryptionKey, push.pathKind, {
		acceptUnencrypted: signed || options.acceptUnencrypted !== false,
	});
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const unreadable = (reason: string, cause: UnreadableCause, shape: PushShape): PushOutcome => ({
	kind: 'unreadable',
	reason,
	cause,
	shape,
});

function cryptoReason(error: unknown): string {
	return error instanceof ContentCryptoError ? error.message : 'content could not be decrypted';
}

/** Reads a body that passed the signature check; see the shapes in spec §4 and §4r2. */
export function readPushBody(
	rawBody: Buffer | string | undefined,
	key: string,
	pathKind?: PushKind,
	options: ReadOptions = {},
): PushOutcome {
	let body: unknown;
	try {
		body = JSON.parse(
			typeof rawBody === 'string' ? rawBody : (rawBody ?? Buffer.alloc(0)).toString('utf8'),
		);
	} catch {
		return unreadable('body is not JSON', 'not-json', 'unknown');
	}
	if (!isObject(body)) return unreadable('body is not a JSON object', 'shape', 'unknown');
	// The console's URL check (ark posts {"test": true}): answered, starts nothing.
	if (
		body.test === true &&
		kindFromFields(body) === undefined &&
		body.content === undefined &&
		body.data === undefined
	) {
		return { kind: 'urlCheck' };
	}
	const encrypted = body.content ?? body['content-encrypted'];
	if (
		kindFromFields(body) === 'message' ||
		(pathKind === 'message' && body.content !== undefined && Object.keys(body).length > 1)
	) {
		return readDm(body, key);
	}
	if (typeof encrypted === 'string') {
		let decrypted: unknown;
		try {
			decrypted = decryptJson(encrypted, key);
		} catch (error) {
			return unreadable(cryptoReason(error), 'key', 'r2-encrypted');
		}
		if (!isObject(decrypted))
			return unreadable('content decrypted to JSON that is not an object', 'shape', 'r2-encrypted');
		return fromFields(decrypted, pathKind, 'r2-encrypted', 'decrypted');
	}
	const plain = options.acceptUnencrypted === false ? 'plain-refused' : 'plain';
	if (isObject(body.data)) return fromFields(body.data, pathKind, 'r2-data', plain);
	if (body.content !== undefined)
		return unreadable('content is not an encrypted string', 'not-encrypted', 'unknown');
	return fromFields(body, pathKind, 'r2-plain', plain);
}

function readRevision1Event(event: Fields): PushOutcome {
	const name = String(event.event);
	if (name === 'verify_webhook') {
		if (typeof event.challenge !== 'string')
			return unreadable('verify_webhook without a challenge', 'shape', 'r1-envelope');
		return { kind: 'challenge', challenge: event.challenge };
	}
	if (!(PUSH_KINDS as readonly string[]).includes(name))
		return unreadable(`unknown event "${name.slice(0, 40)}"`, 'unknown-event', 'r1-envelope');
	return { kind: 'event', event: event as XhsEvent, shape: 'r1-envelope' };
}

/**
 * An event's fields, decrypted or plain. Plain fields are accepted only where the reader
 * allows it, and never as a DM; the console's challenge is answered either way (it starts
 * nothing).
 */
function fromFields(
	fields: Fields,
	pathKind: PushKind | undefined,
	shape: PushShape,
	source: 'decrypted' | 'plain' | 'plain-refused',
): PushOutcome {
	const named = typeof fields.event === 'string' ? fields.event : undefined;
	const kind = named
		? undefined
		: pathKind && fitsKind(pathKind, fields)
			? pathKind
			: kindFromFields(fields);
	if (!named && !kind) {
		const keys = Object.keys(fields).slice(0, 8).join(', ') || 'none';
		return unreadable(
			`fields fit no known event (keys: ${keys})`,
			pathKind ? 'shape' : 'unknown-event',
			shape,
		);
	}
	const what = named ?? kind;
	if (
		source !== 'decrypted' &&
		what !== 'verify_webhook' &&
		(what === 'message' || source === 'plain-refused')
	) {
		return unreadable(
			`an unencrypted ${what === 'message' ? 'DM' : `"${what}" event`}`,
			'not-encrypted',
			shape,
		);
	}
	if (named) return readRevision1Event(fields);
	if (kind === 'message') return dmFromFields(fields, shape);
	return {
		kind: 'event',
		event: { ...fields, event: kind, content: { ...fields } } as XhsEvent,
		shape,
	};
}

/** A DM whose fields came decrypted (the whole event encrypted, without an "event" name). */
function dmFromFields(fields: Fields, shape: PushShape): PushOutcome {
	const content = isObject(fields.content)
		? fields.content
		: typeof fields.content === 'string'
			? { text: fields.content }
			: {};
	return { kind: 'event', event: dmEvent(fields, content), shape };
}

/** A revision-2 DM: plain JSON, only `content` encrypted (JSON, or the raw text). */
function readDm(body: Fields, key: string): PushOutcome {
	const wire = body.content ?? body['content-encrypted'];
	if (!looksEncrypted(wire))
		return unreadable('the DM content is not encrypted', 'not-encrypted', 'r2-dm');
	let text: string;
	try {
		text = decryptText(wire, key);
	} catch (error) {
		return unreadable(cryptoReason(error), 'key', 'r2-dm');
	}
	let content: Fields;
	try {
		const parsed = JSON.parse(text) as unknown;
		content = isObject(parsed) ? parsed : { text: typeof parsed === 'string' ? parsed : text };
	} catch {
		content = { text };
	}
	if (typeof body.from_user_id !== 'string' && typeof body.from_user_id !== 'number') {
		return unreadable('a DM without from_user_id', 'shape', 'r2-dm');
	}
	return { kind: 'event', event: dmEvent(body, content), shape: 'r2-dm' };
}

/** The DM as the rest of the package reads it: revision 1's event object. */
function dmEvent(fields: Fields, content: Fields): XhsEvent {
	const userInfo = isObject(fields.user_info) ? fields.user_info : {};
	const { 'content-encrypted': _encrypted, ...rest } = fields;
	return {
		...rest,
		event: 'message',
		message_type:
			typeof fields.message_type === 'string' && fields.message_type ? fields.message_type : 'TEXT',
		content,
		user_info: {
			nickname: firstText(userInfo.nickname, userInfo.nick_name),
			avatar: firstText(userInfo.avatar, userInfo.header_image),
		},
	};
}

/** The acknowledgement the platform requires (spec §7, §4r2); it satisfies both revisions. */
export const PUSH_ACK = { success: true, code: 0 } as const;
