// The fault knobs of POST /sandbox/faults, one by one, in both wire revisions (the knobs that only
// make sense for one signature mode have their own block; the revision-2 knobs are in
// faults-r2.test.js).
const {
	startSandbox,
	startReceiver,
	decodePush,
	readPush,
	dmOf,
	api,
	control,
	login,
	request,
	sendBody,
	SECRET,
} = require('./helpers');

const BIND = '/api/open/im/auth/bind_users';
const SEND = '/api/open/im/third/send';

describe.each([['r1'], ['r2']])('sandbox faults (%s)', (revision) => {
	let sb;
	let rx;
	let token;
	beforeEach(async () => {
		rx = await startReceiver();
		sb = await startSandbox({ webhookUrl: rx.url, wireRevision: revision });
		token = (await login(sb)).access_token;
	});
	afterEach(async () => {
		await sb.close();
		await rx.close();
	});
	const setFaults = (patch) => control(sb, '/sandbox/faults', 'POST', patch);

	test('GET shows the defaults; unknown keys and bad values are refused with 400', async () => {
		expect((await control(sb, '/sandbox/faults')).json).toEqual({
			duplicateDeliveries: 0,
			pushDelayMs: 0,
			rateLimitNext: 0,
			retryAfterSeconds: 1,
			serverErrorNext: 0,
			serverErrorMode: 'json',
			serverErrorStatus: 500,
			badSignature: false,
			timestampSkewSeconds: 0,
			echo: false,
			apiLatencyMs: 0,
			botLatencyMs: 0,
			wrongKey: false,
			pushPathSuffix: false,
			omitThirdAccountId: false,
			avatarAsHeaderImage: false,
			plainTextContent: false,
			eventsUnderData: false,
		});
		expect((await setFaults({ nope: 1 })).status).toBe(400);
		expect((await setFaults({ serverErrorMode: 'teapot' })).status).toBe(400);
		expect((await setFaults({ retryAfterSeconds: 0 })).status).toBe(400);
		expect((await setFaults({ echo: 'yes' })).status).toBe(400);
		expect((await setFaults({ rateLimitNext: -1 })).status).toBe(400);
	});

	test('DELETE clears every fault', async () => {
		await setFaults({ echo: true, rateLimitNext: 3 });
		const r = await control(sb, '/sandbox/faults', 'DELETE');
		expect(r.json).toMatchObject({ echo: false, rateLimitNext: 0 });
	});

	test('duplicateDeliveries: N extra concurrent copies, each freshly encrypted and signed', async () => {
		await setFaults({ duplicateDeliveries: 2 });
		const { message_id, done } = sb.customerMessage('c1', { text: 'x' });
		const result = await done;
		expect(result.acked).toBe(true);
		expect(rx.requests).toHaveLength(3);
		expect(rx.requests.every((r) => dmOf(r).message_id === message_id)).toBe(true);
		expect(new Set(rx.requests.map((r) => readPush(r).iv)).size).toBe(3);
		// r1 signs each copy afresh; r2 signs nothing by default
		if (revision === 'r1') expect(rx.requests.every((r) => decodePush(r).signatureOk)).toBe(true);
		else expect(rx.requests.every((r) => !('x-xhs-signature' in r.headers))).toBe(true);
		expect(
			sb
				.deliveries({ message_id })
				.map((d) => [d.attempt, d.copy])
				.sort(),
		).toEqual([
			[1, 0],
			[1, 1],
			[1, 2],
		]);
	});

	test('pushDelayMs: the first attempt waits', async () => {
		await setFaults({ pushDelayMs: 60000 });
		const { message_id, done } = sb.customerMessage('c1', { text: 'x' });
		expect(sb.deliveries({ message_id })).toEqual([]);
		sb.reset();
		expect(await done).toMatchObject({ acked: false, cancelled: true });
		expect(rx.requests).toHaveLength(0);

		await setFaults({ pushDelayMs: 50 });
		const started = Date.now();
		await sb.customerMessage('c1', { text: 'y' }).done;
		expect(rx.requests[0].at - started).toBeGreaterThanOrEqual(45);
	});

	test('rateLimitNext with retryAfterSeconds: the next N API calls get 429/42900, then normal', async () => {
		await setFaults({ rateLimitNext: 2, retryAfterSeconds: 7 });
		for (let i = 0; i < 2; i++) {
			const r = await api(sb, BIND, {}, token);
			expect([r.status, r.json.code, r.json.data, r.headers['retry-after']]).toEqual([
				429,
				42900,
				null,
				'7',
			]);
		}
		expect((await api(sb, BIND, {}, token)).json.code).toBe(0);
		expect(sb.stats().rateLimited).toBe(2);
		expect(sb.faults().rateLimitNext).toBe(0);
	});

	test('serverErrorNext json: HTTP 500 with an envelope 50000', async () => {
		await setFaults({ serverErrorNext: 1 });
		const r = await api(sb, BIND, {}, token);
		expect([r.status, r.json.code, r.json.success, r.json.data]).toEqual([500, 50000, false, null]);
		expect((await api(sb, BIND, {}, token)).json.code).toBe(0);
	});

	test('serverErrorNext html / empty with a chosen status', async () => {
		await setFaults({ serverErrorNext: 2, serverErrorMode: 'html', serverErrorStatus: 502 });
		const html = await api(sb, BIND, {}, token);
		expect([html.status, html.headers['content-type']]).toEqual([502, 'text/html; charset=utf-8']);
		expect(html.text).toMatch(/<html>/);
		await setFaults({ serverErrorMode: 'empty', serverErrorStatus: 503 });
		const empty = await api(sb, BIND, {}, token);
		expect([empty.status, empty.text]).toEqual([503, '']);
		expect(sb.stats().serverErrors).toBe(2);
	});

	test('serverErrorNext drop: the connection drops without an answer (oauth calls too)', async () => {
		await setFaults({ serverErrorNext: 1, serverErrorMode: 'drop' });
		const r = await api(sb, '/api/open/oauth2/refresh_token', {
			app_id: 'test_app',
			secret: SECRET,
			refresh_token: 'x',
		});
		expect(r.error).toEqual(expect.any(String));
		expect(r.status).toBeUndefined();
		expect((await api(sb, BIND, {}, token)).json.code).toBe(0);
	});

	test('expireAccessTokens: every token issued so far → 40001 at once; refresh still works; one-shot', async () => {
		const login2 = await login(sb);
		const r = await setFaults({ expireAccessTokens: true });
		expect(r.json.actions.expireAccessTokens).toBeGreaterThanOrEqual(2);
		expect(r.json.faults).not.toHaveProperty('expireAccessTokens');
		expect((await api(sb, BIND, {}, token)).json.code).toBe(40001);
		expect((await api(sb, BIND, {}, login2.access_token)).json.code).toBe(40001);
		const next = await api(sb, '/api/open/oauth2/refresh_token', {
			app_id: 'test_app',
			secret: SECRET,
			refresh_token: login2.refresh_token,
		});
		expect(next.json.code).toBe(0);
		expect((await api(sb, BIND, {}, next.json.data.access_token)).json.code).toBe(0);
	});

	test('echo: accepted API sends are pushed back as message_source 3 events', async () => {
		await sb.customerMessage('c1', { text: '在吗', nickname: '小红' }).done;
		await setFaults({ echo: true });
		const r = await api(sb, SEND, sendBody('c1', { text: '在的' }, {}, revision), token);
		expect(r.json.code).toBe(0);
		await rx.waitFor(2);
		const ev = dmOf(rx.requests[1]);
		expect(ev).toMatchObject({
			message_id: r.json.data.message_id,
			message_source: 3,
			from_user_id: 'biz_001',
			to_user_id: 'c1',
			third_account_id: 'ta_001',
			message_type: 'TEXT',
			content: { text: '在的' },
			user_info: { nickname: '小红' },
		});
		await setFaults({ echo: false });
		expect(ev.event).toBe(revision === 'r1' ? 'message' : undefined);
		await api(sb, SEND, sendBody('c1', { text: '再见' }, {}, revision), token);
		await sb.customerMessage('c1', { text: 'bye' }).done;
		expect(rx.requests.map((q) => dmOf(q).message_source)).toEqual([1, 3, 1]);
	});

	test('a rejected send is never echoed', async () => {
		await setFaults({ echo: true });
		expect(
			(await api(sb, SEND, sendBody('nobody', undefined, {}, revision), token)).json.code,
		).toBe(45015);
		await sb.customerMessage('c1', { text: 'x' }).done;
		expect(rx.requests.map((q) => dmOf(q).message_source)).toEqual([1]);
	});

	test('apiLatencyMs delays every API answer', async () => {
		await setFaults({ apiLatencyMs: 80 });
		const started = Date.now();
		expect((await api(sb, BIND, {}, token)).json.code).toBe(0);
		expect(Date.now() - started).toBeGreaterThanOrEqual(75);
		expect((await request(`${sb.url}/sandbox/stats`)).status).toBe(200);
	});
});

describe('sandbox faults of the timestamp signature (r1)', () => {
	let sb;
	let rx;
	beforeEach(async () => {
		rx = await startReceiver();
		sb = await startSandbox({ webhookUrl: rx.url, wireRevision: 'r1' });
	});
	afterEach(async () => {
		await sb.close();
		await rx.close();
	});
	const setFaults = (patch) => control(sb, '/sandbox/faults', 'POST', patch);

	test('badSignature: pushes are signed with a wrong key (still decryptable)', async () => {
		await setFaults({ badSignature: true });
		await sb.customerMessage('c1', { text: 'x' }).done;
		const d = decodePush(rx.requests[0]);
		expect(d.signatureOk).toBe(false);
		expect(d.event.content).toEqual({ text: 'x' });
		expect(sb.deliveries()[0].bad_signature).toBe(true);
	});

	test('timestampSkewSeconds shifts X-Xhs-Timestamp (still signed correctly)', async () => {
		await setFaults({ timestampSkewSeconds: 301 });
		await sb.customerMessage('c1', { text: 'x' }).done;
		const req = rx.requests[0];
		const ts = Number(req.headers['x-xhs-timestamp']);
		const sentAt = Math.floor(Date.parse(sb.deliveries()[0].at) / 1000);
		expect([301, 302]).toContain(ts - sentAt);
		expect(decodePush(req).timestampOk).toBe(false);
		expect(decodePush(req, { nowSeconds: ts - 300 })).toMatchObject({
			timestampOk: true,
			signatureOk: true,
		});
		expect(decodePush(req, { nowSeconds: ts - 301 }).timestampOk).toBe(false);
		await setFaults({ timestampSkewSeconds: -120 });
		await sb.customerMessage('c1', { text: 'y' }).done;
		expect(decodePush(rx.requests[1]).timestampOk).toBe(true);
	});
});
