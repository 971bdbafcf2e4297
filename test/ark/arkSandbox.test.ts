// The TypeScript ArkClient against the real sandbox: the sandbox's own sign check accepts the
// transport's sign, and orders come back as purchase records. Also the credential test method.
import { ArkApiError, ArkClient } from '../../nodes/shared/ark';
import { XiaohongshuArkApi } from '../../credentials/XiaohongshuArkApi.credentials';
import { rejectionOf } from '../support/rejection';
import { fetchHttp } from './fetchHttp';

/** The error a call fails with (the test fails if it succeeds). */
const caught = (promise: Promise<unknown>) => rejectionOf(promise, ArkApiError);

const { createSandbox } = require('../../sandbox/server');

let sb: any;
beforeAll(async () => {
	sb = await createSandbox({
		appId: 'dm_app',
		appSecret: 'dm_secret_value',
		encryptionKey: 'testkey_16bytes!',
	});
});
afterAll(async () => {
	await sb.close();
});

function client(overrides: { appSecret?: string; accessToken?: string } = {}): ArkClient {
	const { app } = sb;
	return new ArkClient({
		http: fetchHttp(),
		baseUrl: app.base_url,
		appId: app.ark_app_id,
		appSecret: overrides.appSecret ?? app.ark_app_secret,
		accessToken: overrides.accessToken ?? app.ark_access_token,
		sleep: async () => undefined,
	});
}

test("signed calls are accepted and a customer's orders come back as purchase records", async () => {
	const byBuyer = await client().purchaseRecords({ buyerUserId: 'cust_1', days: 14 });
	expect(byBuyer).toEqual([
		{
			orderId: 'P700000000000000102',
			status: 'awaiting_shipment',
			statusLabel: '待发货',
			createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			paidAmount: 269,
			items: [{ skuId: 'sku_serum_30ml', name: '亮肤精华液 30ml', quantity: 1, price: 269 }],
		},
		{
			orderId: 'P700000000000000101',
			status: 'completed',
			statusLabel: '已完成',
			createdAt: expect.any(String),
			paidAmount: 377,
			items: [
				{ skuId: 'sku_cream_50ml', name: '水润保湿面霜 50ml', quantity: 1, price: 199 },
				{ skuId: 'sku_mask_5', name: '补水面膜 5片装', quantity: 2, price: 89 },
			],
		},
	]);
	expect(Date.parse(byBuyer[0].createdAt)).toBeGreaterThan(Date.parse(byBuyer[1].createdAt));

	// By the order number the customer typed; someone else's order stays hidden.
	const byId = await client().purchaseRecords({
		orderIds: ['P700000000000000103', 'P700000000000000101'],
		buyerUserId: 'cust_2',
	});
	expect(byId.map((r) => [r.orderId, r.status, r.paidAmount])).toEqual([
		['P700000000000000103', 'shipped', 258],
	]);
});

test('an order added through the control API is found, and a server error on the way is retried', async () => {
	const added = sb.addArkOrder({
		customer_id: 'cust_5',
		items: [{ name: '旅行套装', price: 59.9, quantity: 3 }],
		status: 'paid_processing',
	});
	sb.setFaults({ serverErrorNext: 1 });
	const records = await client().purchaseRecords({ buyerUserId: 'cust_5', days: 1 });
	expect(records).toEqual([
		{
			orderId: added.orderId,
			status: 'paid_processing',
			statusLabel: '已支付处理中',
			createdAt: expect.any(String),
			paidAmount: 179.7,
			items: [{ skuId: 'sku_custom_1', name: '旅行套装', quantity: 3, price: 59.9 }],
		},
	]);
	expect(sb.stats().serverErrors).toBe(1);
});

test('a wrong secret or token is refused by the sandbox, and the error shows neither', async () => {
	const badSecret = await caught(
		client({ appSecret: 'not_the_secret' }).getOrderDetail('P700000000000000101'),
	);
	expect(badSecret).toBeInstanceOf(ArkApiError);
	expect(badSecret).toMatchObject({ errorCode: -100002, kind: 'api' });
	const badToken = await caught(
		client({ accessToken: 'stale_token_value' }).getOrderDetail('P700000000000000101'),
	);
	expect(badToken).toMatchObject({ errorCode: -100004 });
	expect(`${badSecret.message}${badToken.message}`).not.toMatch(/not_the_secret|stale_token_value/);
});

describe('the ark credential', () => {
	const credential = new XiaohongshuArkApi();
	const fields = () => ({
		environment: 'sandbox',
		baseUrl: sb.url,
		appId: sb.app.ark_app_id,
		appSecret: sb.app.ark_app_secret,
		accessToken: sb.app.ark_access_token,
	});
	/** What n8n does for the credential test: the test request, through `authenticate`. */
	async function testCall(data: Record<string, unknown>) {
		const request = credential.test.request;
		const body = Object.fromEntries(
			Object.entries(request.body as Record<string, unknown>).map(([k, v]) => [
				k,
				typeof v === 'string' && v.startsWith('=')
					? Math.floor(Date.now() / 1000) - (k === 'startTime' ? 3600 : 0)
					: v,
			]),
		);
		const signed = await credential.authenticate(data as never, {
			url: `${sb.url}${request.url}`,
			method: 'POST',
			body,
		});
		return (await fetchHttp()({ method: 'POST', url: signed.url, body: signed.body }))
			.body as Record<string, unknown>;
	}

	test('its signed test call is accepted by the sandbox, and refused with a wrong token', async () => {
		expect(await testCall(fields())).toMatchObject({ success: true });
		const wrong = await testCall({ ...fields(), accessToken: 'expired_token_xyz' });
		expect(wrong).toMatchObject({ success: false });
		// The rule n8n applies to the answer: success false → the credential is refused.
		expect(credential.test.rules).toEqual([
			expect.objectContaining({
				type: 'responseSuccessBody',
				properties: expect.objectContaining({ key: 'success', value: false }),
			}),
		]);
	});
});
