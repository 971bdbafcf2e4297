// @ts-check
'use strict';
// What one push attempt looks like on the wire (spec §4 for r1, §4r2 for r2): the body, the
// headers of the signature mode, and the path suffix of the event's kind. Rendered afresh for
// every attempt, so each carries a new IV (and, in timestamp-hmac, a new timestamp).
//
// Events reach here in the sandbox's internal form: an object with `event` set to the revision-1
// name (`message`, `account_bound`, …; see events.js for what each carries per revision), or the
// revision-2 URL check `{event: "url_check"}`.
const crypto = require('node:crypto');
const { encrypt, sign, signBody } = require('./crypto');
const { isObject } = require('./http-util');

/** Revision-1 event name → the path suffix of its revision-2 callback. */
const SUFFIXES = /** @type {Record<string, string>} */ ({
	message: '/open/im/send',
	account_bound: '/open/im/third/bind_account',
	account_unbound: '/open/im/third/unbind_account',
	kos_auth: '/open/im/auth/bind_user/event',
	comment_intent: '/open/im/intent/comment',
	lead: '/open/im/third/data',
});

/** The revision-2 URL check: a plain {"test": true}, acknowledged by any HTTP 200. */
const URL_CHECK = 'url_check';

/**
 * @typedef {import('./revision').Revision} Revision
 * @typedef {import('./revision').SignatureMode} SignatureMode
 * @typedef {import('./faults').Faults} Faults
 * @typedef {{revision: Revision, signatureMode: SignatureMode, faults: Faults, key: string, secret: string}} RenderInput
 * @typedef {{rawBody: string, headers: Record<string, string>, timestamp: string|null, suffix: string}} Wire
 */

/**
 * @param {Record<string, any>} event
 * @param {RenderInput} input
 * @returns {Wire}
 */
function render(event, input) {
	const { revision, signatureMode, faults, key, secret } = input;
	// A mis-configured key on either side: the content is well-formed but nobody holding `key` can read it.
	const contentKey = faults.wrongKey ? crypto.randomBytes(16).toString('hex') : key;
	const body = revision === 'r1' ? r1Body(event, contentKey) : r2Body(event, contentKey, faults);
	const rawBody = JSON.stringify(body);
	/** @type {Record<string, string>} */
	const headers = {};
	let timestamp = null;
	if (signatureMode === 'timestamp-hmac') {
		timestamp = String(Math.floor(Date.now() / 1000) + faults.timestampSkewSeconds);
		headers['X-Xhs-Timestamp'] = timestamp;
		headers['X-Xhs-Signature'] = sign(
			faults.badSignature ? `wrong:${secret}` : secret,
			timestamp,
			rawBody,
		);
	} else if (signatureMode === 'body-hmac') {
		// keyed with the key text as configured (not the decoded bytes), as the integration's guard does
		headers['X-Xhs-Signature'] = signBody(faults.badSignature ? `wrong:${key}` : key, rawBody);
	}
	return { rawBody, headers, timestamp, suffix: SUFFIXES[String(event.event)] ?? '' };
}

/** Revision 1: every event, whole, encrypted. @param {Record<string, any>} event @param {string} key */
function r1Body(event, key) {
	if (event.event === URL_CHECK) return { test: true };
	return { content: encrypt(JSON.stringify(event), key) };
}

/**
 * Revision 2: a DM is plain JSON with only `content` encrypted; the other known events are their
 * fields without `event`, encrypted (or under `data`); the r1 challenge and unknown events keep
 * their `event` field so that a receiver can be shown one it does not know.
 * @param {Record<string, any>} event @param {string} key @param {Faults} faults
 */
function r2Body(event, key, faults) {
	if (event.event === URL_CHECK) return { test: true };
	if (event.event === 'verify_webhook') return { content: encrypt(JSON.stringify(event), key) };
	if (event.event === 'message') return dmBody(event, key, faults);
	const { event: name, ...fields } = event;
	const payload = Object.hasOwn(SUFFIXES, String(name)) ? fields : event;
	if (faults.eventsUnderData) return { data: payload };
	return { content: encrypt(JSON.stringify(payload), key) };
}

/** @param {Record<string, any>} event @param {string} key @param {Faults} faults */
function dmBody(event, key, faults) {
	const content = isObject(event.content) ? event.content : {};
	const bareText =
		faults.plainTextContent && event.message_type === 'TEXT' && typeof content.text === 'string';
	const info = isObject(event.user_info) ? event.user_info : {};
	/** @type {Record<string, any>} */
	const body = {
		message_id: event.message_id,
		message_type: event.message_type,
		message_source: event.message_source,
		from_user_id: event.from_user_id,
		to_user_id: event.to_user_id,
		third_account_id: event.third_account_id,
		timestamp: event.timestamp,
		content: encrypt(bareText ? content.text : JSON.stringify(event.content), key),
		user_info: {
			nickname: info.nickname,
			[faults.avatarAsHeaderImage ? 'header_image' : 'avatar']: info.avatar,
		},
	};
	if (faults.omitThirdAccountId) delete body.third_account_id;
	return body;
}

/**
 * The registered URL with a path suffix: no double slash, the query string kept after the path.
 * @param {string} url @param {string} suffix
 */
function withSuffix(url, suffix) {
	if (!suffix) return url;
	let u;
	try {
		u = new URL(url);
	} catch {
		return url; // the delivery then fails as an invalid URL, as without a suffix
	}
	u.pathname = u.pathname.replace(/\/+$/, '') + suffix;
	return u.href;
}

module.exports = { render, withSuffix, SUFFIXES, URL_CHECK };
