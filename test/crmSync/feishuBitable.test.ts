import nock from 'nock';
import { CrmApiError } from '../../nodes/shared/crmHttp/crmApiError';
import { FeishuBitableClient } from '../../nodes/shared/feishu/bitableClient';
import {
	MemoryTokenCache,
	tokenCacheFromStateStore,
	type TokenCache,
} from '../../nodes/shared/feishu/feishuAuth';
import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';
import { nockOnlyWithNoPendingMocks } from '../support/nockGuard';
import { rejectionOf } from '../support/rejection';
import { fakeSleep, fetchHttp } from './fetchHttp';

const BASE = 'https://open.feishu.cn';
const APP_ID = 'cli_a1b2c3d4e5f6a7b8';
const APP_SECRET = 'dskLLdkasdjlasdKKsecretValue0001';
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
const APP_TOKEN = 'NQRxbRkBMa6OnZsjtERcxhNWnNh';
const TABLE = 'tbl0xe5g8PP3U3cS';
const RECORDS = `/open-apis/bitable/v1/apps/${APP_TOKEN}/tables/${TABLE}/records`;
const T1 = 't-g1044ghJRUIJJ5ZPPZMOHKWZISL33E4QSS3abc01';
const T2 = 't-g1044ghJRUIJJ5ZPPZMOHKWZISL33E4QSS3abc02';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function setup(overrides: { tokenCache?: TokenCache; retry?: Record<string, number> } = {}) {
	const clock = { now: 1_800_000_000_000 };
	const { sleep, waits } = fakeSleep(clock);
	const tokenCache = overrides.tokenCache ?? new MemoryTokenCache();
	const make = () =>
		new FeishuBitableClient({
			http: fetchHttp,
			appId: APP_ID,
			appSecret: APP_SECRET,
			tokenCache,
			sleep,
			now: () => clock.now,
			random: () => 0.5,
			retry: overrides.retry,
		});
	return { client: make(), make, clock, waits, tokenCache };
}

/** The documented token request: exactly {app_id, app_secret} as JSON. */
function tokenEndpoint(token: string, expire = 7200) {
	return nock(BASE, { reqheaders: { 'content-type': 'application/json; charset=utf-8' } })
		.post(TOKEN_PATH, { app_id: APP_ID, app_secret: APP_SECRET })
		.reply(200, { code: 0, msg: 'ok', tenant_access_token: token, expire });
}

function api(token: string) {
	return nock(BASE, {
		reqheaders: {
			authorization: `Bearer ${token}`,
			'content-type': 'application/json; charset=utf-8',
		},
	});
}

const searchBody = (field: string, value: string) => ({
	filter: {
		conjunction: 'and',
		conditions: [{ field_name: field, operator: 'is', value: [value] }],
	},
});

const searchReply = (items: unknown[]) => ({
	code: 0,
	msg: 'success',
	data: { has_more: false, items, total: items.length },
});

const caught = (promise: Promise<unknown>) => rejectionOf(promise, CrmApiError);

function expectNoSecrets(error: CrmApiError) {
	const everything = `${error.message} ${error.hint ?? ''} ${JSON.stringify(error)}`;
	for (const secret of [APP_SECRET, T1, T2]) expect(everything).not.toContain(secret);
}

nockOnlyWithNoPendingMocks();

describe('FeishuBitableClient request shapes', () => {
	it('searchRecords: token, then POST …/records/search with the documented filter; parses items', async () => {
		tokenEndpoint(T1);
		api(T1)
			.post(`${RECORDS}/search`, searchBody('小红书用户ID', 'u_42'))
			.reply(
				200,
				searchReply([
					{
						record_id: 'recA',
						fields: { 小红书用户ID: [{ text: 'u_42', type: 'text' }], 昵称: 'Mei' },
					},
				]),
			);
		const { client } = setup();
		await expect(
			client.searchRecords(APP_TOKEN, TABLE, { field: '小红书用户ID', value: 'u_42' }),
		).resolves.toEqual([
			{
				record_id: 'recA',
				fields: { 小红书用户ID: [{ text: 'u_42', type: 'text' }], 昵称: 'Mei' },
			},
		]);
	});

	it('searchRecords: no match is an empty list (items absent)', async () => {
		tokenEndpoint(T1);
		api(T1)
			.post(`${RECORDS}/search`)
			.reply(200, { code: 0, msg: 'success', data: { has_more: false, total: 0 } });
		await expect(
			setup().client.searchRecords(APP_TOKEN, TABLE, { field: 'id', value: 'x' }),
		).resolves.toEqual([]);
	});

	it('createRecord: POST …/records {fields} with a uuidv4 client_token; returns data.record', async () => {
		tokenEndpoint(T1);
		let clientToken = '';
		api(T1)
			.post(RECORDS, { fields: { 昵称: 'Mei', 消息数: 3 } })
			.query((q) => {
				clientToken = String(q.client_token);
				return Object.keys(q).length === 1 && UUID_V4.test(clientToken);
			})
			.reply(200, {
				code: 0,
				msg: 'success',
				data: { record: { record_id: 'recNew', fields: { 昵称: 'Mei', 消息数: 3 } } },
			});
		const { client } = setup();
		await expect(
			client.createRecord(APP_TOKEN, TABLE, { 昵称: 'Mei', 消息数: 3 }),
		).resolves.toEqual({
			record_id: 'recNew',
			fields: { 昵称: 'Mei', 消息数: 3 },
		});
		expect(clientToken).toMatch(UUID_V4);
	});

	it('createRecord: the same client_token is sent again on a retry (idempotent create)', async () => {
		tokenEndpoint(T1);
		const seen: string[] = [];
		const record = (q: Record<string, unknown>) => {
			seen.push(String(q.client_token));
			return true;
		};
		api(T1)
			.post(RECORDS)
			.query(record)
			.reply(503, 'upstream unavailable')
			.post(RECORDS)
			.query(record)
			.reply(200, { code: 0, data: { record: { record_id: 'recNew', fields: {} } } });
		const { client, waits } = setup();
		await client.createRecord(
			APP_TOKEN,
			TABLE,
			{ a: 1 },
			{ clientToken: 'fe599b60-450f-46ff-b2ef-9f6675625b97' },
		);
		expect(seen).toEqual([
			'fe599b60-450f-46ff-b2ef-9f6675625b97',
			'fe599b60-450f-46ff-b2ef-9f6675625b97',
		]);
		expect(waits).toHaveLength(1);
	});

	it('updateRecord: PUT …/records/{record_id} {fields}', async () => {
		tokenEndpoint(T1);
		api(T1)
			.put(`${RECORDS}/recA`, { fields: { 状态: '已回复' } })
			.reply(200, {
				code: 0,
				msg: 'success',
				data: { record: { record_id: 'recA', fields: { 状态: '已回复' } } },
			});
		await expect(
			setup().client.updateRecord(APP_TOKEN, TABLE, 'recA', { 状态: '已回复' }),
		).resolves.toEqual({
			record_id: 'recA',
			fields: { 状态: '已回复' },
		});
	});
});

describe('tenant access token', () => {
	it('one token request serves many calls, sequential and concurrent', async () => {
		tokenEndpoint(T1); // nock: exactly once
		api(T1).post(`${RECORDS}/search`).times(6).reply(200, searchReply([]));
		const { client, make } = setup();
		await client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: '1' });
		await client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: '2' });
		// A second client on the same cache (a later execution) reuses it too.
		await Promise.all(
			[1, 2, 3, 4].map((n) =>
				make().searchRecords(APP_TOKEN, TABLE, { field: 'f', value: String(n) }),
			),
		);
	});

	it('single flight: concurrent first calls make one token request', async () => {
		tokenEndpoint(T1);
		api(T1).post(`${RECORDS}/search`).times(5).reply(200, searchReply([]));
		const { make } = setup();
		await Promise.all(
			[1, 2, 3, 4, 5].map((n) =>
				make().searchRecords(APP_TOKEN, TABLE, { field: 'f', value: String(n) }),
			),
		);
	});

	it('single flight across clients with their own caches (one adapter per execution); both caches get the token', async () => {
		tokenEndpoint(T1);
		api(T1).post(`${RECORDS}/search`).times(3).reply(200, searchReply([]));
		const cacheA = new MemoryTokenCache();
		const cacheB = new MemoryTokenCache();
		const a = setup({ tokenCache: cacheA });
		const b = setup({ tokenCache: cacheB });
		await Promise.all([
			a.client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: '1' }),
			b.client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: '2' }),
		]);
		expect((await cacheA.get(a.client.auth.cacheKey))?.token).toBe(T1);
		expect((await cacheB.get(b.client.auth.cacheKey))?.token).toBe(T1);
		// B's cache now serves B alone: no token request.
		await b.client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: '3' });
	});

	it('refreshes 5 minutes before expiry, not before', async () => {
		tokenEndpoint(T1, 7200);
		api(T1).post(`${RECORDS}/search`).times(2).reply(200, searchReply([]));
		const { client, clock } = setup();
		await client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: '1' });
		clock.now += (7200 - 301) * 1000; // 5 min + 1 s left: still good
		await client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: '2' });

		clock.now += 2000; // 4 min 59 s left: refresh
		tokenEndpoint(T2, 7200);
		api(T2).post(`${RECORDS}/search`).reply(200, searchReply([]));
		await client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: '3' });
	});

	it('an invalid-token code (99991663) refreshes the token once and retries the call', async () => {
		tokenEndpoint(T1);
		api(T1).post(`${RECORDS}/search`).reply(400, {
			code: 99991663,
			msg: 'Invalid access token for authorization. Please make a request with token attached.',
		});
		tokenEndpoint(T2);
		api(T2)
			.post(`${RECORDS}/search`)
			.reply(200, searchReply([{ record_id: 'recA', fields: {} }]));
		const { client, waits } = setup();
		await expect(
			client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: 'v' }),
		).resolves.toEqual([{ record_id: 'recA', fields: {} }]);
		expect(waits).toEqual([]);
		// The refreshed token is cached for the next call.
		api(T2).post(`${RECORDS}/search`).reply(200, searchReply([]));
		await client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: 'w' });
	});

	it.each([99991661, 99991664, 99991665, 99991677])('code %i also refreshes once', async (code) => {
		tokenEndpoint(T1);
		api(T1).put(`${RECORDS}/recA`).reply(200, { code, msg: 'token problem' });
		tokenEndpoint(T2);
		api(T2)
			.put(`${RECORDS}/recA`)
			.reply(200, { code: 0, data: { record: { record_id: 'recA', fields: {} } } });
		await expect(setup().client.updateRecord(APP_TOKEN, TABLE, 'recA', {})).resolves.toEqual({
			record_id: 'recA',
			fields: {},
		});
	});

	it('a token refused twice is final (one refresh only), and the error shows neither token nor secret', async () => {
		tokenEndpoint(T1);
		api(T1)
			.post(`${RECORDS}/search`)
			.reply(400, { code: 99991663, msg: `tenant token invalid: ${T1}` });
		tokenEndpoint(T2);
		api(T2)
			.post(`${RECORDS}/search`)
			.reply(400, { code: 99991663, msg: `tenant token invalid: ${T2}` });
		const error = await caught(
			setup().client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: 'v' }),
		);
		expect(error.kind).toBe('tokenInvalid');
		expect(error.code).toBe(99991663);
		expect(error.retryable).toBe(false);
		expectNoSecrets(error);
	});

	it('a wrong app secret is a final auth error that never contains the secret', async () => {
		nock(BASE)
			.post(TOKEN_PATH)
			.reply(400, { code: 10014, msg: `app secret invalid: ${APP_SECRET}` });
		const error = await caught(
			setup().client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: 'v' }),
		);
		expect(error.kind).toBe('auth');
		expect(error.code).toBe(10014);
		expect(error.hint).toContain('App Secret');
		expect(error.message).toContain('app secret invalid');
		expectNoSecrets(error);
	});

	it('the token endpoint itself is retried on 5xx', async () => {
		nock(BASE).post(TOKEN_PATH).reply(500, 'oops');
		tokenEndpoint(T1);
		api(T1).post(`${RECORDS}/search`).reply(200, searchReply([]));
		const { client, waits } = setup();
		await client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: 'v' });
		expect(waits).toEqual([375]);
	});

	it('tokenCacheFromStateStore: sealed in the state store with a TTL, shared across clients', async () => {
		const clock0 = 1_800_000_000_000;
		const store = new MemoryStateStore({ now: () => clock0 });
		const cache = tokenCacheFromStateStore(store, { sealWith: APP_SECRET, now: () => clock0 });
		tokenEndpoint(T1);
		api(T1).post(`${RECORDS}/search`).times(2).reply(200, searchReply([]));
		const first = setup({ tokenCache: cache });
		await first.client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: '1' });

		const entry = await store.get(first.client.auth.cacheKey);
		expect(entry).toBeDefined();
		expect(entry!.value).not.toContain(T1);
		expect(entry!.expiresAt).toBe(clock0 + 7200 * 1000);
		expect(first.client.auth.cacheKey).not.toContain(APP_SECRET);

		// Another client (another execution) over the same store: no token request.
		const again = setup({
			tokenCache: tokenCacheFromStateStore(store, { sealWith: APP_SECRET, now: () => clock0 }),
		});
		await again.client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: '2' });

		// Sealed under another secret, the entry reads as absent.
		await expect(
			tokenCacheFromStateStore(store, { sealWith: 'other-secret' }).get(first.client.auth.cacheKey),
		).resolves.toBeUndefined();
	});
});

describe('FeishuBitableClient retries and errors', () => {
	it('HTTP 429 / 99991400: waits for x-ogw-ratelimit-reset and retries', async () => {
		tokenEndpoint(T1);
		api(T1)
			.post(`${RECORDS}/search`)
			.reply(
				429,
				{ code: 99991400, msg: 'request trigger frequency limit' },
				{ 'x-ogw-ratelimit-limit': '100', 'x-ogw-ratelimit-reset': '1' },
			)
			.post(`${RECORDS}/search`)
			.reply(200, searchReply([]));
		const { client, waits } = setup();
		await client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: 'v' });
		expect(waits).toEqual([1000]);
	});

	it('99991400 on HTTP 400 (older APIs) and bitable 1254290 / 1254291 are retried with backoff', async () => {
		tokenEndpoint(T1);
		api(T1)
			.post(RECORDS)
			.query(true)
			.reply(400, { code: 99991400, msg: 'request trigger frequency limit' })
			.post(RECORDS)
			.query(true)
			.reply(200, { code: 1254290, msg: 'TooManyRequest' })
			.post(RECORDS)
			.query(true)
			.reply(200, { code: 1254291, msg: 'Write conflict' })
			.post(RECORDS)
			.query(true)
			.reply(200, { code: 0, data: { record: { record_id: 'recN', fields: {} } } });
		const { client, waits } = setup();
		await expect(client.createRecord(APP_TOKEN, TABLE, { a: 1 })).resolves.toEqual({
			record_id: 'recN',
			fields: {},
		});
		expect(waits).toEqual([375, 750, 1500]);
	});

	it('rate limiting is bounded: a CrmApiError after maxAttempts', async () => {
		tokenEndpoint(T1);
		api(T1)
			.post(`${RECORDS}/search`)
			.times(4)
			.reply(429, { code: 99991400, msg: 'request trigger frequency limit' });
		const { client, waits } = setup();
		const error = await caught(client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: 'v' }));
		expect(error.kind).toBe('rateLimited');
		expect(error.status).toBe(429);
		expect(error.code).toBe(99991400);
		expect(error.attempts).toBe(4);
		expect(waits).toHaveLength(3);
	});

	it('5xx is retried and bounded', async () => {
		tokenEndpoint(T1);
		api(T1).put(`${RECORDS}/recA`).times(3).reply(502, '<html>bad gateway</html>');
		const { client, waits } = setup({ retry: { maxAttempts: 3 } });
		const error = await caught(client.updateRecord(APP_TOKEN, TABLE, 'recA', {}));
		expect(error.kind).toBe('server');
		expect(error.retryable).toBe(true);
		expect(error.attempts).toBe(3);
		expect(waits).toEqual([375, 750]);
	});

	it('other codes are final, with Feishu’s msg in the error', async () => {
		tokenEndpoint(T1);
		api(T1)
			.post(`${RECORDS}/search`)
			.once()
			.reply(200, { code: 1254045, msg: 'FieldNameNotFound' });
		const { client, waits } = setup();
		const error = await caught(
			client.searchRecords(APP_TOKEN, TABLE, { field: 'nope', value: 'v' }),
		);
		expect(error.kind).toBe('badRequest');
		expect(error.code).toBe(1254045);
		expect(error.message).toContain('FieldNameNotFound');
		expect(error.vendor).toBe('feishu');
		expect(waits).toEqual([]);
		expectNoSecrets(error);
	});

	it('a missing scope (99991672) is a final auth error with the scope hint', async () => {
		tokenEndpoint(T1);
		api(T1).post(RECORDS).query(true).reply(400, {
			code: 99991672,
			msg: 'Access denied. One of the following scopes is required: [bitable:app]',
		});
		const error = await caught(setup().client.createRecord(APP_TOKEN, TABLE, {}));
		expect(error.kind).toBe('auth');
		expect(error.hint).toContain('bitable:app');
	});

	it('no error message contains the tenant token or the app secret, even when echoed back', async () => {
		tokenEndpoint(T1);
		api(T1)
			.post(`${RECORDS}/search`)
			.reply(200, {
				code: 1254000,
				msg: `bad request with Authorization: Bearer ${T1} and secret ${APP_SECRET}`,
			});
		const error = await caught(
			setup().client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: 'v' }),
		);
		expect(error.message).toContain('[redacted]');
		expectNoSecrets(error);
	});

	it('empty app id / secret fail before any request', async () => {
		const client = new FeishuBitableClient({
			http: fetchHttp,
			appId: APP_ID,
			appSecret: '',
			tokenCache: new MemoryTokenCache(),
		});
		const error = await caught(client.searchRecords(APP_TOKEN, TABLE, { field: 'f', value: 'v' }));
		expect(error.kind).toBe('config');
	});
});
