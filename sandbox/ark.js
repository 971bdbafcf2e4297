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

const { DAY, HOUR, MINUTE, SEED, SKUS, STATUS_SLUGS } = require('./arkShop');

/**
 * @typedef {{skuId: string, skuName: string, quantity: number, unitFen: number, weight: number}} Line
 * @typedef {{orderId: string, userId: string, status: number, createdTime: number, updateTime: number, lines: Line[], remark: string}} Order
 */

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
	const anchor = ctx.clock.now();
	/** @type {Map<string, Order>} */
	let orders = new Map();
	let seq = 0;

	function seed() {
		orders = new Map();
		seq = 0;
		const inputs = Array.isArray(opts.arkOrders)
			? opts.arkOrders
			: SEED.map(({ ago, ...o }) => ({ ...o, created_at: anchor - ago }));
		for (const input of inputs) addOrder(input, { quiet: true });
	}

	/**
	 * Adds an order (POST /sandbox/ark/orders): {customer_id|user_id, items: [{sku_id?, name?,
	 * quantity?, price? (yuan)}], status? (1–10 or slug), created_at? (ms or ISO), order_id?, remark?}.
	 * @param {Record<string, any>} input @param {{quiet?: boolean}} [how]
	 */
	function addOrder(input, how = {}) {
		const userId = input.customer_id ?? input.user_id;
		if (typeof userId !== 'string' || !userId)
			throw new Error('customer_id (the buyer) is required');
		if (!Array.isArray(input.items) || input.items.length === 0)
			throw new Error('items must be a non-empty array');
		const lines = input.items.map((/** @type {any} */ item, /** @type {number} */ i) => {
			if (!isObject(item)) throw new Error(`items[${i}] must be an object`);
			const known =
				typeof item.sku_id === 'string'
					? /** @type {Record<string, any>} */ (SKUS)[item.sku_id]
					: undefined;
			const name = item.name ?? known?.skuName;
			if (typeof name !== 'string' || !name)
				throw new Error(
					`items[${i}] needs a name (or a sku_id of the catalogue: ${Object.keys(SKUS).join(', ')})`,
				);
			const quantity = item.quantity ?? 1;
			if (!Number.isInteger(quantity) || quantity < 1)
				throw new Error(`items[${i}].quantity must be an integer >= 1`);
			const unitFen = item.price !== undefined ? Math.round(Number(item.price) * 100) : known?.fen;
			if (!Number.isInteger(unitFen) || unitFen < 0)
				throw new Error(`items[${i}].price (yuan) is required for a sku outside the catalogue`);
			return {
				skuId: String(item.sku_id ?? `sku_custom_${i + 1}`),
				skuName: name,
				quantity,
				unitFen,
				weight: known?.weight ?? 100,
			};
		});
		let status = input.status ?? 4;
		if (typeof status === 'string')
			status = /** @type {Record<string, number>} */ (STATUS_SLUGS)[status];
		if (!Number.isInteger(status) || status < 1 || status > 10)
			throw new Error(`status must be 1–10 or one of ${Object.keys(STATUS_SLUGS).join(', ')}`);
		const created =
			input.created_at === undefined
				? ctx.clock.now()
				: typeof input.created_at === 'string'
					? Date.parse(input.created_at)
					: Number(input.created_at);
		if (!Number.isFinite(created)) throw new Error('created_at must be epoch ms or an ISO date');
		seq++;
		const orderId = String(input.order_id ?? `P700000000000${900000 + seq}`);
		if (orders.has(orderId)) throw new Error(`order ${orderId} exists`);
		/** @type {Order} */
		const order = {
			orderId,
			userId,
			status,
			createdTime: Math.round(created),
			updateTime: Math.round(created) + MINUTE,
			lines,
			remark: String(input.remark ?? ''),
		};
		orders.set(orderId, order);
		if (!how.quiet)
			ctx.log(
				`ark order ${orderId} for ${userId}: ${lines.map((l) => `${l.skuName}×${l.quantity}`).join(', ')}`,
			);
		return detail(order);
	}

	/** The OrderSimpleDetail fields of an order. @param {Order} o */
	function summary(o) {
		const paid = o.status === 1 ? 0 : o.createdTime + 2 * MINUTE;
		const shipped = [5, 6, 7, 10].includes(o.status) ? o.createdTime + 20 * HOUR : 0;
		return {
			orderId: o.orderId,
			orderType: 1,
			orderStatus: o.status,
			orderAfterSalesStatus: o.status === 10 ? 2 : 1,
			cancelStatus: o.status === 9 ? 1 : 0,
			createdTime: o.createdTime,
			paidTime: paid,
			updateTime: o.updateTime,
			deliveryTime: shipped,
			cancelTime: o.status === 9 ? o.updateTime : 0,
			finishTime: o.status === 7 ? o.createdTime + 4 * DAY : 0,
			promiseLastDeliveryTime: o.createdTime + 2 * DAY,
			planInfoId: 'plan_sandbox_free',
			planInfoName: '包邮-默认模板',
			receiverCountryId: '1',
			receiverCountryName: '中国',
			receiverProvinceId: '310000',
			receiverProvinceName: '上海',
			receiverCityId: '310100',
			receiverCityName: '上海市',
			receiverDistrictId: '310104',
			receiverDistrictName: '徐汇区',
			customerRemark: o.remark,
			sellerRemark: '',
			sellerRemarkFlag: 0,
			originalOrderId: '',
			logistics: 'red_express',
			orderTagList: [],
		};
	}

	/** The GetOrderDetailResponse fields of an order (amounts in fen). @param {Order} o */
	function detail(o) {
		const skuList = o.lines.map((l) => ({
			skuId: l.skuId,
			skuName: l.skuName,
			erpcode: '',
			skuSpec: '',
			skuImage: `https://sandbox.invalid/sku/${l.skuId}.jpg`,
			skuQuantity: l.quantity,
			skuDetailList: [
				{
					skuId: l.skuId,
					erpCode: '',
					barcode: '',
					scSkuCode: '',
					quantity: 1,
					registerName: l.skuName,
					skuName: l.skuName,
					pricePerSku: l.unitFen,
					taxPerSku: 0,
					paidAmountPerSku: l.unitFen,
					depositAmountPerSku: 0,
					merchantDiscountPerSku: 0,
					redDiscountPerSku: 0,
					rawPricePerSku: l.unitFen,
				},
			],
			totalPaidAmount: l.unitFen * l.quantity,
			totalMerchantDiscount: 0,
			totalRedDiscount: 0,
			totalTaxAmount: 0,
			totalNetWeight: l.weight * l.quantity,
			skuTag: 0,
			isChannel: false,
			deliveryMode: 0,
		}));
		const total = skuList.reduce((sum, s) => sum + s.totalPaidAmount, 0);
		const shipped = [5, 6, 7, 10].includes(o.status);
		return {
			...summary(o),
			presaleDeliveryStartTime: 0,
			presaleDeliveryEndTime: 0,
			skuList,
			totalNetWeightAmount: skuList.reduce((sum, s) => sum + s.totalNetWeight, 0),
			totalPayAmount: total,
			totalShippingFree: 0,
			unpack: false,
			expressTrackingNo: shipped ? `ZT${o.orderId.slice(-10)}` : '',
			expressCompanyCode: shipped ? 'zhongtong' : '',
			// Receiver data comes masked (ark's data security scheme); the sandbox never has real ones.
			receiverName: '沙*',
			receiverPhone: '138****0000',
			receiverAddress: '上海市徐汇区****',
			openAddressId: `oa_${crypto.createHash('sha256').update(o.userId).digest('hex').slice(0, 16)}`,
			totalDepositAmount: 0,
			totalMerchantDiscount: 0,
			totalRedDiscount: 0,
			merchantActualReceiveAmount: total,
			totalChangePriceAmount: 0,
			paymentType: 1,
			shopId: 'shop_sandbox',
			shopName: opts.businessNickname,
			userId: o.userId,
		};
	}

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
			const matching = [...orders.values()]
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
				orderList: matching.slice((pageNo - 1) * pageSize, pageNo * pageSize).map(summary),
			};
		},
		'order.getOrderDetail'(p) {
			if (typeof p.orderId !== 'string' || !p.orderId)
				throw new ArkError(ARK_CODES.PARAM_ERROR, '请求参数错误: orderId is required');
			const order = orders.get(p.orderId);
			if (!order) throw new ArkError(ARK_CODES.ORDER_NOT_FOUND, '包裹不存在或不属于此商家');
			return detail(order);
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

	/** @param {string} [customerId] newest first */
	function list(customerId) {
		return [...orders.values()]
			.filter((o) => !customerId || o.userId === customerId)
			.sort((a, b) => b.createdTime - a.createdTime)
			.map(detail);
	}

	seed();
	return {
		handle,
		addOrder: (/** @type {Record<string, any>} */ input) => addOrder(input),
		list,
		/** back to the seeded orders */
		reset: seed,
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
