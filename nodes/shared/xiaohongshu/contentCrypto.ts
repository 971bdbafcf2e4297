import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Message content encryption (spec §4): AES-128-CBC, PKCS#7, key = the 16 UTF-8 bytes of
 * the console's "encryption key", wire format base64(iv) + "~split~" + base64(cipher).
 */
const SEPARATOR = '~split~';

export class ContentCryptoError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ContentCryptoError';
	}
}

export function encryptionKeyBytes(key: string): Buffer {
	const bytes = Buffer.from(key ?? '', 'utf8');
	if (bytes.length !== 16) {
		throw new ContentCryptoError(
			`The encryption key must be exactly 16 bytes (UTF-8); this one has ${bytes.length}`,
		);
	}
	return bytes;
}

export function encryptContent(plaintext: string, key: string, iv: Buffer = randomBytes(16)): string {
	const cipher = createCipheriv('aes-128-cbc', encryptionKeyBytes(key), iv);
	const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return `${iv.toString('base64')}${SEPARATOR}${body.toString('base64')}`;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decryptContent(wire: string, key: string): string {
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
		return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
	});
	if (plaintext === undefined) {
		throw new ContentCryptoError('content could not be decrypted with this encryption key');
	}
	return plaintext;
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
	const text = decryptContent(wire, key);
	const parsed = attempt(() => ({ value: JSON.parse(text) as unknown }));
	if (!parsed) throw new ContentCryptoError('decrypted content is not JSON');
	return parsed.value;
}
