// @ts-check
'use strict';
// Push/send crypto of the wire contract (spec §4, §7), written independently of the package's
// transport: AES-128-CBC + PKCS#7, wire format base64(iv) + "~split~" + base64(cipher),
// and a lowercase-hex HMAC-SHA256(secret, timestamp + "." + rawBody) signature.
const crypto = require('node:crypto');

const SEPARATOR = '~split~';
const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** @param {string} key */
function keyBytes(key) {
	const buf = Buffer.from(String(key), 'utf8');
	if (buf.length !== 16) throw new Error(`encryption key must be exactly 16 UTF-8 bytes (got ${buf.length})`);
	return buf;
}

/**
 * @param {string} plaintext
 * @param {string} key 16-byte text key
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
	if (!B64.test(ivB64) || !B64.test(ctB64)) throw new Error('content is not standard padded base64');
	const iv = Buffer.from(ivB64, 'base64');
	const ct = Buffer.from(ctB64, 'base64');
	if (iv.length !== 16) throw new Error(`iv must be 16 bytes (got ${iv.length})`);
	if (ct.length === 0 || ct.length % 16 !== 0) throw new Error('ciphertext length must be a positive multiple of 16');
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

module.exports = { SEPARATOR, encrypt, decrypt, sign, verify, keyBytes, randomId };
