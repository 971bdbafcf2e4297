// @ts-check
'use strict';
// Push/send crypto of the wire contract (spec §4, §4r2, §7), written independently of the
// package's transport: AES-128-CBC + PKCS#7, wire format base64(iv) + "~split~" + base64(cipher),
// the revision-1 signature (lowercase-hex HMAC-SHA256(secret, timestamp + "." + rawBody)) and the
// revision-2 body signature (lowercase-hex HMAC-SHA256(key text, rawBody)).
const crypto = require('node:crypto');

const SEPARATOR = '~split~';
const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX_KEY = /^[0-9a-fA-F]{32}$/;

/**
 * The 16 key bytes of an encryption key as the console shows it (spec §4r2): 32 hexadecimal
 * characters are hex (revision 2's form), a text of exactly 16 UTF-8 bytes is taken as is
 * (revision 1's form). The two cannot collide: 32 hex characters are 32 UTF-8 bytes.
 * @param {unknown} key
 */
function keyBytes(key) {
	if (typeof key === 'string' && HEX_KEY.test(key)) return Buffer.from(key, 'hex');
	const buf = Buffer.from(String(key), 'utf8');
	if (typeof key !== 'string' || buf.length !== 16)
		throw new Error(
			`encryption key must be 32 hexadecimal characters (16 bytes in hex) or a text of exactly 16 UTF-8 bytes (got ${buf.length} bytes)`,
		);
	return buf;
}

/**
 * @param {string} plaintext
 * @param {string} key 32 hex characters or a 16-byte text (see keyBytes)
 * @param {Buffer} [iv] fixed IV for known-answer tests; random otherwise
 */
function encrypt(plaintext, key, iv = crypto.randomBytes(16)) {
	const cipher = crypto.createCipheriv('aes-128-cbc', keyBytes(key), iv);
	const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return iv.toString('base64') + SEPARATOR + ct.toString('base64');
}

/**
 * Strict decoder: throws an Error with a readable message on any deviation.
 * @param {string} wire
 * @param {string} key
 * @returns {string}
 */
function decrypt(wire, key) {
	if (typeof wire !== 'string') throw new Error('content must be a string');
	const parts = wire.split(SEPARATOR);
	if (parts.length !== 2) throw new Error('content must be base64(iv)~split~base64(ciphertext)');
	const [ivB64, ctB64] = parts;
	if (!B64.test(ivB64) || !B64.test(ctB64))
		throw new Error('content is not standard padded base64');
	const iv = Buffer.from(ivB64, 'base64');
	const ct = Buffer.from(ctB64, 'base64');
	if (iv.length !== 16) throw new Error(`iv must be 16 bytes (got ${iv.length})`);
	if (ct.length === 0 || ct.length % 16 !== 0)
		throw new Error('ciphertext length must be a positive multiple of 16');
	let plain;
	try {
		const decipher = crypto.createDecipheriv('aes-128-cbc', keyBytes(key), iv);
		plain = Buffer.concat([decipher.update(ct), decipher.final()]);
	} catch {
		throw new Error('content could not be decrypted (wrong key or bad padding)');
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(plain);
	} catch {
		throw new Error('decrypted content is not UTF-8');
	}
}

/**
 * @param {string} secret
 * @param {string|number} timestamp unix seconds
 * @param {string} rawBody
 */
function sign(secret, timestamp, rawBody) {
	return crypto
		.createHmac('sha256', Buffer.from(String(secret), 'utf8'))
		.update(`${timestamp}.${rawBody}`, 'utf8')
		.digest('hex');
}

/**
 * Revision 2's optional body signature: keyed with the key text's own UTF-8 bytes exactly as
 * configured (not the decoded key bytes), as the public integration's guard computes it.
 * @param {string} keyText
 * @param {string} rawBody
 */
function signBody(keyText, rawBody) {
	return crypto
		.createHmac('sha256', Buffer.from(String(keyText), 'utf8'))
		.update(rawBody, 'utf8')
		.digest('hex');
}

/**
 * @param {string} secret
 * @param {string} timestamp
 * @param {string} rawBody
 * @param {string} signature
 * @param {number} nowSeconds
 * @param {number} [toleranceSeconds]
 */
function verify(secret, timestamp, rawBody, signature, nowSeconds, toleranceSeconds = 300) {
	if (!/^\d+$/.test(String(timestamp))) return false;
	if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
	const expected = Buffer.from(sign(secret, timestamp, rawBody), 'utf8');
	const given = Buffer.from(String(signature), 'utf8');
	return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/** @param {string} prefix @param {number} [bytes] */
function randomId(prefix, bytes = 12) {
	return prefix + crypto.randomBytes(bytes).toString('hex');
}

module.exports = { SEPARATOR, encrypt, decrypt, sign, signBody, verify, keyBytes, randomId };
