import {
	ContentCryptoError,
	decryptText,
	decryptJson,
	encryptContent,
	encryptJson,
} from '../../nodes/shared/xiaohongshu/contentCrypto';

// Vectors computed with OpenSSL, not with this code:
//   printf '%s' '{"text":"这个面霜多少钱？"}' | openssl enc -aes-128-cbc \
//     -K 30313233343536373839616263646566 -iv 000102030405060708090a0b0c0d0e0f -base64 -A
const KEY = '0123456789abcdef';
const IV = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const PLAINTEXT = '{"text":"这个面霜多少钱？"}';
const WIRE =
	'AAECAwQFBgcICQoLDA0ODw==~split~zWjskiW5BpZUU6Ka/PYO69XFx3y2BqlxbgjopFY6dmyIGHvGaeHqhgpPrATjxioh';

describe('content encryption (AES-128-CBC, iv~split~cipher)', () => {
	it('encrypts to the OpenSSL vector with a fixed IV', () => {
		expect(encryptContent(PLAINTEXT, KEY, IV)).toBe(WIRE);
	});

	it('decrypts the OpenSSL vector', () => {
		expect(decryptText(WIRE, KEY)).toBe(PLAINTEXT);
		expect(decryptJson(WIRE, KEY)).toEqual({ text: '这个面霜多少钱？' });
	});

	it('uses a fresh random IV per message', () => {
		const a = encryptJson({ text: 'hi' }, KEY);
		const b = encryptJson({ text: 'hi' }, KEY);
		expect(a).not.toBe(b);
		expect(decryptJson(a, KEY)).toEqual(decryptJson(b, KEY));
	});

	it.each([
		['no separator', 'abc'],
		['bad base64', '!!!~split~???'],
		['short IV', 'AAEC~split~zWjskiW5BpZUU6Ka/PYO69XFx3y2BqlxbgjopFY6dmyIGHvGaeHqhgpPrATjxioh'],
		['ragged ciphertext', 'AAECAwQFBgcICQoLDA0ODw==~split~zWjs'],
	])('refuses %s with a ContentCryptoError', (_name, wire) => {
		expect(() => decryptText(wire, KEY)).toThrow(ContentCryptoError);
	});

	it('refuses the wrong key without leaking plaintext', () => {
		let message = '';
		try {
			decryptText(WIRE, 'fedcba9876543210');
		} catch (error) {
			message = (error as Error).message;
		}
		// Wrong-key CBC either fails padding or yields garbage JSON; both must be reported.
		if (message) expect(message).not.toContain('面霜');
		else expect(() => decryptJson(WIRE, 'fedcba9876543210')).toThrow(ContentCryptoError);
	});

	it('requires a 16-byte key and names the length', () => {
		expect(() => encryptContent('x', 'short')).toThrow(/16 bytes.*5/);
		// 16 characters but 18 UTF-8 bytes
		expect(() => encryptContent('x', '密钥0123456789ab')).toThrow(/16 bytes/);
	});
});
