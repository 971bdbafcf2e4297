// Spec §3 and §7 "Envelope and HTTP": the envelope, which HTTP status each code comes with,
// and the 100 req/s rate limit (42900 + HTTP 429 + Retry-After).
const { startSandbox, api, request, login } = require('./helpers');

const BIND = '/api/open/im/auth/bind_users';

describe('sandbox envelope and HTTP statuses', () => {
	let sb;
	let token;
	beforeEach(async () => {
		sb = await startSandbox();
		sb.freezeClock();
		token = (await login(sb)).access_token;
	});
	afterEach(() => sb.close());

	test('success: HTTP 200, code 0, success true, msg "", data, request_id', async () => {
		const r = await api(sb, BIND, {}, token);
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toMatch(/application\/json/);
		expect(Object.keys(r.json).sort()).toEqual(['code', 'data', 'msg', 'request_id', 'success']);
		expect(r.json).toMatchObject({ code: 0, success: true, msg: '' });
	});

	test('business errors come with HTTP 200 and data null', async () => {
		const cases = [
			[api(sb, BIND, {}, 'at_wrong'), 40001],
			[api(sb, BIND, '{not json', token), 40000],
			[api(sb, '/api/open/im/note/list', { pageSize: 500 }, token), 40000],
			[
				api(sb, '/api/open/oauth2/refresh_token', {
					app_id: 'test_app',
					secret: 'x',
					refresh_token: 'y',
				}),
				40003,
			],
			[
				api(sb, '/api/open/oauth2/access_token', {
					app_id: 'test_app',
					secret: 'x',
					auth_code: 'y',
				}),
				40029,
			],
		];
		for (const [pending, code] of cases) {
			const r = await pending;
			expect([r.status, r.json.code, r.json.success, r.json.data]).toEqual([
				200,
				code,
				false,
				null,
			]);
			expect(typeof r.json.msg).toBe('string');
			expect(r.json.msg.length).toBeGreaterThan(0);
		}
	});

	test('unknown endpoint → 404, wrong method → 405, both with an envelope', async () => {
		const r = await api(sb, '/api/open/im/nope', {}, token);
		expect([r.status, r.json.code]).toEqual([404, 40000]);
		const g = await request(sb.url + BIND, { headers: { 'Access-Token': token } });
		expect([g.status, g.json.code]).toEqual([405, 40000]);
	});

	test(`more than 100 calls within a second → 42900, HTTP 429, Retry-After; the window slides`, async () => {
		const answers = await Promise.all(Array.from({ length: 99 }, () => api(sb, BIND, {}, token))); // login used one call
		expect(answers.every((a) => a.json.code === 0)).toBe(true);
		const limited = await api(sb, BIND, {}, token);
		expect([limited.status, limited.json.code, limited.json.success, limited.json.data]).toEqual([
			429,
			42900,
			false,
			null,
		]);
		expect(limited.headers['retry-after']).toMatch(/^[1-9]\d*$/);
		sb.advanceClock(999);
		expect((await api(sb, BIND, {}, token)).status).toBe(429);
		sb.advanceClock(1);
		expect((await api(sb, BIND, {}, token)).json.code).toBe(0);
		expect(sb.stats().rateLimited).toBe(2);
	});

	test('the rate limit is configurable and applies to oauth calls too', async () => {
		const small = await startSandbox({ rateLimitPerSecond: 2 });
		try {
			small.freezeClock();
			const body = { app_id: 'test_app', secret: 'x', refresh_token: 'y' };
			const codes = [];
			for (let i = 0; i < 3; i++)
				codes.push((await api(small, '/api/open/oauth2/refresh_token', body)).json.code);
			expect(codes).toEqual([40003, 40003, 42900]);
		} finally {
			await small.close();
		}
	});
});
