import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ContentCryptoError } from './contentCryptoError';
import { encryptionKeyBytes } from './encryptionKey';

export { ContentCryptoError } from './contentCryptoError';
export { encryptionKeyBytes } from './encryptionKey';

/**
 * Message content encryption (spec §4, §4r2): AES-128-CBC, PKCS#7, the console's key (32 hex
 * characters or 16 bytes of text, see encryptionKey.ts), wire format
 * base64(iv) + "~split~" + base64(cipher), IV first.
 */
const SEPARATOR = '~split~';

export function encryptContent(
	plaintext: string,
	key: string,
	iv: Buffer = randomBytes(16),
): string {
	const cipher = createCipheriv('aes-128-cbc', encryptionKeyBytes(key), iv);
	const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return `${iv.toString('base64')}${SEPARATOR}${body.toString('base64')}`;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** True when the text has the iv~split~cipher form (it may still not decrypt). */
export function looksEncrypted(wire: unknown): wire is string {
	if (typeof wire !== 'string') return false;
	const parts = wire.split(SEPARATOR);
	return (
		parts.length === 2 && BASE64.test(parts[0]) && BASE64.test(parts[1]) && parts[1].length > 0
	);
}

/** The decrypted bytes; throws ContentCryptoError on any deviation (form, length, padding). */
export function decryptBytes(wire: string, key: string): Buffer {
	if (typeof wire !== 'string') throw new ContentCryptoError('content is not a string');
	const parts = wire.split(SEPARATOR);
	if (parts.length !== 2) throw new ContentCryptoError('content is not in iv~split~cipher form');
	const [ivText, bodyText] = parts;
	if (!BASE64.test(ivText) || !BASE64.test(bodyText)) {
		throw new ContentCryptoError('content is not valid base64');
	}
	const iv = Buffer.from(ivText, 'base64');
	const body = Buffer.from(bodyText, 'base64');
	if (iv.length !== 16) throw new ContentCryptoError('the IV is not 16 bytes');
	if (body.length === 0 || body.length % 16 !== 0) {
		throw new ContentCryptoError('the ciphertext length is not a multiple of 16');
	}
	const keyBytes = encryptionKeyBytes(key);
	const plaintext = attempt(() => {
		const decipher = createDecipheriv('aes-128-cbc', keyBytes, iv);
		return Buffer.concat([decipher.update(body), decipher.final()]);
	});
	if (plaintext === undefined) {
		throw new ContentCryptoError('content could not be decrypted with this encryption key');
	}
	return plaintext;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** Tab, line feed and carriage return are text; every other C0 control, DEL and C1 is not. */
function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f))
			return true;
	}
	return false;
}

/**
 * The decrypted content as text, only when it is valid UTF-8 without control characters.
 * Random ciphertext decrypts with valid padding about once in 256 tries (spec §4r2); such
 * bytes are noise, never a message.
 */
export function decryptText(wire: string, key: string): string {
	const bytes = decryptBytes(wire, key);
	const text = attempt(() => strictUtf8.decode(bytes));
	if (text === undefined || hasControlCharacter(text)) {
		throw new ContentCryptoError('content decrypted to bytes that are not text (wrong key?)');
	}
	return text;
}

/** The value of fn, or undefined when it throws (bad padding, bad JSON). */
function attempt<T>(fn: () => T): T | undefined {
	try {
		return fn();
	} catch {
		return undefined;
	}
}

export function encryptJson(value: unknown, key: string, iv?: Buffer): string {
	return encryptContent(JSON.stringify(value), key, iv);
}

export function decryptJson(wire: string, key: string): unknown {
	const text = decryptText(wire, key);
	const parsed = attempt(() => ({ value: JSON.parse(text) as unknown }));
	if (!parsed) throw new ContentCryptoError('decrypted content is not JSON');
	return parsed.value;
}
