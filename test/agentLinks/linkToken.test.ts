/**
 * Agent action link tokens: the wire format (a known answer computed outside this code), the
 * round trip, every refusal reason, tampering, and the expiry boundary.
 */
import { createHmac } from 'node:crypto';

import {
	actionLinkUrl,
	createActionLinkToken,
	LinkConfigError,
	REFUSAL_REASONS,
	verifyActionLinkToken,
	type LinkSubject,
} from '../../nodes/shared/agentLinks';

const SECRET = 'test-link-signing-secret-0123456789';
const NOW = Date.UTC(2025, 0, 1); // 1735689600000
const NONCE = 'AAAAAAAAAAAAAAAAAAAAAA';
const CLOSE: LinkSubject = {
	action: 'close',
	agentId: 'wang',
	conversationId: 'biz_001:cust_a1',
	desk: 'default',
};

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The same token with character `at` replaced by another base64url character. */
function changedAt(token: string, at: number, shift = 1): string {
	const c = token[at];
	const next = B64URL[(B64URL.indexOf(c) + shift) % B64URL.length];
	return token.slice(0, at) + next + token.slice(at + 1);
}

describe('agent link tokens: the wire format', () => {
	it('known answer: payload and HMAC-SHA256 as computed by an independent implementation', () => {
		const { token, claims } = createActionLinkToken(CLOSE, {
			secret: SECRET,
			now: NOW,
			nonce: NONCE,
		});
		// Computed with Python's hmac/base64 from the documented format (see linkToken.ts).
		expect(token).toBe(
			'eyJ2IjoxLCJhIjoiY2xvc2UiLCJnIjoid2FuZyIsImMiOiJiaXpfMDAxOmN1c3RfYTEiLCJkIjoiZGVmYXVsdCIsImUiOjE3MzU3NzYwMDAsIm4iOiJBQUFBQUFBQUFBQUFBQUFBQUFBQUFBIn0.3F5zrXgv0MXKRRdS5hKK6m3zfKPuidmmvhjERlvizWM',
		);
		expect(claims).toEqual({ ...CLOSE, expiresAt: 1735776000000, nonce: NONCE });
		const status = createActionLinkToken(
			{ action: 'status', agentId: '小王', status: 'away' },
			{ secret: SECRET, now: NOW, nonce: NONCE },
		);
		expect(status.token).toBe(
			'eyJ2IjoxLCJhIjoic3RhdHVzIiwiZyI6IuWwj-eOiyIsInMiOiJhd2F5IiwiZSI6MTczNTc3NjAwMCwibiI6IkFBQUFBQUFBQUFBQUFBQUFBQUFBQUEifQ.EA6WSO6oo8GrXIIouMlcrxqh0EEYH_7ea_rPBJuHpIg',
		);
	});

	it('the mac is HMAC-SHA256 of "xhs-agent-link.v1." + the payload part, base64url', () => {
		const { token } = createActionLinkToken(CLOSE, { secret: SECRET });
		const [payload, mac] = token.split('.');
		expect(mac).toBe(
			createHmac('sha256', SECRET).update(`xhs-agent-link.v1.${payload}`).digest('base64url'),
		);
		expect(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))).toMatchObject({
			v: 1,
			a: 'close',
			g: 'wang',
			c: 'biz_001:cust_a1',
			d: 'default',
		});
		expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
	});

	it('every link gets a fresh 128-bit nonce', () => {
		const nonces = new Set(
			Array.from(
				{ length: 200 },
				() => createActionLinkToken(CLOSE, { secret: SECRET }).claims.nonce,
			),
		);
		expect(nonces.size).toBe(200);
		for (const nonce of nonces) expect(Buffer.from(nonce, 'base64url')).toHaveLength(16);
	});

	it('the link URL carries the token as ?t=, next to a query the address has', () => {
		const { token } = createActionLinkToken(CLOSE, { secret: SECRET });
		const url = new URL(actionLinkUrl('https://n8n.example.com/webhook/xhs-close', token));
		expect(url.origin + url.pathname).toBe('https://n8n.example.com/webhook/xhs-close');
		expect(url.searchParams.get('t')).toBe(token);
		const more = new URL(actionLinkUrl('http://localhost:5678/webhook/x?lang=zh', token));
		expect([more.searchParams.get('lang'), more.searchParams.get('t')]).toEqual(['zh', token]);
		expect(() => actionLinkUrl('webhook/xhs-close', token)).toThrow(LinkConfigError);
		expect(() => actionLinkUrl('javascript:alert(1)', token)).toThrow(LinkConfigError);
	});
});

describe('agent link tokens: verify', () => {
	const made = createActionLinkToken(CLOSE, { secret: SECRET, now: NOW });
	const at = NOW + 60_000;

	it('round trip: the claims come back as made', () => {
		const verdict = verifyActionLinkToken(made.token, { secret: SECRET, now: at });
		expect(verdict).toEqual({ ok: true, claims: made.claims });
		// With every expectation met.
		expect(
			verifyActionLinkToken(made.token, {
				secret: SECRET,
				now: at,
				expect: { actions: ['close', 'status'], agentId: 'wang', desk: 'default' },
			}).ok,
		).toBe(true);
		// An empty acting agent means "not said".
		expect(
			verifyActionLinkToken(made.token, { secret: SECRET, now: at, expect: { agentId: '' } }).ok,
		).toBe(true);
		// Whitespace a chat app adds around a pasted token does not matter.
		expect(verifyActionLinkToken(` ${made.token}\n`, { secret: SECRET, now: at }).ok).toBe(true);
	});

	it.each([
		['not a string', 42],
		['undefined', undefined],
		['empty', ''],
		['no dot', made.token.replace('.', '')],
		['two dots', `${made.token}.x`],
		['mac too short', made.token.slice(0, -1)],
		['mac too long', `${made.token}A`],
		['padding', `${made.token}=`],
		['not base64url', made.token.replace(/^./, '+')],
		['too long', `${'A'.repeat(3000)}.${made.token.split('.')[1]}`],
	])('malformed: %s', (_, token) => {
		expect(verifyActionLinkToken(token, { secret: SECRET, now: at })).toEqual({
			ok: false,
			reason: 'malformed',
		});
	});

	it('malformed: a signed payload that is not a link payload (only the secret can make one)', () => {
		const sign = (json: string) => {
			const payload = Buffer.from(json).toString('base64url');
			return `${payload}.${createHmac('sha256', SECRET).update(`xhs-agent-link.v1.${payload}`).digest('base64url')}`;
		};
		const good = { v: 1, a: 'close', g: 'wang', c: 'x', e: 1735776000, n: NONCE };
		expect(verifyActionLinkToken(sign(JSON.stringify(good)), { secret: SECRET, now: at }).ok).toBe(
			true,
		);
		for (const bad of [
			'not json',
			'[]',
			JSON.stringify({ ...good, v: 2 }),
			JSON.stringify({ ...good, g: '' }),
			JSON.stringify({ ...good, g: 7 }),
			JSON.stringify({ ...good, e: '1735776000' }),
			JSON.stringify({ ...good, n: 'short' }),
			JSON.stringify({ ...good, a: 'Close!' }),
			JSON.stringify({ ...good, extra: true }),
		])
			expect(verifyActionLinkToken(sign(bad), { secret: SECRET, now: at })).toEqual({
				ok: false,
				reason: 'malformed',
			});
	});

	it('bad-signature: another secret, a forged mac', () => {
		expect(
			verifyActionLinkToken(made.token, { secret: 'another-secret-of-enough-length', now: at }),
		).toEqual({ ok: false, reason: 'bad-signature' });
		const [payload] = made.token.split('.');
		expect(
			verifyActionLinkToken(`${payload}.${'A'.repeat(43)}`, { secret: SECRET, now: at }),
		).toEqual({ ok: false, reason: 'bad-signature' });
	});

	it('bad-signature: a payload rewritten to another agent, conversation or expiry keeps the old mac in vain', () => {
		const [payload, mac] = made.token.split('.');
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
		for (const change of [
			{ g: 'li' },
			{ c: 'biz_001:cust_a2' },
			{ e: claims.e + 86400 },
			{ a: 'status', s: 'online' },
		]) {
			const forged = Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url');
			expect(verifyActionLinkToken(`${forged}.${mac}`, { secret: SECRET, now: at })).toEqual({
				ok: false,
				reason: 'bad-signature',
			});
		}
	});

	it('tampering with any single character of the payload or the mac is refused', () => {
		const token = made.token;
		let refused = 0;
		for (let i = 0; i < token.length; i++) {
			if (token[i] === '.') continue;
			for (const shift of [1, 2, 16, 32, 63]) {
				const verdict = verifyActionLinkToken(changedAt(token, i, shift), {
					secret: SECRET,
					now: at,
				});
				expect(verdict.ok).toBe(false);
				expect(['bad-signature', 'malformed']).toContain(verdict.ok ? 'ok' : verdict.reason);
				refused++;
			}
		}
		// Including the mac's last character, whose low bits base64 decoding would ignore.
		expect(refused).toBe((token.length - 1) * 5);
	});

	it('expired: valid until the last millisecond before expiresAt, refused from it on', () => {
		const { token, claims } = createActionLinkToken(CLOSE, {
			secret: SECRET,
			now: NOW,
			lifetimeMs: 3_600_000,
		});
		expect(claims.expiresAt).toBe(NOW + 3_600_000);
		expect(verifyActionLinkToken(token, { secret: SECRET, now: claims.expiresAt - 1 }).ok).toBe(
			true,
		);
		for (const now of [claims.expiresAt, claims.expiresAt + 1, claims.expiresAt + 86_400_000])
			expect(verifyActionLinkToken(token, { secret: SECRET, now })).toEqual({
				ok: false,
				reason: 'expired',
			});
		// Whole seconds: a lifetime ending mid-second ends at that second's start.
		const odd = createActionLinkToken(CLOSE, { secret: SECRET, now: NOW + 999, lifetimeMs: 1500 });
		expect(odd.claims.expiresAt).toBe(NOW + 2000);
		// The default lifetime is 24 hours.
		expect(createActionLinkToken(CLOSE, { secret: SECRET, now: NOW }).claims.expiresAt).toBe(
			NOW + 86_400_000,
		);
	});

	it('wrong-action: a link of an action this endpoint does not perform', () => {
		expect(
			verifyActionLinkToken(made.token, {
				secret: SECRET,
				now: at,
				expect: { actions: ['status'] },
			}),
		).toEqual({ ok: false, reason: 'wrong-action' });
		expect(
			verifyActionLinkToken(made.token, { secret: SECRET, now: at, expect: { actions: [] } }),
		).toEqual({ ok: false, reason: 'wrong-action' });
	});

	it("not-yours: another agent's link, or a link of another desk", () => {
		expect(
			verifyActionLinkToken(made.token, { secret: SECRET, now: at, expect: { agentId: 'li' } }),
		).toEqual({ ok: false, reason: 'not-yours' });
		expect(
			verifyActionLinkToken(made.token, { secret: SECRET, now: at, expect: { desk: 'vip' } }),
		).toEqual({ ok: false, reason: 'not-yours' });
		const deskless = createActionLinkToken(
			{ action: 'status', agentId: 'wang', status: 'away' },
			{ secret: SECRET, now: NOW },
		);
		expect(
			verifyActionLinkToken(deskless.token, {
				secret: SECRET,
				now: at,
				expect: { desk: 'default' },
			}),
		).toEqual({ ok: false, reason: 'not-yours' });
	});

	it('the reasons are the documented set, and a refusal carries nothing else', () => {
		expect([...REFUSAL_REASONS]).toEqual([
			'malformed',
			'bad-signature',
			'expired',
			'used',
			'not-yours',
			'wrong-action',
		]);
		const verdict = verifyActionLinkToken(`${made.token}x`, { secret: SECRET, now: at });
		expect(Object.keys(verdict).sort()).toEqual(['ok', 'reason']);
	});

	it('a setup mistake is an error, not a refusal: short secret, incomplete subject, lifetime out of range', () => {
		expect(() => verifyActionLinkToken(made.token, { secret: 'short' })).toThrow(
			/at least 16 characters/,
		);
		expect(() => createActionLinkToken(CLOSE, { secret: '' })).toThrow(LinkConfigError);
		const make = (subject: Partial<LinkSubject>, lifetimeMs?: number) => () =>
			createActionLinkToken({ ...CLOSE, ...subject } as LinkSubject, {
				secret: SECRET,
				lifetimeMs,
			});
		expect(make({ conversationId: undefined })).toThrow(/conversation ID/);
		expect(make({ action: 'status', conversationId: undefined })).toThrow(/status to set/);
		expect(make({ agentId: ' ' })).toThrow(/agent ID/);
		expect(make({ action: 'Close Now' })).toThrow(/action/);
		expect(make({ desk: 'x'.repeat(300) })).toThrow(/desk/);
		expect(make({}, 0)).toThrow(/lifetime/);
		expect(make({}, 31 * 86_400_000)).toThrow(/lifetime/);
		// The secret never appears in a message.
		const error = (() => {
			try {
				verifyActionLinkToken(made.token, { secret: 'tiny-secret' });
			} catch (e) {
				return e as Error;
			}
			return undefined;
		})();
		expect(error?.message).not.toContain('tiny-secret');
	});

	it('a future action signs and verifies the same way', () => {
		const { token, claims } = createActionLinkToken(
			{ action: 'snooze', agentId: 'wang', conversationId: 'c:1' },
			{ secret: SECRET, now: NOW },
		);
		expect(verifyActionLinkToken(token, { secret: SECRET, now: at })).toEqual({ ok: true, claims });
	});
});
