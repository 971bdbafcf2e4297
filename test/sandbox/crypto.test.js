// Known-answer vectors computed with the openssl CLI (the commands are in the comments), the
// two key forms, and the strictness of the decoder. The answers are written down, so no test
// needs openssl at run time (none is skipped where it is missing).
const nodeCrypto = require('node:crypto');
const { encrypt, decrypt, sign, signBody, verify, keyBytes } = require('../../sandbox/crypto');

const HEX_OF_KAT_KEY = '73616e64626f786b6579313233343536'; // printf %s sandboxkey123456 | xxd -p

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
		[
			'unpadded base64',
			'AAECAwQFBgcICQoLDA0ODw~split~BZUjQA08yqwWHIkrXmhiewChQoR+gR8AAJA/Uc/mhyFgS2l9SqyOp48wp+0vEPxl',
		],
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

	describe('key forms (spec §4r2)', () => {
		test('32 hexadecimal characters are hex: the hex of the text key gives the same bytes and the same wire', () => {
			expect(keyBytes(HEX_OF_KAT_KEY)).toEqual(Buffer.from('sandboxkey123456', 'utf8'));
			expect(keyBytes(HEX_OF_KAT_KEY.toUpperCase())).toEqual(
				Buffer.from('sandboxkey123456', 'utf8'),
			);
			expect(encrypt(KAT.plain, HEX_OF_KAT_KEY, KAT.iv)).toBe(KAT.wire);
			expect(decrypt(KAT.wire, HEX_OF_KAT_KEY)).toBe(KAT.plain);
		});

		test('a 16-byte text is text, including 16 hex-looking characters', () => {
			expect(keyBytes('0123456789abcdef')).toEqual(Buffer.from('0123456789abcdef', 'utf8'));
			expect(keyBytes('小红书小abcd')).toEqual(Buffer.from('小红书小abcd', 'utf8')); // 4 × 3 + 4 = 16 bytes
		});

		test.each([
			['31 hex characters', HEX_OF_KAT_KEY.slice(1)],
			['33 hex characters', `${HEX_OF_KAT_KEY}0`],
			['32 characters, not all hex', `${HEX_OF_KAT_KEY.slice(0, 31)}g`],
			['15 bytes of text', 'sandboxkey12345'],
			['17 bytes of text', 'sandboxkey1234567'],
			['empty', ''],
		])('%s → an error naming both accepted forms', (_name, key) => {
			expect(() => keyBytes(key)).toThrow(/32 hexadecimal characters.*16 UTF-8 bytes/);
		});

		test('a non-string key is refused', () => {
			expect(() => keyBytes(undefined)).toThrow(/32 hexadecimal characters/);
			expect(() => keyBytes(1234567890123456)).toThrow(/32 hexadecimal characters/);
		});
	});

	describe('body signature (revision 2 body-hmac)', () => {
		// printf %s '{"test":true}' | openssl dgst -sha256 -hmac 73616e64626f786b6579313233343536
		const BODY_HMAC_KAT = 'ea45475a866752254b759bd14b89c806408d1861a5ed5c32e30f5bbf60ba6342';

		test('keyed with the key text as UTF-8 (not the decoded bytes), lowercase hex', () => {
			expect(signBody(HEX_OF_KAT_KEY, '{"test":true}')).toBe(BODY_HMAC_KAT);
			const viaBytes = nodeCrypto
				.createHmac('sha256', Buffer.from(HEX_OF_KAT_KEY, 'hex'))
				.update('{"test":true}')
				.digest('hex');
			expect(signBody(HEX_OF_KAT_KEY, '{"test":true}')).not.toBe(viaBytes);
		});

		// The body below, written to a file as UTF-8 (node -e 'process.stdout.write(JSON.stringify(…))'):
		// openssl dgst -sha256 -hmac 73616e64626f786b6579313233343536 < body.txt
		const NON_ASCII_BODY_KAT = 'c9c7accc38bb3fedf5f9224d048fef65e991a30886ea9bf14da4f2df87376b14';

		test('signs a body with non-ASCII text over its UTF-8 bytes: the openssl known answer', () => {
			const body = JSON.stringify({
				message_id: 'm_1',
				content: KAT.wire,
				user_info: { nickname: '小红' },
			});
			expect(signBody(HEX_OF_KAT_KEY, body)).toBe(NON_ASCII_BODY_KAT);
			// And what node:crypto makes of the same bytes, as a second computation of the answer.
			const viaNode = nodeCrypto
				.createHmac('sha256', Buffer.from(HEX_OF_KAT_KEY, 'utf8'))
				.update(Buffer.from(body, 'utf8'))
				.digest('hex');
			expect(viaNode).toBe(NON_ASCII_BODY_KAT);
		});
	});
});
