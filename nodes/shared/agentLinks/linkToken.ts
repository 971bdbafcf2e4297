import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { outcomeOf } from '../outcome';

/**
 * Agent action links: a link in an agent's chat message ("close this conversation", "I am
 * away") that only that agent can use, once, for a while.
 *
 * A token is `base64url(payload) "." base64url(mac)`:
 * - payload: compact JSON `{"v":1,"a":action,"g":agentId,"c":conversationId?,"s":status?,
 *   "d":desk?,"e":expiry (epoch seconds),"n":nonce}` (keys in this order, absent ones left out);
 * - mac: HMAC-SHA256 under the link signing secret of `"xhs-agent-link.v1." + <payload part>`
 *   (the part as sent, so one token has exactly one valid spelling), 43 characters.
 *
 * Verification never trusts a claim before the mac is checked (constant time), and answers a
 * verdict: the claims, or one reason from a small fixed set that is safe to show (it never
 * repeats the token, a claim or the secret).
 */

/** 'close' and 'status' today; other actions sign and verify the same way. */
export type LinkAction = 'close' | 'status' | (string & {});

export const REFUSAL_REASONS = [
	'malformed',
	'bad-signature',
	'expired',
	'used',
	'not-yours',
	'wrong-action',
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** What a link lets its agent do. */
export interface LinkSubject {
	action: LinkAction;
	/** The agent the link is for (who may use it; for 'status', whose status it sets). */
	agentId: string;
	/** The conversation ('close'). */
	conversationId?: string;
	/** The status to set ('status'). */
	status?: string;
	/** The desk the link acts on. */
	desk?: string;
}

export interface LinkClaims extends LinkSubject {
	/** Epoch ms (whole seconds); the link is refused from this instant on. */
	expiresAt: number;
	/** Random, 128 bits: what single use claims. */
	nonce: string;
}

export type LinkVerdict = { ok: true; claims: LinkClaims } | { ok: false; reason: RefusalReason };

/** What the caller knows about the request; each one given is checked. */
export interface LinkExpectations {
	/** Actions this endpoint performs; others are 'wrong-action'. */
	actions?: readonly string[];
	/** Who is acting, when the request says so; another agent's link is 'not-yours'. */
	agentId?: string;
	/** The desk this endpoint acts on; a link for another desk is 'not-yours'. */
	desk?: string;
}

export interface LinkSigning {
	secret: string;
	/** Epoch ms; the clock by default. */
	now?: number;
}

export const DEFAULT_LINK_LIFETIME_MS = 24 * 3_600_000;
export const MAX_LINK_LIFETIME_MS = 30 * 24 * 3_600_000;
export const MIN_LINK_LIFETIME_MS = 1_000;
export const MIN_SECRET_LENGTH = 16;

const FORMAT_VERSION = 1;
const MAC_CONTEXT = 'xhs-agent-link.v1.';
const MAX_TOKEN_LENGTH = 2_048;
const MAX_FIELD_LENGTH = 256;
const TOKEN_SHAPE = /^([A-Za-z0-9_-]{8,})\.([A-Za-z0-9_-]{43})$/;
const ACTION_SHAPE = /^[a-z][a-zA-Z0-9_-]{0,31}$/;
const NONCE_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;
const PAYLOAD_KEYS = new Set(['v', 'a', 'g', 'c', 's', 'd', 'e', 'n']);

/** A setup mistake (a missing or short secret, a bad subject): the link is not made or checked. */
export class LinkConfigError extends Error {
	constructor(
		message: string,
		/** The field it is about. */
		readonly field: string,
	) {
		super(message);
		this.name = 'LinkConfigError';
	}
}

function assertSecret(secret: unknown): asserts secret is string {
	if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH)
		throw new LinkConfigError(
			`the link signing secret must have at least ${MIN_SECRET_LENGTH} characters (32 random ones are best)`,
			'secret',
		);
}

function macOf(secret: string, payloadPart: string): string {
	return createHmac('sha256', secret)
		.update(MAC_CONTEXT + payloadPart)
		.digest('base64url');
}

const refused = (reason: RefusalReason): LinkVerdict => ({ ok: false, reason });

/** A text claim: present, not blank, not too long. */
function fieldOk(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_FIELD_LENGTH;
}

function optionalOk(value: unknown): value is string | undefined {
	return value === undefined || fieldOk(value);
}

function checkSubject(subject: LinkSubject): void {
	if (typeof subject.action !== 'string' || !ACTION_SHAPE.test(subject.action))
		throw new LinkConfigError('the link action must be a short lowercase word', 'action');
	if (!fieldOk(subject.agentId))
		throw new LinkConfigError('the link needs the agent ID it is for', 'agentId');
	for (const field of ['conversationId', 'status', 'desk'] as const)
		if (!optionalOk(subject[field]))
			throw new LinkConfigError(
				`the link's ${field} must be text of 1 to ${MAX_FIELD_LENGTH} characters`,
				field,
			);
	if (subject.action === 'close' && subject.conversationId === undefined)
		throw new LinkConfigError('a close link needs the conversation ID', 'conversationId');
	if (subject.action === 'status' && subject.status === undefined)
		throw new LinkConfigError('a status link needs the status to set', 'status');
}

/**
 * Signs a link for `subject`, valid for `lifetimeMs` (24 hours by default, at most 30 days),
 * with a fresh random nonce (tests may pass one).
 */
export function createActionLinkToken(
	subject: LinkSubject,
	options: LinkSigning & { lifetimeMs?: number; nonce?: string },
): { token: string; claims: LinkClaims } {
	assertSecret(options.secret);
	checkSubject(subject);
	const lifetimeMs = options.lifetimeMs ?? DEFAULT_LINK_LIFETIME_MS;
	if (
		!Number.isFinite(lifetimeMs) ||
		lifetimeMs < MIN_LINK_LIFETIME_MS ||
		lifetimeMs > MAX_LINK_LIFETIME_MS
	)
		throw new LinkConfigError('the link lifetime must be between 1 second and 30 days', 'lifetime');
	const nonce = options.nonce ?? randomBytes(16).toString('base64url');
	if (!NONCE_SHAPE.test(nonce))
		throw new LinkConfigError('the nonce must be 16 to 64 base64url characters', 'nonce');
	const now = options.now ?? Date.now();
	const expiresSeconds = Math.floor((now + lifetimeMs) / 1000);
	const payload: Record<string, string | number> = {
		v: FORMAT_VERSION,
		a: subject.action,
		g: subject.agentId,
	};
	if (subject.conversationId !== undefined) payload.c = subject.conversationId;
	if (subject.status !== undefined) payload.s = subject.status;
	if (subject.desk !== undefined) payload.d = subject.desk;
	payload.e = expiresSeconds;
	payload.n = nonce;
	const payloadPart = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
	const claims: LinkClaims = { ...definedOnly(subject), expiresAt: expiresSeconds * 1000, nonce };
	return { token: `${payloadPart}.${macOf(options.secret, payloadPart)}`, claims };
}

function definedOnly(subject: LinkSubject): LinkSubject {
	const out: LinkSubject = { action: subject.action, agentId: subject.agentId };
	if (subject.conversationId !== undefined) out.conversationId = subject.conversationId;
	if (subject.status !== undefined) out.status = subject.status;
	if (subject.desk !== undefined) out.desk = subject.desk;
	return out;
}

/** The payload's claims, or undefined when it is not a payload this code writes. */
function claimsOf(payloadPart: string): LinkClaims | undefined {
	const parsed = outcomeOf(
		() => JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as unknown,
	);
	if (!parsed.ok) return undefined;
	const payload = parsed.value;
	if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
	const p = payload as Record<string, unknown>;
	if (Object.keys(p).some((key) => !PAYLOAD_KEYS.has(key))) return undefined;
	if (p.v !== FORMAT_VERSION) return undefined;
	if (typeof p.a !== 'string' || !ACTION_SHAPE.test(p.a)) return undefined;
	if (!fieldOk(p.g) || !optionalOk(p.c) || !optionalOk(p.s) || !optionalOk(p.d)) return undefined;
	if (typeof p.e !== 'number' || !Number.isSafeInteger(p.e) || p.e <= 0) return undefined;
	if (typeof p.n !== 'string' || !NONCE_SHAPE.test(p.n)) return undefined;
	return {
		...definedOnly({ action: p.a, agentId: p.g, conversationId: p.c, status: p.s, desk: p.d }),
		expiresAt: p.e * 1000,
		nonce: p.n,
	};
}

/**
 * Checks a token without using it up: its shape, its mac, its expiry, then what the caller
 * expects (action, acting agent, desk). Whether it was used already is the state store's to
 * say (see linkUse).
 */
export function verifyActionLinkToken(
	token: unknown,
	options: LinkSigning & { expect?: LinkExpectations },
): LinkVerdict {
	assertSecret(options.secret);
	if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return refused('malformed');
	const parts = TOKEN_SHAPE.exec(token.trim());
	if (!parts) return refused('malformed');
	const [, payloadPart, macPart] = parts;
	const expected = Buffer.from(macOf(options.secret, payloadPart), 'latin1');
	const given = Buffer.from(macPart, 'latin1');
	// Both are 43 characters by the shape above, so the comparison takes the same time whatever differs.
	if (expected.length !== given.length || !timingSafeEqual(expected, given))
		return refused('bad-signature');
	const claims = claimsOf(payloadPart);
	if (!claims) return refused('malformed');
	if ((options.now ?? Date.now()) >= claims.expiresAt) return refused('expired');
	const expect = options.expect ?? {};
	if (expect.actions && !expect.actions.includes(claims.action)) return refused('wrong-action');
	if (expect.agentId !== undefined && expect.agentId !== '' && expect.agentId !== claims.agentId)
		return refused('not-yours');
	if (expect.desk !== undefined && claims.desk !== expect.desk) return refused('not-yours');
	return { ok: true, claims };
}
