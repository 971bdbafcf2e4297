// @ts-check
'use strict';
// The response envelope of spec §3 and the HTTP status each code comes with (§7).
const { randomId } = require('./crypto');

const CODES = {
	OK: 0,
	MALFORMED: 40000,
	TOKEN_INVALID: 40001,
	REFRESH_INVALID: 40003,
	AUTH_CODE_INVALID: 40029,
	WINDOW_CLOSED: 45015,
	QUOTA_USED: 45016,
	RATE_LIMITED: 42900,
	SERVER_ERROR: 50000,
};

/**
 * @typedef {{status: number, body: string, headers?: Record<string,string>}} ApiAnswer
 */

/** @param {number} code */
function httpStatusFor(code) {
	if (code === CODES.RATE_LIMITED) return 429;
	if (code >= 50000) return 500;
	return 200;
}

/** @param {unknown} data @returns {ApiAnswer} */
function ok(data) {
	const env = { code: 0, success: true, msg: '', data, request_id: randomId('req_', 8) };
	return { status: 200, body: JSON.stringify(env) };
}

/** @param {number} code @param {string} msg @returns {ApiAnswer} */
function fail(code, msg) {
	const env = { code, success: false, msg, data: null, request_id: randomId('req_', 8) };
	return { status: httpStatusFor(code), body: JSON.stringify(env) };
}

/** An error a handler throws to answer with a business code. */
class ApiError extends Error {
	/** @param {number} code @param {string} msg */
	constructor(code, msg) {
		super(msg);
		this.code = code;
	}
}

module.exports = { CODES, httpStatusFor, ok, fail, ApiError };
