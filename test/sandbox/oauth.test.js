// Spec §2 and §7 "Authorization": exchange, refresh, rotation, the old pair's grace.
const { startSandbox, api, control, login, request, HOUR, SECRET } = require('./helpers');

const EXCHANGE = '/api/open/oauth2/access_token';
const REFRESH = '/api/open/oauth2/refresh_token';
const BIND = '/api/open/im/auth/bind_users';

describe('sandbox oauth', () => {
	let sb;
	beforeEach(async () => {
		sb = await startSandbox();
		sb.freezeClock();
	});
	afterEach(() => sb.close());

	const refresh = (refresh_token, extra = {}) =>
		api(sb, REFRESH, { app_id: 'test_app', secret: SECRET, refresh_token, ...extra });
	const works = async (token) => (await api(sb, BIND, {}, token)).json.code;

	test('exchange answers the envelope with the token data', async () => {
		const r = await api(sb, EXCHANGE, {
			app_id: 'test_app',
			secret: SECRET,
			auth_code: sb.app.auth_code,
		});
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ code: 0, success: true, msg: '' });
		expect(typeof r.json.request_id).toBe('string');
		expect(r.json.data).toEqual({
			access_token: expect.any(String),
			access_token_expires_in: 86399,
			refresh_token: expect.any(String),
			refresh_token_expires_in: 2591999,
			user_id: 'biz_001',
			app_id: 'test_app',
			platform_type: 3,
		});
		expect(await works(r.json.data.access_token)).toBe(0);
		expect(sb.stats().exchanges).toBe(1);
	});

	test('exchange: wrong secret or app_id → 40029; an auth code works once and lives 10 min', async () => {
		const code = sb.app.auth_code;
		for (const body of [
			{ app_id: 'test_app', secret: 'wrong', auth_code: code },
			{ app_id: 'other', secret: SECRET, auth_code: code },
			{ app_id: 'test_app', secret: SECRET, auth_code: 'code_unknown' },
		]) {
			const r = await api(sb, EXCHANGE, body);
			expect([r.status, r.json.code, r.json.success, r.json.data]).toEqual([
				200,
				40029,
				false,
				null,
			]);
		}
		expect(
			(await api(sb, EXCHANGE, { app_id: 'test_app', secret: SECRET, auth_code: code })).json.code,
		).toBe(0);
		expect(
			(await api(sb, EXCHANGE, { app_id: 'test_app', secret: SECRET, auth_code: code })).json.code,
		).toBe(40029);
		const late = sb.issueAuthCode().auth_code;
		sb.advanceClock(600 * 1000);
		expect(
			(await api(sb, EXCHANGE, { app_id: 'test_app', secret: SECRET, auth_code: late })).json.code,
		).toBe(40029);
		expect(sb.stats().exchangeFailures).toBe(5);
	});

	test("exchange: missing field or a numeric app_id (not this app's digits) → 40000", async () => {
		expect((await api(sb, EXCHANGE, { app_id: 'test_app', secret: SECRET })).json.code).toBe(40000);
		expect(
			(await api(sb, EXCHANGE, { app_id: 123, secret: SECRET, auth_code: sb.app.auth_code })).json
				.code,
		).toBe(40000);
		expect((await api(sb, EXCHANGE, 'not json')).json.code).toBe(40000);
	});

	test('refresh rotates both tokens; the old refresh token is 40003 at once', async () => {
		const first = await login(sb);
		const r = await refresh(first.refresh_token);
		expect(r.json.code).toBe(0);
		expect(r.json.data.access_token).not.toBe(first.access_token);
		expect(r.json.data.refresh_token).not.toBe(first.refresh_token);
		expect(r.json.data.refresh_token_expires_in).toBe(2591999);
		const again = await refresh(first.refresh_token);
		expect([again.status, again.json.code, again.json.data]).toEqual([200, 40003, null]);
		expect((await refresh(r.json.data.refresh_token)).json.code).toBe(0);
		expect(sb.stats()).toMatchObject({ refreshes: 2, refreshFailures: 1 });
	});

	test('two concurrent refreshes with one token: exactly one wins', async () => {
		const { refresh_token } = await login(sb);
		const answers = await Promise.all([refresh(refresh_token), refresh(refresh_token)]);
		expect(answers.map((a) => a.json.code).sort()).toEqual([0, 40003]);
	});

	test('the old access token works for 300 s after a refresh, then 40001', async () => {
		const first = await login(sb);
		const second = (await refresh(first.refresh_token)).json.data;
		expect(await works(first.access_token)).toBe(0);
		sb.advanceClock(300 * 1000 - 1);
		expect(await works(first.access_token)).toBe(0);
		sb.advanceClock(1);
		const r = await api(sb, BIND, {}, first.access_token);
		expect([r.status, r.json.code, r.json.success, r.json.data]).toEqual([200, 40001, false, null]);
		expect(await works(second.access_token)).toBe(0);
		expect(sb.stats().tokenErrors).toBe(1);
	});

	test('the old access token stops at its own expiry when that comes before the grace', async () => {
		const first = await login(sb);
		sb.advanceClock(86399 * 1000 - 100 * 1000);
		await refresh(first.refresh_token);
		sb.advanceClock(100 * 1000);
		expect(await works(first.access_token)).toBe(40001);
	});

	test('access token expires after 86,399 s; refresh token after 2,591,999 s; a rotated one gets full 30 days', async () => {
		const first = await login(sb);
		sb.advanceClock(86399 * 1000 - 1);
		expect(await works(first.access_token)).toBe(0);
		sb.advanceClock(1);
		expect(await works(first.access_token)).toBe(40001);
		sb.advanceClock(2591999 * 1000 - 86399 * 1000 - 1);
		const second = (await refresh(first.refresh_token)).json.data;
		sb.advanceClock(2591999 * 1000 - 1);
		expect((await refresh(second.refresh_token)).json.code).toBe(0);
		const expired = sb.issueRefreshToken().refresh_token;
		sb.advanceClock(2591999 * 1000);
		expect((await refresh(expired)).json.code).toBe(40003);
	});

	test('refresh: wrong secret or app_id → 40003; unknown token → 40003', async () => {
		const { refresh_token } = await login(sb);
		expect((await refresh(refresh_token, { secret: 'wrong' })).json.code).toBe(40003);
		expect((await refresh(refresh_token, { app_id: 'other' })).json.code).toBe(40003);
		expect((await refresh('rt_nope')).json.code).toBe(40003);
		expect((await refresh(refresh_token)).json.code).toBe(0);
	});

	test('only the Access-Token header carries the token', async () => {
		const { access_token } = await login(sb);
		const bearer = await request(sb.url + BIND, {
			method: 'POST',
			body: { access_token },
			headers: { Authorization: `Bearer ${access_token}` },
		});
		expect(bearer.json.code).toBe(40001);
		expect((await api(sb, BIND, {})).json.code).toBe(40001);
	});

	test('GET /sandbox/app hands out usable values and renews them once consumed', async () => {
		const a = (await control(sb, '/sandbox/app')).json;
		expect(a).toMatchObject({
			app_id: 'test_app',
			secret: SECRET,
			encryption_key: 'testkey_16bytes!',
			base_url: sb.url,
			business_user_id: 'biz_001',
			third_account_id: 'ta_001',
		});
		const b = (await control(sb, '/sandbox/app')).json;
		expect([b.auth_code, b.refresh_token]).toEqual([a.auth_code, a.refresh_token]);
		expect((await refresh(a.refresh_token)).json.code).toBe(0);
		expect(
			(await api(sb, EXCHANGE, { app_id: 'test_app', secret: SECRET, auth_code: a.auth_code })).json
				.code,
		).toBe(0);
		const c = (await control(sb, '/sandbox/app')).json;
		expect(c.auth_code).not.toBe(a.auth_code);
		expect(c.refresh_token).not.toBe(a.refresh_token);
		expect((await refresh(c.refresh_token)).json.code).toBe(0);
	});

	test('POST /sandbox/auth-code and /sandbox/refresh-token issue new usable values', async () => {
		const code = (await control(sb, '/sandbox/auth-code', 'POST')).json;
		expect(code).toMatchObject({ auth_code: expect.any(String), expires_in: 600 });
		expect(
			(await api(sb, EXCHANGE, { app_id: 'test_app', secret: SECRET, auth_code: code.auth_code }))
				.json.code,
		).toBe(0);
		const chain = (await control(sb, '/sandbox/refresh-token', 'POST')).json;
		expect(chain).toMatchObject({
			refresh_token: expect.any(String),
			access_token: expect.any(String),
		});
		expect(await works(chain.access_token)).toBe(0);
		expect((await refresh(chain.refresh_token)).json.code).toBe(0);
	});

	test('configurable lifetimes and grace', async () => {
		const custom = await startSandbox({
			accessTtlSeconds: 60,
			refreshTtlSeconds: 120,
			graceSeconds: 5,
		});
		try {
			const first = await login(custom);
			expect(first).toMatchObject({ access_token_expires_in: 60, refresh_token_expires_in: 120 });
			await api(custom, REFRESH, {
				app_id: 'test_app',
				secret: SECRET,
				refresh_token: first.refresh_token,
			});
			custom.advanceClock(5000);
			expect((await api(custom, BIND, {}, first.access_token)).json.code).toBe(40001);
		} finally {
			await custom.close();
		}
	});

	test('the clock moves token expiry: 48 h later the access token is gone, a refresh still works', async () => {
		const first = await login(sb);
		sb.advanceClock(48 * HOUR);
		expect(await works(first.access_token)).toBe(40001);
		const next = (await refresh(first.refresh_token)).json.data;
		expect(await works(next.access_token)).toBe(0);
	});
});

describe('sandbox oauth: app_id as a JSON number (spec §5r2)', () => {
	const APP = '1234567890';
	let sb;
	beforeEach(async () => {
		sb = await startSandbox({ appId: APP });
	});
	afterEach(() => sb.close());

	test('r2 accepts the all-digit app id as a number on exchange and refresh; the answer keeps it a string', async () => {
		const ex = await api(sb, EXCHANGE, {
			app_id: 1234567890,
			secret: SECRET,
			auth_code: sb.app.auth_code,
		});
		expect(ex.json).toMatchObject({ code: 0, data: { app_id: APP } });
		const rf = await api(sb, REFRESH, {
			app_id: 1234567890,
			secret: SECRET,
			refresh_token: ex.json.data.refresh_token,
		});
		expect(rf.json.code).toBe(0);
		expect(
			(await api(sb, EXCHANGE, { app_id: APP, secret: SECRET, auth_code: sb.app.auth_code })).json
				.code,
		).toBe(0);
	});

	test('r2: other digits, a fraction or a number-like string of other digits are refused', async () => {
		const code = sb.app.auth_code;
		expect(
			(await api(sb, EXCHANGE, { app_id: 1234567891, secret: SECRET, auth_code: code })).json.code,
		).toBe(40000);
		expect(
			(await api(sb, EXCHANGE, { app_id: 1234567890.5, secret: SECRET, auth_code: code })).json
				.code,
		).toBe(40000);
		expect(
			(await api(sb, EXCHANGE, { app_id: '1234567891', secret: SECRET, auth_code: code })).json
				.code,
		).toBe(40029);
		expect(
			(await api(sb, EXCHANGE, { app_id: APP, secret: SECRET, auth_code: code })).json.code,
		).toBe(0);
	});

	test('r1 keeps app_id a string: a number is 40000', async () => {
		sb.setRevision('r1');
		const r = await api(sb, EXCHANGE, {
			app_id: 1234567890,
			secret: SECRET,
			auth_code: sb.app.auth_code,
		});
		expect(r.json.code).toBe(40000);
		expect(
			(
				await api(sb, REFRESH, {
					app_id: 1234567890,
					secret: SECRET,
					refresh_token: sb.app.refresh_token,
				})
			).json.code,
		).toBe(40000);
	});
});
