// The e-commerce open API (ark) of the sandbox: the gateway, its sign (checked here with an
// independent node:crypto implementation), the order methods and the control route for orders.
const crypto = require('node:crypto');
const { startSandbox, request, control } = require('./helpers');

const GATEWAY = '/ark/open_api/v3/common_controller';
const DAY = 24 * 3600;

function sign(method, appId, timestamp, secret) {
	return crypto
		.createHash('md5')
		.update(`${method}?appId=${appId}&timestamp=${timestamp}&version=2.0${secret}`)
		.digest('hex');
}

/** A signed gateway call with the sandbox's ark app; `over` replaces any common field. */
function ark(sb, method, params = {}, over = {}) {
	const { app } = sb;
	const timestamp = String(over.timestamp ?? Math.floor(Date.now() / 1000));
	const appId = over.appId ?? app.ark_app_id;
	const body = {
		appId,
		timestamp,
		version: '2.0',
		method,
		sign: sign(method, appId, timestamp, over.secret ?? app.ark_app_secret),
		accessToken: app.ark_access_token,
		...params,
		...over,
	};
	delete body.secret;
	return request(sb.url + GATEWAY, { method: 'POST', body });
}

const nowS = () => Math.floor(Date.now() / 1000);

/** Every order created in the last `days` days, through 24 h windows. */
async function listDays(sb, days, extra = {}) {
	const all = [];
	for (let end = nowS(); end > nowS() - days * DAY; end -= DAY) {
		const r = await ark(sb, 'order.getOrderList', {
			startTime: end - DAY,
			endTime: end,
			timeType: 1,
			pageSize: 100,
			...extra,
		});
		expect(r.json.success).toBe(true);
		all.push(...r.json.data.orderList);
	}
	return [...new Map(all.map((o) => [o.orderId, o])).values()];
}

describe('sandbox ark API', () => {
	let sb;
	beforeEach(async () => {
		sb = await startSandbox();
	});
	afterEach(async () => {
		await sb.close();
	});

	test('GET /sandbox/app adds the ark app, secret and access token to the existing fields', async () => {
		const app = (await control(sb, '/sandbox/app')).json;
		expect(app).toMatchObject({
			app_id: 'test_app',
			business_user_id: 'biz_001',
			ark_app_id: 'sandbox_ark_app',
			ark_app_secret: expect.any(String),
			ark_access_token: expect.any(String),
		});
		const custom = await startSandbox({ arkAppId: 'a1', arkAppSecret: 's1', arkAccessToken: 't1' });
		try {
			expect(custom.app).toMatchObject({
				ark_app_id: 'a1',
				ark_app_secret: 's1',
				ark_access_token: 't1',
			});
		} finally {
			await custom.close();
		}
	});

	test('order.getOrderList: the ark envelope, seeded orders in the window, paging, status filter', async () => {
		const r = await ark(sb, 'order.getOrderList', {
			startTime: nowS() - DAY,
			endTime: nowS(),
			timeType: 1,
			pageNo: 1,
			pageSize: 1,
		});
		expect(r.status).toBe(200);
		expect(r.json).toEqual({
			success: true,
			error_code: 0,
			error_msg: '',
			data: expect.any(Object),
		});
		expect(r.json.data).toMatchObject({ total: 2, pageNo: 1, pageSize: 1, maxPageNo: 2 });
		expect(r.json.data.orderList).toHaveLength(1);
		const item = r.json.data.orderList[0];
		expect(item).toMatchObject({
			orderId: expect.stringMatching(/^P\d{18}$/),
			orderType: 1,
			orderStatus: expect.any(Number),
			createdTime: expect.any(Number),
		});
		expect(item.createdTime).toBeGreaterThan(1e12); // ms
		// The list carries no buyer and no items (as OrderSimpleDetail).
		expect(item).not.toHaveProperty('userId');
		expect(item).not.toHaveProperty('skuList');
		const page2 = await ark(sb, 'order.getOrderList', {
			startTime: nowS() - DAY,
			endTime: nowS(),
			timeType: 1,
			pageNo: 2,
			pageSize: 1,
		});
		expect(page2.json.data.orderList[0].orderId).not.toBe(item.orderId);

		const all = await listDays(sb, 10);
		expect(all.map((o) => o.orderId).sort()).toEqual([
			'P700000000000000101',
			'P700000000000000102',
			'P700000000000000103',
			'P700000000000000104',
			'P700000000000000105',
		]);
		const cancelled = await listDays(sb, 10, { orderStatus: 9 });
		expect(cancelled.map((o) => o.orderId)).toEqual(['P700000000000000104']);
	});

	test('order.getOrderDetail: buyer, sku list, amounts in fen, times in ms', async () => {
		const r = await ark(sb, 'order.getOrderDetail', { orderId: 'P700000000000000101' });
		expect(r.json.success).toBe(true);
		const d = r.json.data;
		expect(d).toMatchObject({
			orderId: 'P700000000000000101',
			userId: 'cust_1',
			orderStatus: 7,
			totalPayAmount: 37700,
			openAddressId: expect.any(String),
		});
		expect(d.skuList.map((s) => [s.skuId, s.skuName, s.skuQuantity, s.totalPaidAmount])).toEqual([
			['sku_cream_50ml', '水润保湿面霜 50ml', 1, 19900],
			['sku_mask_5', '补水面膜 5片装', 2, 17800],
		]);
		expect(Math.abs(d.createdTime - (Date.now() - 9 * DAY * 1000))).toBeLessThan(60_000);
		expect(d.finishTime).toBeGreaterThan(d.createdTime);
		expect(d.receiverPhone).toMatch(/\*/);
	});

	test('the seeded orders are the same in every sandbox: ids, buyers, items, amounts', async () => {
		const other = await startSandbox();
		try {
			const shape = (s) =>
				s
					.arkOrders()
					.map((o) => [
						o.orderId,
						o.userId,
						o.orderStatus,
						o.totalPayAmount,
						o.skuList.map((x) => x.skuId).join(),
					]);
			expect(shape(other)).toEqual(shape(sb));
			expect(new Set(sb.arkOrders().map((o) => o.userId))).toEqual(
				new Set(['cust_1', 'cust_2', 'cust_3']),
			);
		} finally {
			await other.close();
		}
	});

	test('errors answer with the ark envelope: sign, app, timestamp, token, method, parameters', async () => {
		const codeOf = async (...args) => {
			const r = await ark(sb, ...args);
			expect(r.status).toBe(200);
			expect(r.json.success).toBe(false);
			expect(r.json.data).toBe(null);
			expect(typeof r.json.error_msg).toBe('string');
			return r.json.error_code;
		};
		const okParams = { orderId: 'P700000000000000101' };
		expect(await codeOf('order.getOrderDetail', okParams, { secret: 'wrong secret' })).toBe(
			-100002,
		);
		expect(await codeOf('order.getOrderDetail', okParams, { sign: 'A'.repeat(32) })).toBe(-100002);
		// the sign covers the method: signed for one method, sent as another
		expect(
			await codeOf('order.getOrderDetail', okParams, {
				method: 'order.getOrderList',
				sign: sign(
					'order.getOrderDetail',
					'sandbox_ark_app',
					String(nowS()),
					'sandbox_ark_secret_0001',
				),
			}),
		).toBe(-100002);
		expect(await codeOf('order.getOrderDetail', okParams, { appId: 'someone_else' })).toBe(-100001);
		expect(await codeOf('order.getOrderDetail', okParams, { timestamp: nowS() - 3600 })).toBe(
			-100003,
		);
		expect(await codeOf('order.getOrderDetail', okParams, { timestamp: Date.now() })).toBe(-100003); // ms, not s
		expect(await codeOf('order.getOrderDetail', okParams, { accessToken: 'nope' })).toBe(-100004);
		expect(await codeOf('order.getOrderDetail', okParams, { accessToken: undefined })).toBe(
			-100004,
		);
		expect(await codeOf('order.noSuchMethod', {})).toBe(-100005);
		expect(await codeOf('order.getOrderDetail', okParams, { version: '1.0' })).toBe(-2000400);
		expect(await codeOf('order.getOrderDetail', {})).toBe(-2000400);
		expect(await codeOf('order.getOrderDetail', { orderId: 'P404' })).toBe(-2000101);
		expect(
			await codeOf('order.getOrderList', {
				startTime: nowS() - DAY - 1,
				endTime: nowS(),
				timeType: 1,
			}),
		).toBe(-2000400);
		expect(
			await codeOf('order.getOrderList', {
				startTime: nowS() - 1801,
				endTime: nowS(),
				timeType: 2,
			}),
		).toBe(-2000400);
		expect(
			await codeOf('order.getOrderList', {
				startTime: nowS() - 60,
				endTime: nowS(),
				timeType: 1,
				pageSize: 101,
			}),
		).toBe(-2000400);
		const badJson = await request(sb.url + GATEWAY, { method: 'POST', body: '{nope' });
		expect(badJson.json).toMatchObject({ success: false, error_code: -2000400 });
		const get = await request(sb.url + GATEWAY);
		expect(get.status).toBe(405);
		expect(get.json.success).toBe(false);
		expect(sb.stats()).toMatchObject({ arkCalls: 16, arkErrors: 16 });
	});

	test('POST /sandbox/ark/orders adds an order the gateway then serves; GET lists; reset restores the seed', async () => {
		const routes = (await control(sb, '/sandbox')).json.routes;
		expect(routes.some((r) => r.includes('POST   /sandbox/ark/orders'))).toBe(true);
		const added = await control(sb, '/sandbox/ark/orders', 'POST', {
			customer_id: 'cust_7',
			items: [
				{ sku_id: 'sku_serum_30ml', quantity: 2 },
				{ name: '定制礼盒', price: 19.9 },
			],
			status: 'shipped',
		});
		expect(added.status).toBe(200);
		expect(added.json).toMatchObject({
			userId: 'cust_7',
			orderStatus: 6,
			totalPayAmount: 2 * 26900 + 1990,
		});
		const { orderId } = added.json;
		expect(
			(await ark(sb, 'order.getOrderDetail', { orderId })).json.data.skuList.map((s) => s.skuName),
		).toEqual(['亮肤精华液 30ml', '定制礼盒']);
		expect((await listDays(sb, 1)).map((o) => o.orderId)).toContain(orderId);
		expect(
			(await control(sb, `/sandbox/ark/orders?customer_id=cust_7`)).json.map((o) => o.orderId),
		).toEqual([orderId]);
		expect(
			(await control(sb, '/sandbox/ark/orders?customer_id=cust_1')).json.map((o) => o.orderId),
		).toEqual(['P700000000000000102', 'P700000000000000101']);

		const old = await control(sb, '/sandbox/ark/orders', 'POST', {
			customer_id: 'cust_7',
			items: [{ sku_id: 'sku_mask_5' }],
			order_id: 'P123456789012',
			created_at: '2024-01-02T03:04:05Z',
			status: 7,
		});
		expect(old.json).toMatchObject({
			orderId: 'P123456789012',
			createdTime: Date.parse('2024-01-02T03:04:05Z'),
		});

		for (const bad of [
			{},
			{ customer_id: 'c' },
			{ customer_id: 'c', items: [] },
			{ customer_id: 'c', items: [{ name: 'no price' }] },
			{ customer_id: 'c', items: [{ sku_id: 'sku_mask_5', quantity: 0 }] },
			{ customer_id: 'c', items: [{ sku_id: 'sku_mask_5' }], status: 'lost' },
			{ customer_id: 'c', items: [{ sku_id: 'sku_mask_5' }], order_id: 'P123456789012' },
		]) {
			const r = await control(sb, '/sandbox/ark/orders', 'POST', bad);
			expect(r.status).toBe(400);
			expect(r.json.error).toEqual(expect.any(String));
		}
		await control(sb, '/sandbox/reset', 'POST', {});
		expect((await control(sb, '/sandbox/ark/orders?customer_id=cust_7')).json).toEqual([]);
		expect((await control(sb, '/sandbox/ark/orders')).json).toHaveLength(5);
	});

	test('the fault knobs apply: an injected rate limit is HTTP 429 + Retry-After, a server error 系统调用异常', async () => {
		await control(sb, '/sandbox/faults', 'POST', { rateLimitNext: 1, retryAfterSeconds: 2 });
		const limited = await ark(sb, 'order.getOrderDetail', { orderId: 'P700000000000000101' });
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('2');
		expect(limited.json).toMatchObject({ success: false, error_code: -100006 });
		await control(sb, '/sandbox/faults', 'POST', { serverErrorNext: 1 });
		const broken = await ark(sb, 'order.getOrderDetail', { orderId: 'P700000000000000101' });
		expect(broken.status).toBe(500);
		expect(broken.json).toMatchObject({ success: false, error_code: -2000500 });
		await control(sb, '/sandbox/faults', 'POST', { serverErrorNext: 1, serverErrorMode: 'html' });
		expect(
			(await ark(sb, 'order.getOrderDetail', { orderId: 'P700000000000000101' })).text,
		).toMatch(/<html>/);
		expect(
			(await ark(sb, 'order.getOrderDetail', { orderId: 'P700000000000000101' })).json.success,
		).toBe(true);
	});

	test('orders given as an option replace the seed', async () => {
		const custom = await startSandbox({
			arkOrders: [
				{ customer_id: 'only', items: [{ name: 'x', price: 1 }], order_id: 'P111111111111' },
			],
		});
		try {
			expect(custom.arkOrders().map((o) => [o.orderId, o.userId, o.totalPayAmount])).toEqual([
				['P111111111111', 'only', 100],
			]);
		} finally {
			await custom.close();
		}
	});
});
