import { signPush, verifyPushSignature } from '../../nodes/shared/xiaohongshu/pushSignature';

// Vectors computed with OpenSSL:
//   printf '%s' '1732345678.{"content":"abc"}' | openssl dgst -sha256 -hmac 'sandbox-secret-123'
const V1 = '2b6f8dc4a8f26a84fae562559883642c138b0f2d484602a341faa8b3e71f7a73';
//   printf '%s' '1732345678.{"content":"价格"}' | openssl dgst -sha256 -hmac '密钥secret'
const V2 = 'd97d3e1a119a7821aa9aea4a176b78c00941a04fe2e63e266afea2f1a9cf592a';

const NOW = 1732345678 * 1000;

describe('push signature (HMAC-SHA256 over timestamp.rawBody)', () => {
	it('matches the OpenSSL vectors, including UTF-8 secrets and bodies', () => {
		expect(signPush('sandbox-secret-123', 1732345678, '{"content":"abc"}')).toBe(V1);
		expect(signPush('密钥secret', '1732345678', Buffer.from('{"content":"价格"}'))).toBe(V2);
	});

	const base = {
		secret: 'sandbox-secret-123',
		rawBody: '{"content":"abc"}',
		signature: V1,
		timestamp: '1732345678',
	};

	it('accepts a correct signature', () => {
		expect(verifyPushSignature({ ...base, nowMs: NOW })).toEqual({ ok: true });
	});

	it('accepts 300 s of skew and refuses 301 s, both directions', () => {
		expect(verifyPushSignature({ ...base, nowMs: NOW + 300_000 }).ok).toBe(true);
		expect(verifyPushSignature({ ...base, nowMs: NOW - 300_000 }).ok).toBe(true);
		expect(verifyPushSignature({ ...base, nowMs: NOW + 301_000 })).toEqual({
			ok: false,
			reason: expect.stringMatching(/301 s/),
		});
		expect(verifyPushSignature({ ...base, nowMs: NOW - 301_000 }).ok).toBe(false);
	});

	it.each([
		['a changed body', { rawBody: '{"content":"abd"}' }],
		['another secret', { secret: 'other' }],
		['an uppercase signature', { signature: V1.toUpperCase() }],
		['a truncated signature', { signature: V1.slice(0, 60) }],
		['no signature', { signature: undefined }],
		['no timestamp', { timestamp: undefined }],
		['a millisecond timestamp', { timestamp: '1732345678000' }],
	])('refuses %s', (_name, change) => {
		const result = verifyPushSignature({ ...base, ...change, nowMs: NOW });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).not.toContain('sandbox-secret-123');
	});
});
