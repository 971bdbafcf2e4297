// Known-answer vectors computed with openssl (see comments), and the strictness of the decoder.
const { encrypt, decrypt, sign, verify } = require('../../sandbox/crypto');

// printf %s '{"text":"这个面霜多少钱？"}' | openssl enc -aes-128-cbc -K $(printf %s sandboxkey123456 | xxd -p) \
//   -iv 000102030405060708090a0b0c0d0e0f | base64 -w0
const KAT = {
	key: 'sandboxkey123456',
	iv: Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'),
	plain: '{"text":"这个面霜多少钱？"}',
	wire: 'AAECAwQFBgcICQoLDA0ODw==~split~BZUjQA08yqwWHIkrXmhiewChQoR+gR8AAJA/Uc/mhyFgS2l9SqyOp48wp+0vEPxl',
};
// printf %s '1732345678.{"content":"abc"}' | openssl dgst -sha256 -hmac sandbox_app_secret_0001
const HMAC_KAT = 'bcd12faa97ff14c6e805d43557d335681c1c8baf0fb9353575dcf3e210097221';

describe('sandbox crypto', () => {
	test('encrypts to the openssl known answer', () => {
		expect(encrypt(KAT.plain, KAT.key, KAT.iv)).toBe(KAT.wire);
	});

	test('decrypts the openssl known answer', () => {
		expect(decrypt(KAT.wire, KAT.key)).toBe(KAT.plain);
	});

	test('a random IV per message', () => {
		const a = encrypt('x', KAT.key);
		const b = encrypt('x', KAT.key);
		expect(a).not.toBe(b);
		expect(decrypt(a, KAT.key)).toBe('x');
	});

	test('signs to the openssl known answer (lowercase hex)', () => {
		expect(sign('sandbox_app_secret_0001', 1732345678, '{"content":"abc"}')).toBe(HMAC_KAT);
	});

	test('verify accepts |now - ts| = 300 and rejects 301', () => {
		const body = '{"content":"abc"}';
		const sig = sign('s', 1000, body);
		expect(verify('s', '1000', body, sig, 1300)).toBe(true);
		expect(verify('s', '1000', body, sig, 700)).toBe(true);
		expect(verify('s', '1000', body, sig, 1301)).toBe(false);
		expect(verify('s', '1000', body, sig.toUpperCase(), 1000)).toBe(false);
		expect(verify('t', '1000', body, sig, 1000)).toBe(false);
	});

	test.each([
		['no separator', 'AAECAwQFBgcICQoLDA0ODw=='],
		['two separators', `${KAT.wire}~split~AA==`],
		['url-safe base64', KAT.wire.replace('+', '-')],
		['unpadded base64', 'AAECAwQFBgcICQoLDA0ODw~split~BZUjQA08yqwWHIkrXmhiewChQoR+gR8AAJA/Uc/mhyFgS2l9SqyOp48wp+0vEPxl'],
		['short iv', 'AAECAw==~split~BZUjQA08yqwWHIkrXmhiewChQoR+gR8AAJA/Uc/mhyFgS2l9SqyOp48wp+0vEPxl'],
		['truncated ciphertext', 'AAECAwQFBgcICQoLDA0ODw==~split~BZUjQA08yqwWHIkrXmhiew=='],
	])('decrypt rejects %s', (_name, wire) => {
		expect(() => decrypt(wire, KAT.key)).toThrow();
	});

	test('decrypt rejects a wrong key (bad padding)', () => {
		expect(() => decrypt(KAT.wire, 'otherkey12345678')).toThrow();
	});

	test('the key must be exactly 16 UTF-8 bytes', () => {
		expect(() => encrypt('x', 'short')).toThrow(/16/);
		expect(() => encrypt('x', '小红书小红书')).toThrow(/16/); // 6 chars, 18 bytes
	});
});
