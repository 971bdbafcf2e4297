// @ts-check
'use strict';
// The platform API (spec §2, §3, §5, §5r2): routing, injected faults, rate limit, the Access-Token
// check and the envelope. Order: latency → injected 429 → injected 5xx → rate limit →
// Access-Token → JSON body → handler.
const { CODES, ApiError, ok, fail } = require('./envelope');
const { sendRaw, sleep, tryParse } = require('./http-util');

/** @typedef {ReturnType<typeof import('./core').createCore>} Core */
/** @typedef {import('./envelope').ApiAnswer} ApiAnswer */

/** @type {Record<string, {auth: boolean, run: (core: Core, body: any) => ApiAnswer}>} */
const ROUTES = {
	'/api/open/oauth2/access_token': {
		auth: false,
		run: (core, body) => ok(core.auth.exchange(body)),
	},
	'/api/open/oauth2/refresh_token': {
		auth: false,
		run: (core, body) => ok(core.auth.refresh(body)),
	},
	'/api/open/im/third/send': { auth: true, run: (core, body) => core.messaging.send(body) },
	'/api/open/im/auth/bind_users': {
		auth: true,
		run: (core, body) => ok(core.lists.bindUsers(body)),
	},
	'/api/open/im/note/list': { auth: true, run: (core, body) => ok(core.lists.notes(body)) },
	'/api/open/im/material/list': { auth: true, run: (core, body) => ok(core.lists.materials(body)) },
	'/api/open/im/page/list': { auth: true, run: (core, body) => ok(core.lists.landingPages(body)) },
	'/api/open/im/comment/list': { auth: true, run: (core, body) => ok(core.lists.comments(body)) },
	'/api/open/im/third/bind_account': {
		auth: true,
		run: (core, body) => ok(core.binding.bindApi(body)),
	},
	'/api/open/im/third/unbind_account': {
		auth: true,
		run: (core, body) => ok(core.binding.unbindApi(body)),
	},
};

/**
 * @param {Core} core
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} path
 * @param {string} rawBody
 */
async function handleApi(core, req, res, path, rawBody) {
	const { ctx } = core;
	const route = ROUTES[path];
	if (!route)
		return reply(res, { ...fail(CODES.MALFORMED, `unknown endpoint ${path}`), status: 404 });
	if (req.method !== 'POST')
		return reply(res, { ...fail(CODES.MALFORMED, 'use POST'), status: 405 });
	ctx.stats.apiCalls++;
	const latency = ctx.faults.current().apiLatencyMs;
	if (latency > 0) await sleep(latency);

	const injected429 = ctx.faults.takeRateLimit();
	if (injected429 !== null) return rateLimited(core, res, path, injected429, 'injected');
	const injected5xx = ctx.faults.takeServerError();
	if (injected5xx) {
		ctx.stats.serverErrors++;
		ctx.log(`api ${path} → injected ${injected5xx.mode} server error`);
		return serverError(res, injected5xx.mode, injected5xx.status);
	}
	const retryAfter = core.rateLimiter.hit();
	if (retryAfter)
		return rateLimited(core, res, path, retryAfter, `over ${ctx.opts.rateLimitPerSecond} req/s`);

	try {
		if (route.auth) {
			const header = req.headers['access-token'];
			core.auth.authenticate(Array.isArray(header) ? header[0] : header);
		}
		const body = tryParse(rawBody);
		if (body === undefined) throw new ApiError(CODES.MALFORMED, 'body is not valid JSON');
		return reply(res, route.run(core, body));
	} catch (e) {
		if (e instanceof ApiError) {
			if (e.code === CODES.TOKEN_INVALID) ctx.log(`api ${path} → 40001 ${e.message}`);
			return reply(res, fail(e.code, e.message));
		}
		ctx.log(`api ${path} → sandbox bug: ${e.stack ?? e}`);
		return reply(res, fail(CODES.SERVER_ERROR, `sandbox error: ${e.message}`));
	}
}

/** @param {import('node:http').ServerResponse} res @param {ApiAnswer} answer */
function reply(res, answer) {
	sendRaw(res, answer.status, answer.body, answer.headers);
}

/**
 * @param {Core} core @param {import('node:http').ServerResponse} res
 * @param {string} path @param {number} seconds @param {string} why
 */
function rateLimited(core, res, path, seconds, why) {
	core.ctx.stats.rateLimited++;
	core.ctx.log(`api ${path} → 42900 rate limited (${why}), Retry-After ${seconds}`);
	const answer = fail(CODES.RATE_LIMITED, 'rate limited');
	sendRaw(res, 429, answer.body, { 'Retry-After': String(seconds) });
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {'json'|'html'|'empty'|'drop'} mode
 * @param {number} status
 */
function serverError(res, mode, status) {
	if (mode === 'drop') {
		res.socket?.destroy();
		return;
	}
	if (mode === 'json')
		return sendRaw(res, status, fail(CODES.SERVER_ERROR, 'internal server error (injected)').body);
	if (mode === 'html')
		return sendRaw(
			res,
			status,
			`<html><head><title>${status}</title></head><body><h1>${status} Server Error</h1></body></html>`,
			{
				'Content-Type': 'text/html; charset=utf-8',
			},
		);
	res.writeHead(status, { 'Content-Length': '0' });
	res.end();
}

module.exports = { handleApi, ROUTES, serverError };
