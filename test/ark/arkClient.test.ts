import { createHash } from 'node:crypto';
import nock from 'nock';
import {
	ARK_GATEWAY_PATH,
	ArkApiError,
	ArkClient,
	arkConfigFromCredential,
	arkSign,
	arkSignBase,
	findOrderIds,
	toPurchaseRecord,
	type ArkClientOptions,
	type ArkOrderDetail,
} from '../../nodes/shared/ark';
import { rejectionOf } from '../support/rejection';
import { fetchHttp } from './fetchHttp';

/** The error a call fails with (the test fails if it succeeds). */
const caught = (promise: Promise<unknown>) => rejectionOf(promise, ArkApiError);

const BASE = 'https://ark.example.test';
const APP_ID = 'ark_app_123';
const SECRET = 'secret_abc_0123456789';
const TOKEN = 'token-67aba019fbb44eb9a9e6f2f4022799aa';

/** md5 of the documented sign string, computed here without the package's code. */
function independentSign(method: string, appId: string, timestamp: string, secret: string): string {
	return createHash('md5')
		.update(`${method}?appId=${appId}&timestamp=${timestamp}&version=2.0${secret}`, 'utf8')
		.digest('hex');
}

let clock = 1_700_000_000_000;
let sleeps: number[] = [];

function client(overrides: Partial<ArkClientOptions> = {}): ArkClient {
	return new ArkClient({
		http: fetchHttp(),
		appId: APP_ID,
		appSecret: SECRET,
		accessToken: TOKEN,
		baseUrl: BASE,
		now: () => clock,
		sleep: async (ms) => {
			sleeps.push(ms);
			clock += ms;
		},
		random: () => 1,
		...overrides,
	});
}

const ok = (data: unknown) => ({ success: true, error_code: 0, error_msg: '', data });
const fail = (code: number, msg: string) => ({
	success: false,
	error_code: code,
	error_msg: msg,
	data: null,
});

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	clock = 1_700_000_000_000;
	sleeps = [];
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('arkSign', () => {
	test('known-answer vectors: md5 of method?appId=…&timestamp=…&version=2.0 + secret, lowercase hex', () => {
		// The hex literals were computed with coreutils md5sum; the helper recomputes them with node:crypto.
		expect(
			arkSign({
				method: 'order.getOrderDetail',
				appId: APP_ID,
				timestamp: '1700000000',
				appSecret: 'secret_abc',
			}),
		).toBe('606026bfd4bc5ca005828a09f66dd0ff');
		expect(independentSign('order.getOrderDetail', APP_ID, '1700000000', 'secret_abc')).toBe(
			'606026bfd4bc5ca005828a09f66dd0ff',
		);
		// The docs' example inputs (their masked values with the masks removed).
		expect(
			arkSign({
				method: 'product.createItem',
				appId: '21d6748be8de0',
				timestamp: 1612518379,
				appSecret: '429aa3aee9ef9e4a858210',
			}),
		).toBe('1e039e3cd6e0d895e59133029602297e');
		for (const [method, ts] of [
			['order.getOrderList', '1'],
			['a.b', '1999999999'],
			['中文.method', '42'],
		]) {
			const sign = arkSign({ method, appId: APP_ID, timestamp: ts, appSecret: SECRET });
			expect(sign).toBe(independentSign(method, APP_ID, ts, SECRET));
			expect(sign).toMatch(/^[0-9a-f]{32}$/);
		}
	});

	test('the signed string never contains the secret part when logged', () => {
		expect(arkSignBase({ method: 'order.getOrderList', appId: APP_ID, timestamp: 5 })).toBe(
			`order.getOrderList?appId=${APP_ID}&timestamp=5&version=2.0`,
		);
	});
});

describe('ArkClient.call', () => {
	test('POSTs the common parameters and the method parameters as one JSON body to the gateway', async () => {
		let seen: Record<string, unknown> | undefined;
		let contentType: string | undefined;
		nock(BASE)
			.post(ARK_GATEWAY_PATH, (body) => {
				seen = body as Record<string, unknown>;
				return true;
			})
			.reply(function reply() {
				contentType = String(this.req.headers['content-type']);
				return [200, ok({ orderId: 'P1' })];
			});
		const data = await client().call<{ orderId: string }>('order.getOrderDetail', {
			orderId: 'P1',
		});
		expect(data).toEqual({ orderId: 'P1' });
		expect(contentType).toMatch(/^application\/json/);
		expect(seen).toEqual({
			appId: APP_ID,
			timestamp: '1700000000',
			version: '2.0',
			method: 'order.getOrderDetail',
			sign: independentSign('order.getOrderDetail', APP_ID, '1700000000', SECRET),
			accessToken: TOKEN,
			orderId: 'P1',
		});
		expect(nock.isDone()).toBe(true);
	});

	test('a method parameter may not shadow a common parameter', async () => {
		await expect(client().call('order.getOrderDetail', { sign: 'x' })).rejects.toThrow(
			/common parameter/,
		);
		await expect(client().call('order.getOrderDetail', { accessToken: 'x' })).rejects.toThrow(
			/common parameter/,
		);
	});

	test('success false → ArkApiError with error_code and error_msg, not retried', async () => {
		nock(BASE).post(ARK_GATEWAY_PATH).reply(200, fail(-2000101, '包裹不存在或不属于此商家'));
		const error = await caught(client().call('order.getOrderDetail', { orderId: 'P404' }));
		expect(error).toBeInstanceOf(ArkApiError);
		expect(error).toMatchObject({
			errorCode: -2000101,
			errorMsg: '包裹不存在或不属于此商家',
			kind: 'api',
			method: 'order.getOrderDetail',
			retryable: false,
		});
		expect(error.message).toContain('-2000101');
		expect(error.message).toContain('order.getOrderDetail');
		expect(sleeps).toEqual([]);
		expect(nock.isDone()).toBe(true);
	});

	test("the SDK's fallback field names code / msg are read too; a non-envelope answer is final", async () => {
		nock(BASE).post(ARK_GATEWAY_PATH).reply(200, { success: false, code: 'E1', msg: 'bad' });
		await expect(client().call('m.x')).rejects.toMatchObject({
			errorCode: 'E1',
			errorMsg: 'bad',
			kind: 'api',
		});
		nock(BASE).post(ARK_GATEWAY_PATH).reply(200, '<html>proxy</html>');
		await expect(client().call('m.x')).rejects.toMatchObject({
			kind: 'badResponse',
			httpStatus: 200,
		});
		expect(sleeps).toEqual([]);
	});

	test('retries HTTP 5xx and 系统调用异常, each attempt signed afresh, then succeeds', async () => {
		const bodies: Array<Record<string, unknown>> = [];
		nock(BASE)
			.post(ARK_GATEWAY_PATH, (b) => (bodies.push(b as Record<string, unknown>), true))
			.reply(502, '<html>bad gateway</html>')
			.post(ARK_GATEWAY_PATH, (b) => (bodies.push(b as Record<string, unknown>), true))
			.reply(200, fail(-2000500, '系统调用异常'))
			.post(ARK_GATEWAY_PATH, (b) => (bodies.push(b as Record<string, unknown>), true))
			.reply(200, ok({ fine: true }));
		await expect(client().call('order.getOrderList', { pageNo: 1 })).resolves.toEqual({
			fine: true,
		});
		expect(sleeps).toEqual([500, 1000]);
		expect(bodies.map((b) => b.timestamp)).toEqual(['1700000000', '1700000000', '1700000001']);
		for (const b of bodies)
			expect(b.sign).toBe(
				independentSign('order.getOrderList', APP_ID, String(b.timestamp), SECRET),
			);
		expect(nock.isDone()).toBe(true);
	});

	test('a rate limit waits for Retry-After; wording without 429 counts as a rate limit too', async () => {
		nock(BASE)
			.post(ARK_GATEWAY_PATH)
			.reply(429, fail(-1, 'rate limited'), { 'Retry-After': '3' })
			.post(ARK_GATEWAY_PATH)
			.reply(200, fail(-7, '请求过于频繁'))
			.post(ARK_GATEWAY_PATH)
			.reply(200, ok(1));
		await expect(client().call('m.x')).resolves.toBe(1);
		expect(sleeps).toEqual([3000, 1000]);
	});

	test('a dropped connection is retried', async () => {
		nock(BASE)
			.post(ARK_GATEWAY_PATH)
			.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
			.post(ARK_GATEWAY_PATH)
			.reply(200, ok('x'));
		await expect(client().call('m.x')).resolves.toBe('x');
		expect(sleeps).toHaveLength(1);
	});

	test('retries are bounded: maxAttempts, then the last error', async () => {
		nock(BASE).post(ARK_GATEWAY_PATH).times(3).reply(503, '');
		const error = await caught(client({ retry: { maxAttempts: 3 } }).call('m.x'));
		expect(error).toMatchObject({ kind: 'serverError', httpStatus: 503 });
		expect(sleeps).toEqual([500, 1000]);
		expect(nock.isDone()).toBe(true);
	});

	test('retries are bounded by the total wait too', async () => {
		nock(BASE).post(ARK_GATEWAY_PATH).times(2).reply(429, '', { 'Retry-After': '20' });
		const error = await caught(client({ retry: { maxTotalWaitMs: 30_000 } }).call('m.x'));
		expect(error).toMatchObject({ kind: 'rateLimited', httpStatus: 429 });
		expect(sleeps).toEqual([20_000]);
	});

	test('no error carries the app secret or the access token, even when the platform or the network echoes them', async () => {
		nock(BASE)
			.post(ARK_GATEWAY_PATH)
			.reply(200, fail(-9, `bad token ${TOKEN} for secret ${SECRET}`));
		const echoed = await caught(client().call('m.x'));
		const networkHttp = async () => {
			throw Object.assign(
				new Error(
					`connect ECONNREFUSED while sending {"accessToken":"${TOKEN}","appSecret":"${SECRET}"}`,
				),
				{
					code: 'ECONNREFUSED',
					options: { data: { accessToken: TOKEN } },
				},
			);
		};
		const dropped = await caught(
			client({ http: networkHttp, retry: { maxAttempts: 2 } }).call('m.x'),
		);
		expect(dropped).toMatchObject({ kind: 'network' });
		for (const error of [echoed, dropped]) {
			expect(error).toBeInstanceOf(ArkApiError);
			const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${String(error.errorMsg)}`;
			expect(everything).not.toContain(SECRET);
			expect(everything).not.toContain(TOKEN);
			expect(error.cause).toBeUndefined();
		}
		expect(echoed.errorMsg).toBe('bad token *** for secret ***');
	});
});

describe('orders', () => {
	function detail(
		orderId: string,
		userId: string,
		createdTime: number,
		overrides: Partial<ArkOrderDetail> = {},
	): ArkOrderDetail {
		return {
			orderId,
			orderStatus: 6,
			createdTime,
			userId,
			totalPayAmount: 25800,
			skuList: [{ skuId: 'sku_1', skuName: '防晒乳', skuQuantity: 2, totalPaidAmount: 25800 }],
			...overrides,
		};
	}

	test('toPurchaseRecord: status slug and label, ISO time from ms, fen to yuan, unit price paid', () => {
		expect(
			toPurchaseRecord(
				detail('P1', 'u', 1612518379000, {
					skuList: [{ skuId: 's', skuName: 'n', skuQuantity: 3, totalPaidAmount: 1000 }],
					totalPayAmount: 1001,
				}),
			),
		).toEqual({
			orderId: 'P1',
			status: 'shipped',
			statusLabel: '待收货',
			createdAt: '2021-02-05T09:46:19.000Z',
			paidAmount: 10.01,
			items: [{ skuId: 's', name: 'n', quantity: 3, price: 3.33 }],
		});
		expect(toPurchaseRecord(detail('P2', 'u', 1612518379, { orderStatus: 42 }))).toMatchObject({
			status: 'unknown',
			createdAt: '2021-02-05T09:46:19.000Z',
		});
	});

	test('findOrderIds picks order numbers out of a message', () => {
		expect(
			findOrderIds('我的订单 P700000000000000101 还没发货, p700000000000000101 和 P123'),
		).toEqual(['P700000000000000101']);
	});

	test('listOrders sends the documented parameters in seconds and refuses windows the API refuses', async () => {
		let seen: Record<string, unknown> | undefined;
		nock(BASE)
			.post(ARK_GATEWAY_PATH, (b) => ((seen = b as Record<string, unknown>), true))
			.reply(
				200,
				ok({
					total: 1,
					pageNo: 1,
					pageSize: 10,
					maxPageNo: 1,
					orderList: [{ orderId: 'P1', orderStatus: 4, createdTime: 1 }],
				}),
			);
		const page = await client().listOrders({
			startTime: new Date(1_700_000_000_000),
			endTime: 1_700_003_600,
			pageSize: 10,
			orderStatus: 4,
		});
		expect(page.orderList).toHaveLength(1);
		expect(seen).toMatchObject({
			method: 'order.getOrderList',
			startTime: 1_700_000_000,
			endTime: 1_700_003_600,
			timeType: 1,
			pageNo: 1,
			pageSize: 10,
			orderStatus: 4,
		});
		await expect(client().listOrders({ startTime: 0, endTime: 86_401 })).rejects.toThrow(
			RangeError,
		);
		await expect(client().listOrders({ startTime: 0, endTime: 1801, timeType: 2 })).rejects.toThrow(
			RangeError,
		);
		await expect(client().listOrders({ startTime: 0, endTime: 10, pageSize: 101 })).rejects.toThrow(
			RangeError,
		);
		expect(nock.isDone()).toBe(true);
	});

	/** A fake gateway over some order details, answering list and detail like ark. */
	function gateway(details: ArkOrderDetail[]) {
		const calls: string[] = [];
		nock(BASE)
			.persist()
			.post(ARK_GATEWAY_PATH)
			.reply((_uri, raw) => {
				const body = raw as Record<string, any>;
				calls.push(body.method);
				if (body.method === 'order.getOrderDetail') {
					const found = details.find((d) => d.orderId === body.orderId);
					return [200, found ? ok(found) : fail(-2000101, '包裹不存在或不属于此商家')];
				}
				const inWindow = details.filter(
					(d) =>
						d.createdTime >= body.startTime * 1000 && d.createdTime <= body.endTime * 1000 + 999,
				);
				const orderList = inWindow
					.slice((body.pageNo - 1) * body.pageSize, body.pageNo * body.pageSize)
					.map(({ skuList: _s, userId: _u, ...s }) => s);
				return [
					200,
					ok({
						total: inWindow.length,
						pageNo: body.pageNo,
						pageSize: body.pageSize,
						maxPageNo: Math.ceil(inWindow.length / body.pageSize),
						orderList,
					}),
				];
			});
		return calls;
	}

	test("by order ids: details read directly, unknown ids skipped, another buyer's order hidden", async () => {
		const calls = gateway([
			detail('P1', 'alice', clock - 3600_000),
			detail('P2', 'bob', clock - 7200_000),
			detail('P3', 'alice', clock - 60_000),
		]);
		const all = await client().purchaseRecords({ orderIds: ['P1', 'P404', 'P3', 'P1'] });
		expect(all.map((r) => r.orderId)).toEqual(['P3', 'P1']);
		expect(calls).toEqual(['order.getOrderDetail', 'order.getOrderDetail', 'order.getOrderDetail']);
		const mine = await client().purchaseRecords({ orderIds: ['P1', 'P2'], buyerUserId: 'alice' });
		expect(mine.map((r) => r.orderId)).toEqual(['P1']);
	});

	test('by buyer: 24 h windows back from now, a detail per listed order, matched on userId, newest first', async () => {
		const DAY = 86_400_000;
		const calls = gateway([
			detail('P1', 'alice', clock - 2 * DAY - 5000),
			detail('P2', 'bob', clock - 1000),
			detail('P3', 'alice', clock - 3600_000),
			detail('P4', 'alice', clock - 10 * DAY),
		]);
		const search = await client().findPurchases({ buyerUserId: 'alice', days: 7 });
		expect(search.records.map((r) => r.orderId)).toEqual(['P3', 'P1']);
		expect(search.complete).toBe(true);
		expect(search.scanned).toEqual({ windows: 7, listCalls: 7, detailCalls: 3 });
		expect(calls.filter((m) => m === 'order.getOrderList')).toHaveLength(7);

		const capped = await client().findPurchases({
			buyerUserId: 'alice',
			days: 7,
			maxDetailCalls: 1,
		});
		expect(capped).toMatchObject({ complete: false, scanned: { detailCalls: 1 } });
		const limited = await client().purchaseRecords({ buyerUserId: 'alice', days: 7, limit: 1 });
		expect(limited.map((r) => r.orderId)).toEqual(['P3']);
	});

	test('purchaseRecords needs a way to find the customer', async () => {
		await expect(client().purchaseRecords({})).rejects.toThrow(/orderIds|buyerUserId/);
	});
});

test('arkConfigFromCredential resolves the environment to a base URL', () => {
	expect(
		arkConfigFromCredential({
			environment: 'production',
			appId: ' a ',
			appSecret: 's',
			accessToken: 't',
			baseUrl: 'http://x',
		}),
	).toEqual({
		environment: 'production',
		baseUrl: 'https://ark.xiaohongshu.com',
		appId: 'a',
		appSecret: 's',
		accessToken: 't',
	});
	expect(
		arkConfigFromCredential({ environment: 'sandbox', baseUrl: 'http://127.0.0.1:4780/' }).baseUrl,
	).toBe('http://127.0.0.1:4780');
});
