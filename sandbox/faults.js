// @ts-check
'use strict';
// Fault knobs (POST /sandbox/faults) and the per-second rate limit of the platform API.

const SERVER_ERROR_MODES = ['json', 'html', 'empty', 'drop'];

/** @param {{pushPathSuffix?: boolean}} [opts] the options that set a knob's starting value */
function defaults(opts = {}) {
	return {
		/** each push's first attempt is also sent N extra times at once, each freshly encrypted/signed */
		duplicateDeliveries: 0,
		/** wait before the first attempt of each push */
		pushDelayMs: 0,
		/** the next N platform API calls answer 42900 / HTTP 429 */
		rateLimitNext: 0,
		/** Retry-After of those answers (whole seconds, >= 1) */
		retryAfterSeconds: 1,
		/** the next N platform API calls answer a server error */
		serverErrorNext: 0,
		/** @type {'json'|'html'|'empty'|'drop'} */
		serverErrorMode: 'json',
		/** HTTP status of injected server errors (json/html/empty) */
		serverErrorStatus: 500,
		/** pushes are signed with a wrong key (both HMAC modes; nothing to spoil without a signature) */
		badSignature: false,
		/** X-Xhs-Timestamp of pushes is shifted by this many seconds (timestamp-hmac only) */
		timestampSkewSeconds: 0,
		/** encrypted push content uses a random other key: a receiver with the configured key cannot read it */
		wrongKey: false,
		/** pushes go to the webhook URL + the event's path suffix (spec §4r2); starts as the option */
		pushPathSuffix: opts.pushPathSuffix === true,
		/** r2 DMs lack third_account_id (the integration says it may be absent) */
		omitThirdAccountId: false,
		/** r2 DMs carry user_info.header_image instead of avatar */
		avatarAsHeaderImage: false,
		/** r2 TEXT DMs encrypt the bare text instead of {"text": …} */
		plainTextContent: false,
		/** r2 events other than DMs arrive as {"data": fields}, unencrypted */
		eventsUnderData: false,
		/** accepted API sends are pushed back as message_source 3 events */
		echo: false,
		/** delay before every platform API answer */
		apiLatencyMs: 0,
		/** delay before the team chat (agents' and sales' bots) answers a message */
		botLatencyMs: 0,
	};
}

/** @typedef {ReturnType<typeof defaults>} Faults */

const INT_KEYS = [
	'duplicateDeliveries',
	'pushDelayMs',
	'rateLimitNext',
	'retryAfterSeconds',
	'serverErrorNext',
	'serverErrorStatus',
	'timestampSkewSeconds',
	'apiLatencyMs',
	'botLatencyMs',
];
const BOOL_KEYS = [
	'badSignature',
	'echo',
	'wrongKey',
	'pushPathSuffix',
	'omitThirdAccountId',
	'avatarAsHeaderImage',
	'plainTextContent',
	'eventsUnderData',
];
/** one-shot actions: not stored, reported back in the answer */
const ACTIONS = ['expireAccessTokens'];

/** @param {{pushPathSuffix?: boolean}} [opts] */
function createFaults(opts = {}) {
	let f = defaults(opts);

	/**
	 * Validates and applies a patch; returns the actions it asked for.
	 * @param {Record<string, any>} patch
	 * @returns {string[]}
	 */
	function set(patch) {
		const next = { ...f };
		/** @type {string[]} */
		const actions = [];
		for (const [key, value] of Object.entries(patch)) {
			if (ACTIONS.includes(key)) {
				if (value === true) actions.push(key);
				else if (value !== false) throw new Error(`${key} must be true or false`);
			} else if (INT_KEYS.includes(key)) {
				const n = Number(value);
				if (!Number.isInteger(n) || (n < 0 && key !== 'timestampSkewSeconds'))
					throw new Error(`${key} must be an integer >= 0`);
				/** @type {any} */ (next)[key] = n;
			} else if (BOOL_KEYS.includes(key)) {
				if (typeof value !== 'boolean') throw new Error(`${key} must be true or false`);
				/** @type {any} */ (next)[key] = value;
			} else if (key === 'serverErrorMode') {
				if (!SERVER_ERROR_MODES.includes(value))
					throw new Error(`serverErrorMode must be one of ${SERVER_ERROR_MODES.join(', ')}`);
				next.serverErrorMode = value;
			} else {
				throw new Error(`unknown fault ${key}`);
			}
		}
		if (next.retryAfterSeconds < 1) throw new Error('retryAfterSeconds must be >= 1');
		if (next.serverErrorStatus < 500 || next.serverErrorStatus > 599)
			throw new Error('serverErrorStatus must be 5xx');
		f = next;
		return actions;
	}

	return {
		current: () => f,
		set,
		clear() {
			f = defaults(opts);
		},
		/** Consumes one injected 429; returns its Retry-After or null. */
		takeRateLimit() {
			if (f.rateLimitNext <= 0) return null;
			f.rateLimitNext--;
			return f.retryAfterSeconds;
		},
		/** Consumes one injected server error; returns its mode and status or null. */
		takeServerError() {
			if (f.serverErrorNext <= 0) return null;
			f.serverErrorNext--;
			return { mode: f.serverErrorMode, status: f.serverErrorStatus };
		},
	};
}

/**
 * Sliding one-second window of accepted calls, on the sandbox clock (so a frozen clock makes it
 * deterministic and advancing it by 1 s empties the window).
 * @param {() => number} limit
 * @param {() => number} now
 */
function createRateLimiter(limit, now) {
	/** @type {number[]} */
	let hits = [];
	return {
		/** @returns {number} 0 when allowed, else the Retry-After in whole seconds */
		hit() {
			const t = now();
			hits = hits.filter((h) => h <= t && t - h < 1000);
			if (hits.length >= limit()) return Math.max(1, Math.ceil((hits[0] + 1000 - t) / 1000));
			hits.push(t);
			return 0;
		},
		reset() {
			hits = [];
		},
	};
}

module.exports = { createFaults, createRateLimiter, defaults, SERVER_ERROR_MODES };
