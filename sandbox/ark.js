// @ts-check
'use strict';
// Xiaohongshu's e-commerce open API ("ark") as far as this package uses it: the one gateway
// POST /ark/open_api/v3/common_controller with its MD5 sign, and the order methods
// order.getOrderList and order.getOrderDetail over seeded orders of the sandbox's customers.
//
// Documented (ark docs, official Java SDK com.xiaohongshu.fls.opensdk): the common body fields
// {appId, timestamp (UNIX s), version "2.0", method, sign, accessToken}, sign = lowercase hex
// md5(method + "?appId=" + appId + "&timestamp=" + timestamp + "&version=" + version + appSecret),
// the answer {success, error_code, error_msg, data}, the methods' parameters and order fields,
// times in ms, and the codes -2000400 / -2000101 / -2000500.
// Inferred (not in any source found): the gateway-level error codes below (app, sign, timestamp,
// token, method, rate limit), the timestamp tolerance, HTTP 200 for business errors, error_code 0
// on success, amounts in fen, and the list's ascending time order.
// The sign is checked with its own node:crypto code here, apart from the package's transport.
// The orders behind it live in arkOrders.js.
const crypto = require('node:crypto');
const { tryParse, isObject, sendRaw, sleep } = require('./http-util');
const { serverError } = require('./api');

const ARK_PATH = '/ark/open_api/v3/common_controller';

const ARK_CODES = {
	OK: 0,
	/** documented: 请求参数错误 */
	PARAM_ERROR: -2000400,
	/** documented: 包裹不存在或不属于此商家 */
	ORDER_NOT_FOUND: -2000101,
	/** documented: 系统调用异常 */
	SYSTEM_ERROR: -2000500,
	/** inferred from here on */
	APP_INVALID: -100001,
	SIGN_INVALID: -100002,
	TIMESTAMP_INVALID: -100003,
	TOKEN_INVALID: -100004,
	METHOD_NOT_FOUND: -100005,
	RATE_LIMITED: -100006,
};

const { createOrderBook } = require('./arkOrders');

class ArkError extends Error {
	/** @param {number} code @param {string} msg */
	constructor(code, msg) {
		super(msg);
		this.code = code;
	}
}

/** @param {unknown} data */
function arkOk(data) {
	return {
		status: 200,
		body: JSON.stringify({ success: true, error_code: ARK_CODES.OK, error_msg: '', data }),
	};
}

/** @param {number} code @param {string} msg @param {number} [status] */
function arkFail(code, msg, status = 200) {
	return {
		status,
		body: JSON.stringify({ success: false, error_code: code, error_msg: msg, data: null }),
	};
}

/** The sign, computed independently of the package's transport. @param {string} method @param {string} appId @param {string} timestamp @param {string} version @param {string} secret */
function expectedSign(method, appId, timestamp, version, secret) {
	return crypto
		.createHash('md5')
		.update(`${method}?appId=${appId}&timestamp=${timestamp}&version=${version}${secret}`, 'utf8')
		.digest('hex');
}

/** @param {import('./core').Ctx} ctx */
function createArk(ctx) {
	const { opts } = ctx;
	const book = createOrderBook(ctx);

	/** @param {unknown} v @param {string} name @param {{min?: number, max?: number, dflt?: number}} [range] */
	function int(v, name, range = {}) {
		if (v === undefined || v === null) {
			if (range.dflt !== undefined) return range.dflt;
			throw new ArkError(ARK_CODES.PARAM_ERROR, `请求参数错误: ${name} is required`);
		}
		const n = Number(v);
		if (
			!Number.isInteger(n) ||
			(range.min !== undefined && n < range.min) ||
			(range.max !== undefined && n > range.max)
		) {
			throw new ArkError(
				ARK_CODES.PARAM_ERROR,
				`请求参数错误: ${name} must be an integer${range.min !== undefined ? ` ${range.min}–${range.max}` : ''}`,
			);
		}
		return n;
	}

	/** @type {Record<string, (params: Record<string, any>) => unknown>} */
	const METHODS = {
		'order.getOrderList'(p) {
			const startTime = int(p.startTime, 'startTime');
			const endTime = int(p.endTime, 'endTime');
			const timeType = int(p.timeType, 'timeType', { min: 1, max: 2 });
			const maxWindow = timeType === 1 ? 24 * 3600 : 30 * 60;
			if (endTime < startTime)
				throw new ArkError(ARK_CODES.PARAM_ERROR, '请求参数错误: endTime is before startTime');
			if (endTime - startTime > maxWindow)
				throw new ArkError(
					ARK_CODES.PARAM_ERROR,
					`请求参数错误: timeType ${timeType} allows end - start <= ${maxWindow} s`,
				);
			const orderType = int(p.orderType, 'orderType', { min: 0, max: 5, dflt: 0 });
			const orderStatus = int(p.orderStatus, 'orderStatus', { min: 0, max: 10, dflt: 0 });
			const pageNo = int(p.pageNo, 'pageNo', { min: 1, max: 100, dflt: 1 });
			const pageSize = int(p.pageSize, 'pageSize', { min: 1, max: 100, dflt: 50 });
			const field = timeType === 1 ? 'createdTime' : 'updateTime';
			const matching = book
				.all()
				.filter((o) => o[field] >= startTime * 1000 && o[field] <= endTime * 1000 + 999)
				.filter(
					(o) =>
						(orderStatus === 0 || o.status === orderStatus) && (orderType === 0 || orderType === 1),
				)
				.sort((a, b) => a[field] - b[field] || a.orderId.localeCompare(b.orderId));
			return {
				total: matching.length,
				pageNo,
				pageSize,
				maxPageNo: Math.ceil(matching.length / pageSize),
				orderList: matching.slice((pageNo - 1) * pageSize, pageNo * pageSize).map(book.summary),
			};
		},
		'order.getOrderDetail'(p) {
			if (typeof p.orderId !== 'string' || !p.orderId)
				throw new ArkError(ARK_CODES.PARAM_ERROR, '请求参数错误: orderId is required');
			const order = book.get(p.orderId);
			if (!order) throw new ArkError(ARK_CODES.ORDER_NOT_FOUND, '包裹不存在或不属于此商家');
			return book.detail(order);
		},
	};

	/**
	 * One gateway call after faults and rate limit: common fields → appId → timestamp → sign →
	 * method → accessToken → method.
	 * @param {string} rawBody @returns {{status: number, body: string}}
	 */
	function handle(rawBody) {
		ctx.stats.arkCalls++;
		const body = tryParse(rawBody);
		let method = '?';
		try {
			if (!isObject(body))
				throw new ArkError(ARK_CODES.PARAM_ERROR, '请求参数错误: body must be a JSON object');
			for (const name of ['appId', 'timestamp', 'version', 'method', 'sign']) {
				if (body[name] === undefined || body[name] === null || body[name] === '')
					throw new ArkError(ARK_CODES.PARAM_ERROR, `请求参数错误: ${name} is required`);
			}
			method = String(body.method);
			if (String(body.version) !== '2.0')
				throw new ArkError(ARK_CODES.PARAM_ERROR, '请求参数错误: version must be 2.0');
			if (String(body.appId) !== opts.arkAppId)
				throw new ArkError(ARK_CODES.APP_INVALID, 'appId 不存在');
			const ts = String(body.timestamp);
			// Real time, not the sandbox clock: the caller signs with its own clock.
			if (
				!/^\d{1,12}$/.test(ts) ||
				Math.abs(Date.now() / 1000 - Number(ts)) > opts.arkTimestampToleranceSeconds
			) {
				throw new ArkError(
					ARK_CODES.TIMESTAMP_INVALID,
					`timestamp 无效或已过期 (UNIX seconds, ±${opts.arkTimestampToleranceSeconds} s)`,
				);
			}
			const wanted = expectedSign(
				method,
				String(body.appId),
				ts,
				String(body.version),
				opts.arkAppSecret,
			);
			const given = String(body.sign);
			if (
				given.length !== wanted.length ||
				!crypto.timingSafeEqual(Buffer.from(given), Buffer.from(wanted))
			) {
				throw new ArkError(ARK_CODES.SIGN_INVALID, '签名错误 (sign mismatch)');
			}
			const run = METHODS[method];
			if (!run) throw new ArkError(ARK_CODES.METHOD_NOT_FOUND, `method 不存在: ${method}`);
			if (body.accessToken !== opts.arkAccessToken)
				throw new ArkError(ARK_CODES.TOKEN_INVALID, 'accessToken 无效或已过期');
			const {
				appId: _a,
				timestamp: _t,
				version: _v,
				method: _m,
				sign: _s,
				accessToken: _k,
				...params
			} = body;
			const data = run(params);
			ctx.log(`ark ${method} → ok`);
			return arkOk(data);
		} catch (e) {
			if (!(e instanceof ArkError)) throw e;
			ctx.stats.arkErrors++;
			ctx.log(`ark ${method} → ${e.code} ${e.message}`);
			return arkFail(e.code, e.message);
		}
	}

	return {
		handle,
		addOrder: book.addOrder,
		list: book.list,
		/** back to the seeded orders */
		reset: book.reset,
	};
}

/**
 * The HTTP side: the shared fault knobs and rate limit of the platform API apply here too. An
 * injected or real rate limit answers HTTP 429 + Retry-After with the ark envelope; an injected
 * `json` server error answers 系统调用异常.
 * @param {ReturnType<typeof import('./core').createCore>} core
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} rawBody
 */
async function handleArk(core, req, res, rawBody) {
	const { ctx } = core;
	if (req.method !== 'POST') {
		const a = arkFail(ARK_CODES.PARAM_ERROR, 'use POST', 405);
		return sendRaw(res, a.status, a.body);
	}
	const latency = ctx.faults.current().apiLatencyMs;
	if (latency > 0) await sleep(latency);
	const injected429 = ctx.faults.takeRateLimit();
	if (injected429 !== null) return rateLimited(core, res, injected429, 'injected');
	const injected5xx = ctx.faults.takeServerError();
	if (injected5xx) {
		ctx.stats.serverErrors++;
		ctx.log(`ark → injected ${injected5xx.mode} server error`);
		if (injected5xx.mode !== 'json') return serverError(res, injected5xx.mode, injected5xx.status);
		const a = arkFail(ARK_CODES.SYSTEM_ERROR, '系统调用异常 (injected)', injected5xx.status);
		return sendRaw(res, a.status, a.body);
	}
	const retryAfter = core.rateLimiter.hit();
	if (retryAfter)
		return rateLimited(core, res, retryAfter, `over ${ctx.opts.rateLimitPerSecond} req/s`);
	const answer = core.ark.handle(rawBody);
	sendRaw(res, answer.status, answer.body);
}

/**
 * @param {ReturnType<typeof import('./core').createCore>} core @param {import('node:http').ServerResponse} res
 * @param {number} seconds @param {string} why
 */
function rateLimited(core, res, seconds, why) {
	core.ctx.stats.rateLimited++;
	core.ctx.log(`ark → rate limited (${why}), Retry-After ${seconds}`);
	const a = arkFail(ARK_CODES.RATE_LIMITED, '请求过于频繁 (rate limited)', 429);
	sendRaw(res, a.status, a.body, { 'Retry-After': String(seconds) });
}

module.exports = { ARK_PATH, createArk, handleArk };
