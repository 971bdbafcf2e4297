// @ts-check
'use strict';
// The sandbox's e-commerce orders behind the ark gateway (ark.js): seeded orders of the sandbox's
// customers, orders added by tests and the training page (POST /sandbox/ark/orders), and the
// order fields the documented methods answer with (OrderSimpleDetail, GetOrderDetailResponse).
const crypto = require('node:crypto');
const { isObject } = require('./http-util');
const { DAY, HOUR, MINUTE, SEED, SKUS, STATUS_SLUGS } = require('./arkShop');

/**
 * @typedef {{skuId: string, skuName: string, quantity: number, unitFen: number, weight: number}} Line
 * @typedef {{orderId: string, userId: string, status: number, createdTime: number, updateTime: number, lines: Line[], remark: string}} Order
 */

/** @param {import('./core').Ctx} ctx */
function createOrderBook(ctx) {
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

	/** @param {string} [customerId] newest first */
	function list(customerId) {
		return [...orders.values()]
			.filter((o) => !customerId || o.userId === customerId)
			.sort((a, b) => b.createdTime - a.createdTime)
			.map(detail);
	}

	seed();
	return {
		/** @param {string} orderId */
		get: (orderId) => orders.get(orderId),
		all: () => [...orders.values()],
		addOrder: (/** @type {Record<string, any>} */ input) => addOrder(input),
		summary,
		detail,
		list,
		/** back to the seeded orders */
		reset: seed,
	};
}

module.exports = { createOrderBook };
