// Binding business accounts (spec §5r2, §7r2), in both revisions: the binding page
// GET /api/leona/three/im/account/add?appId=&token=, the bind_account / unbind_account endpoints,
// the pushes they cause, and GET /sandbox/accounts.
const {
	startSandbox,
	startReceiver,
	readPush,
	decodePush,
	encryptContent,
	api,
	control,
	login,
	request,
	sendBody,
	HEX_KEY,
} = require('./helpers');

const PAGE = '/api/leona/three/im/account/add';

describe('sandbox account binding', () => {
	let sb;
	let rx;
	let token;
	beforeEach(async () => {
		rx = await startReceiver();
		sb = await startSandbox({
			webhookUrl: rx.url,
			encryptionKey: HEX_KEY,
			accessTtlSeconds: 86400,
		});
		token = (await login(sb)).access_token;
	});
	afterEach(async () => {
		await sb.close();
		await rx.close();
	});
	const openPage = (query) => request(`${sb.url}${PAGE}?${new URLSearchParams(query)}`);
	const pushes = () => rx.requests.map((r) => readPush(r, { key: HEX_KEY }));

	test('GET /sandbox/accounts: one bound, three free by default, and the page to open', async () => {
		const r = (await control(sb, '/sandbox/accounts')).json;
		expect(r.bound).toEqual([
			{ user_id: 'biz_001', third_account_id: 'ta_001', nickname: '沙盒小店', auth_status: 2 },
		]);
		expect(r.free).toEqual(
			[1, 2, 3].map((i) => ({
				user_id: `biz_${100 + i}`,
				third_account_id: `ta_${100 + i}`,
				nickname: `沙盒新账号${i}`,
				auth_status: 2,
			})),
		);
		expect(r.bind_page).toBe(`${sb.url}${PAGE}?appId=test_app&token=`);
		expect(sb.accounts()).toEqual(r);
	});

	test('the page binds the next free account, pushes bind_account with the token as given and its account_code', async () => {
		const bindToken = encryptContent({ account_code: 'ac_42' }, HEX_KEY);
		const r = await openPage({ appId: 'test_app', token: bindToken });
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(r.text).toContain('绑定成功');
		expect(r.text).toContain('Account bound');
		expect(r.text).toContain('沙盒新账号1');
		expect(r.text).toContain('biz_101');
		expect(r.text).toContain('ta_101');
		await rx.waitFor(1);
		const [p] = pushes();
		expect([p.path, p.bodyKeys]).toEqual(['/webhook', ['content']]);
		expect(p.payload).toEqual({
			user_id: 'biz_101',
			nick_name: '沙盒新账号1',
			token: bindToken,
			account_code: 'ac_42',
			app_id: 'test_app',
		});
		const accounts = sb.accounts();
		expect(accounts.bound.map((a) => a.user_id)).toEqual(['biz_001', 'biz_101']);
		expect(accounts.bound[1].account_code).toBe('ac_42');
		expect(accounts.free.map((a) => a.user_id)).toEqual(['biz_102', 'biz_103']);
		expect(sb.stats().binds).toBe(1);
	});

	test('a token that is not our encryption is passed on as is, without account_code; the suffix applies', async () => {
		sb.setFaults({ pushPathSuffix: true });
		await openPage({ appId: 'test_app', token: 'plain-token-1' });
		await rx.waitFor(1);
		expect(rx.requests[0].url).toBe('/webhook/open/im/third/bind_account');
		expect(pushes()[0].payload).toEqual({
			user_id: 'biz_101',
			nick_name: '沙盒新账号1',
			token: 'plain-token-1',
			app_id: 'test_app',
		});
	});

	test('the bound account can send and is listed', async () => {
		await openPage({ appId: 'test_app', token: 't' });
		sb.customerMessage('c1', { text: '在吗', business_user_id: 'biz_101' });
		const body = sendBody(
			'c1',
			{ text: '您好' },
			{ user_id: 'biz_101', from_user_id: 'biz_101', third_account_id: 'ta_101' },
		);
		body['content-encrypted'] = encryptContent({ text: '您好' }, HEX_KEY);
		expect((await api(sb, '/api/open/im/third/send', body, token)).json.code).toBe(0);
		const users = (await api(sb, '/api/open/im/auth/bind_users', { user_id: 'biz_101' }, token))
			.json.data;
		expect(users).toEqual({
			list: [
				{ user_id: 'biz_101', nickname: '沙盒新账号1', third_account_id: 'ta_101', auth_status: 2 },
			],
			total: 1,
		});
		expect(
			(await api(sb, '/api/open/im/note/list', { user_id: 'biz_101' }, token)).json.data.total,
		).toBe(25);
	});

	test.each([
		['a wrong appId', { appId: 'other_app', token: 't' }, 400, 'other_app'],
		['no appId', { token: 't' }, 400, 'appId is missing'],
		['no token', { appId: 'test_app' }, 400, 'token is missing'],
		['an empty token', { appId: 'test_app', token: '' }, 400, 'token is missing'],
	])('%s → an HTML error page, nothing bound', async (_name, query, status, says) => {
		const r = await openPage(query);
		expect([r.status, r.headers['content-type']]).toEqual([status, 'text/html; charset=utf-8']);
		expect(r.text).toContain('绑定失败');
		expect(r.text).toContain(says);
		expect(sb.accounts().free).toHaveLength(3);
		expect(rx.requests).toHaveLength(0);
	});

	test('the page escapes what it shows', async () => {
		const r = await openPage({ appId: '<script>alert(1)</script>', token: 't' });
		expect(r.status).toBe(400);
		expect(r.text).not.toContain('<script>');
		expect(r.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		const named = await startSandbox({ appId: 'a&b', freeAccounts: 1 });
		try {
			const t = (await login(named)).access_token;
			// give the pool's account an HTML nickname: bind it by API, unbind it (back to the pool)
			await api(
				named,
				'/api/open/im/third/bind_account',
				{ user_id: 'biz_101', nick_name: '<i>"店"</i>', token: 't' },
				t,
			);
			await api(
				named,
				'/api/open/im/third/unbind_account',
				{ user_id: 'biz_101', third_account_id: 'ta_101' },
				t,
			);
			const ok = await request(
				`${named.url}${PAGE}?${new URLSearchParams({ appId: 'a&b', token: 't' })}`,
			);
			expect(ok.status).toBe(200);
			expect(ok.text).toContain('&lt;i&gt;&quot;店&quot;&lt;/i&gt;');
			expect(ok.text).toContain('a&amp;b');
			expect(ok.text).not.toMatch(/<i>|a&b/);
		} finally {
			await named.close();
		}
	});

	test('no free account left → HTML 409; POST is 405; no Access-Token needed and the API faults do not apply', async () => {
		sb.setFaults({ serverErrorNext: 1, rateLimitNext: 1 });
		for (let i = 0; i < 3; i++)
			expect((await openPage({ appId: 'test_app', token: `t${i}` })).status).toBe(200);
		const full = await openPage({ appId: 'test_app', token: 't3' });
		expect([full.status, full.headers['content-type']]).toEqual([409, 'text/html; charset=utf-8']);
		expect(full.text).toContain('没有可绑定的账号');
		expect(full.text).toContain('no free sandbox account');
		expect(
			(await request(`${sb.url}${PAGE}?appId=test_app&token=t`, { method: 'POST', body: {} }))
				.status,
		).toBe(405);
		expect(sb.faults()).toMatchObject({ serverErrorNext: 1, rateLimitNext: 1 });
		await rx.waitFor(3);
		expect(pushes().map((p) => p.payload.user_id)).toEqual(['biz_101', 'biz_102', 'biz_103']);
	});

	test('POST third/bind_account binds that user id (created when unknown, taken from the pool when free) and pushes bind_account', async () => {
		const r = await api(
			sb,
			'/api/open/im/third/bind_account',
			{ user_id: 'biz_new', nick_name: '新店', token: 'tok_a' },
			token,
		);
		expect(r.json).toMatchObject({
			code: 0,
			success: true,
			data: { user_id: 'biz_new', third_account_id: 'ta_biz_new', nick_name: '新店' },
		});
		const fromPool = await api(
			sb,
			'/api/open/im/third/bind_account',
			{
				user_id: 'biz_102',
				nick_name: '池中号',
				token: encryptContent({ account_code: 7 }, HEX_KEY),
			},
			token,
		);
		expect(fromPool.json.data).toEqual({
			user_id: 'biz_102',
			third_account_id: 'ta_102',
			nick_name: '池中号',
		});
		await rx.waitFor(2);
		expect(pushes().map((p) => p.payload)).toEqual([
			{ user_id: 'biz_new', nick_name: '新店', token: 'tok_a', app_id: 'test_app' },
			{
				user_id: 'biz_102',
				nick_name: '池中号',
				token: expect.any(String),
				account_code: 7,
				app_id: 'test_app',
			},
		]);
		const accounts = sb.accounts();
		expect(accounts.bound.map((a) => a.user_id)).toEqual(['biz_001', 'biz_new', 'biz_102']);
		expect(accounts.free.map((a) => a.user_id)).toEqual(['biz_101', 'biz_103']);
	});

	test('bind_account: missing user_id or token → 40000; Access-Token required', async () => {
		const bind = (b, t = token) =>
			api(sb, '/api/open/im/third/bind_account', b, t).then((r) => r.json.code);
		expect(await bind({ nick_name: 'x', token: 't' })).toBe(40000);
		expect(await bind({ user_id: 'u1', nick_name: 'x' })).toBe(40000);
		expect(await bind({ user_id: 'u1', token: 't', nick_name: 5 })).toBe(40000);
		expect(await bind({ user_id: 'u1', token: 't' }, 'at_bad')).toBe(40001);
		expect(rx.requests).toHaveLength(0);
	});

	test('POST third/unbind_account removes the account, pushes unbind_account {user_id, account_code}, and frees it', async () => {
		await openPage({ appId: 'test_app', token: encryptContent({ account_code: 'ac_9' }, HEX_KEY) });
		sb.setFaults({ pushPathSuffix: true });
		const r = await api(
			sb,
			'/api/open/im/third/unbind_account',
			{ user_id: 'biz_101', third_account_id: 'ta_101' },
			token,
		);
		expect(r.json).toMatchObject({
			code: 0,
			data: { user_id: 'biz_101', third_account_id: 'ta_101' },
		});
		await rx.waitFor(2);
		expect(rx.requests[1].url).toBe('/webhook/open/im/third/unbind_account');
		expect(pushes()[1].payload).toEqual({ user_id: 'biz_101', account_code: 'ac_9' });
		expect(sb.accounts().bound.map((a) => a.user_id)).toEqual(['biz_001']);
		expect(sb.accounts().free.map((a) => a.user_id)).toEqual(['biz_102', 'biz_103', 'biz_101']);
		const send = sendBody('c1', undefined, {
			user_id: 'biz_101',
			from_user_id: 'biz_101',
			third_account_id: 'ta_101',
		});
		expect((await api(sb, '/api/open/im/third/send', send, token)).json.code).toBe(40000);
		// an account without a code: no account_code
		await api(
			sb,
			'/api/open/im/third/unbind_account',
			{ user_id: 'biz_001', third_account_id: 'ta_001' },
			token,
		);
		await rx.waitFor(3);
		expect(pushes()[2].payload).toEqual({ user_id: 'biz_001' });
		expect(sb.stats().unbinds).toBe(2);
	});

	test('unbind_account: unknown account, a mismatched third_account_id or a missing field → 40000', async () => {
		const unbind = (b) =>
			api(sb, '/api/open/im/third/unbind_account', b, token).then((r) => r.json.code);
		expect(await unbind({ user_id: 'nobody', third_account_id: 'ta_001' })).toBe(40000);
		expect(await unbind({ user_id: 'biz_001', third_account_id: 'ta_999' })).toBe(40000);
		expect(await unbind({ user_id: 'biz_001' })).toBe(40000);
		expect(await unbind({ user_id: 'biz_101', third_account_id: 'ta_101' })).toBe(40000); // free, not bound
		expect(sb.accounts().bound).toHaveLength(1);
		expect(rx.requests).toHaveLength(0);
	});

	test('reset puts the accounts back as configured', async () => {
		await openPage({ appId: 'test_app', token: 't' });
		await api(
			sb,
			'/api/open/im/third/unbind_account',
			{ user_id: 'biz_001', third_account_id: 'ta_001' },
			token,
		);
		sb.reset();
		expect(sb.accounts().bound.map((a) => a.user_id)).toEqual(['biz_001']);
		expect(sb.accounts().free.map((a) => a.user_id)).toEqual(['biz_101', 'biz_102', 'biz_103']);
	});

	test("in r1 the same bindings push r1 events: the whole event encrypted, with the account's third_account_id", async () => {
		sb.setRevision('r1');
		await openPage({ appId: 'test_app', token: encryptContent({ account_code: 'ac_1' }, HEX_KEY) });
		await api(
			sb,
			'/api/open/im/third/unbind_account',
			{ user_id: 'biz_101', third_account_id: 'ta_101' },
			token,
		);
		await rx.waitFor(2);
		const [bound, unbound] = rx.requests.map((r) => decodePush(r, { key: HEX_KEY }));
		expect(bound.signatureOk).toBe(true);
		expect(bound.event).toEqual({
			event: 'account_bound',
			user_id: 'biz_101',
			nick_name: '沙盒新账号1',
			token: expect.any(String),
			account_code: 'ac_1',
			app_id: 'test_app',
			third_account_id: 'ta_101',
			message_id: expect.stringMatching(/^e_/),
			timestamp: expect.any(Number),
		});
		expect(unbound.event).toEqual({
			event: 'account_unbound',
			user_id: 'biz_101',
			account_code: 'ac_1',
			third_account_id: 'ta_101',
			message_id: expect.stringMatching(/^e_/),
			timestamp: expect.any(Number),
		});
	});
});
