// @ts-check
'use strict';
// Auth codes, access/refresh tokens and the exchange/refresh endpoints (spec §2, §7):
// every refresh rotates both tokens; the old access token keeps working for graceSeconds
// (or until its own expiry, whichever is first); the old refresh token dies at once. In
// revision 2 an all-digit app_id may come as a JSON number (§5r2).
const { randomId } = require('./crypto');
const { CODES, ApiError } = require('./envelope');
const { isObject } = require('./http-util');

/**
 * @typedef {{user_id: string, expiresAt: number, used: boolean}} AuthCode
 * @typedef {{user_id: string, expiresAt: number, graceUntil: number}} AccessToken
 * @typedef {{user_id: string, expiresAt: number, revoked: boolean, access: string}} RefreshToken
 * @typedef {import('./core').Ctx} Ctx
 */

/** @param {Ctx} ctx */
function createAuth(ctx) {
	const { opts, clock, stats } = ctx;
	/** @type {Map<string, AuthCode>} */ const authCodes = new Map();
	/** @type {Map<string, AccessToken>} */ const accessTokens = new Map();
	/** @type {Map<string, RefreshToken>} */ const refreshTokens = new Map();
	/** the values GET /sandbox/app hands out, renewed once consumed */
	const current = { authCode: '', refreshToken: '' };

	function issueAuthCode(userId = opts.businessUserId) {
		const code = randomId('code_', 10);
		authCodes.set(code, {
			user_id: userId,
			expiresAt: clock.now() + opts.authCodeTtlSeconds * 1000,
			used: false,
		});
		current.authCode = code;
		return { auth_code: code, expires_in: opts.authCodeTtlSeconds, user_id: userId };
	}

	/** Issues a new access/refresh pair (a new chain, or the next link of a rotation). */
	function issuePair(userId = opts.businessUserId) {
		const now = clock.now();
		const access = randomId('at_', 16);
		const refresh = randomId('rt_', 16);
		accessTokens.set(access, {
			user_id: userId,
			expiresAt: now + opts.accessTtlSeconds * 1000,
			graceUntil: Infinity,
		});
		refreshTokens.set(refresh, {
			user_id: userId,
			expiresAt: now + opts.refreshTtlSeconds * 1000,
			revoked: false,
			access,
		});
		return {
			access_token: access,
			access_token_expires_in: opts.accessTtlSeconds,
			refresh_token: refresh,
			refresh_token_expires_in: opts.refreshTtlSeconds,
			user_id: userId,
			app_id: opts.appId,
			platform_type: 3,
		};
	}

	/** A new token chain for the control API: its refresh token becomes the "current" one. */
	function issueChain(userId = opts.businessUserId) {
		const pair = issuePair(userId);
		current.refreshToken = pair.refresh_token;
		return pair;
	}

	/** @param {string} token */
	function refreshUsable(token) {
		const rt = refreshTokens.get(token);
		return !!rt && !rt.revoked && clock.now() < rt.expiresAt;
	}

	/** Fresh, valid values a credential can use now (renewed only when consumed or expired). */
	function credentialValues() {
		const code = authCodes.get(current.authCode);
		if (!code || code.used || clock.now() >= code.expiresAt) issueAuthCode();
		if (!refreshUsable(current.refreshToken)) issueChain();
		return { auth_code: current.authCode, refresh_token: current.refreshToken };
	}

	/**
	 * @param {Record<string, any>} body
	 * @param {string[]} fields
	 */
	function requireStrings(body, fields) {
		if (!isObject(body)) throw new ApiError(CODES.MALFORMED, 'body must be a JSON object');
		for (const f of fields) {
			if (body[f] === undefined || body[f] === null || body[f] === '')
				throw new ApiError(CODES.MALFORMED, `missing field ${f}`);
			if (typeof body[f] !== 'string') throw new ApiError(CODES.MALFORMED, `${f} must be a string`);
		}
	}

	/**
	 * Revision 2: 聚光 clients send an all-digit app_id as a JSON number (spec §5r2); it is taken as
	 * the configured app id when its digits are exactly those. Any other number stays a malformed
	 * field, as in revision 1.
	 * @param {any} body
	 */
	function acceptNumericAppId(body) {
		if (ctx.revision.current() !== 'r2' || !isObject(body) || typeof body.app_id !== 'number')
			return body;
		if (
			!/^\d+$/.test(opts.appId) ||
			!Number.isSafeInteger(body.app_id) ||
			String(body.app_id) !== opts.appId
		)
			return body;
		return { ...body, app_id: opts.appId };
	}

	/** POST /api/open/oauth2/access_token @param {any} body */
	function exchange(body) {
		try {
			body = acceptNumericAppId(body);
			requireStrings(body, ['app_id', 'secret', 'auth_code']);
			if (body.app_id !== opts.appId || body.secret !== opts.appSecret)
				throw new ApiError(CODES.AUTH_CODE_INVALID, 'app_id or secret is wrong');
			const code = authCodes.get(body.auth_code);
			if (!code) throw new ApiError(CODES.AUTH_CODE_INVALID, 'auth_code is unknown');
			if (code.used) throw new ApiError(CODES.AUTH_CODE_INVALID, 'auth_code was already used');
			if (clock.now() >= code.expiresAt)
				throw new ApiError(CODES.AUTH_CODE_INVALID, 'auth_code expired');
			code.used = true;
			stats.exchanges++;
			const pair = issuePair(code.user_id);
			ctx.log(`oauth exchange ok → ${short(pair.access_token)}`);
			return pair;
		} catch (e) {
			stats.exchangeFailures++;
			ctx.log(`oauth exchange failed: ${e.message}`);
			throw e;
		}
	}

	/** POST /api/open/oauth2/refresh_token @param {any} body */
	function refresh(body) {
		try {
			body = acceptNumericAppId(body);
			requireStrings(body, ['app_id', 'secret', 'refresh_token']);
			if (body.app_id !== opts.appId || body.secret !== opts.appSecret)
				throw new ApiError(CODES.REFRESH_INVALID, 'app_id or secret is wrong');
			const rt = refreshTokens.get(body.refresh_token);
			if (!rt) throw new ApiError(CODES.REFRESH_INVALID, 'refresh_token is unknown');
			if (rt.revoked)
				throw new ApiError(CODES.REFRESH_INVALID, 'refresh_token was already rotated');
			const now = clock.now();
			if (now >= rt.expiresAt) throw new ApiError(CODES.REFRESH_INVALID, 'refresh_token expired');
			rt.revoked = true;
			const old = accessTokens.get(rt.access);
			if (old) old.graceUntil = Math.min(old.graceUntil, now + opts.graceSeconds * 1000);
			const pair = issuePair(rt.user_id);
			if (current.refreshToken === body.refresh_token) current.refreshToken = pair.refresh_token;
			stats.refreshes++;
			ctx.log(`oauth refresh ok ${short(body.refresh_token)} → ${short(pair.refresh_token)}`);
			return pair;
		} catch (e) {
			stats.refreshFailures++;
			ctx.log(`oauth refresh failed: ${e.message}`);
			throw e;
		}
	}

	/**
	 * Checks the Access-Token header of a business call; throws 40001 when unusable.
	 * @param {string|undefined} token
	 */
	function authenticate(token) {
		const at = token ? accessTokens.get(token) : undefined;
		let reason = '';
		if (!token) reason = 'missing Access-Token header';
		else if (!at) reason = 'access token unknown';
		else if (clock.now() >= at.expiresAt) reason = 'access token expired';
		else if (clock.now() >= at.graceUntil)
			reason = 'access token was rotated and its grace has ended';
		if (reason || !at) {
			stats.tokenErrors++;
			throw new ApiError(CODES.TOKEN_INVALID, reason);
		}
		return { user_id: at.user_id };
	}

	/** Fault action: every access token issued so far stops working now. */
	function expireAllAccessTokens() {
		const now = clock.now();
		for (const at of accessTokens.values()) at.expiresAt = Math.min(at.expiresAt, now);
		return accessTokens.size;
	}

	function clear() {
		authCodes.clear();
		accessTokens.clear();
		refreshTokens.clear();
		current.authCode = '';
		current.refreshToken = '';
	}

	return {
		issueAuthCode,
		issueChain,
		credentialValues,
		exchange,
		refresh,
		authenticate,
		expireAllAccessTokens,
		clear,
	};
}

/** @param {string} token */
const short = (token) => `${token.slice(0, 9)}…`;

module.exports = { createAuth };
