// The control API under /sandbox/ (paths and field names the n8n end-to-end tests rely on).
const {
	startSandbox,
	startReceiver,
	readPush,
	dmOf,
	api,
	control,
	login,
	request,
	sendBody,
	HOUR,
} = require('./helpers');

describe('sandbox control API', () => {
	let sb;
	let rx;
	beforeEach(async () => {
		rx = await startReceiver();
		sb = await startSandbox();
	});
	afterEach(async () => {
		await sb.close();
		await rx.close();
	});

	test('GET /sandbox lists the routes; unknown routes are 404; bad JSON is 400', async () => {
		expect((await control(sb, '/sandbox')).json.routes.length).toBeGreaterThan(5);
		expect((await control(sb, '/sandbox/nope')).status).toBe(404);
		expect(
			(await request(`${sb.url}/sandbox/webhook`, { method: 'POST', body: '{bad' })).status,
		).toBe(400);
	});

	test('the programmatic API exposes url, port, close and app', async () => {
		expect(sb.url).toBe(`http://127.0.0.1:${sb.port}`);
		expect(sb.app).toEqual((await control(sb, '/sandbox/app')).json);
		expect(Object.keys(sb.app)).toEqual(
			expect.arrayContaining([
				'app_id',
				'secret',
				'encryption_key',
				'base_url',
				'refresh_token',
				'auth_code',
				'business_user_id',
				'third_account_id',
			]),
		);
	});

	test('a WeCom robot image message is checked against its md5 and kept to look at', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const md5 = require('node:crypto').createHash('md5').update(png).digest('hex');
		const bad = await control(sb, '/sandbox/bot/wecom/report', 'POST', {
			msgtype: 'image',
			image: { base64: png.toString('base64'), md5: '0'.repeat(32) },
		});
		expect(bad.json).toEqual({
			errcode: 40008,
			errmsg: 'invalid image: image.md5 does not match the image',
		});
		const ok = await control(sb, '/sandbox/bot/wecom/report', 'POST', {
			msgtype: 'image',
			image: { base64: png.toString('base64'), md5 },
		});
		expect(ok.json).toEqual({ errcode: 0, errmsg: 'ok' });
		const [kept] = (await control(sb, '/sandbox/bot?bot=report')).json;
		expect(kept).toMatchObject({
			text: `[image ${png.length} bytes]`,
			imageUrl: expect.stringMatching(/^\/sandbox\/bot\/images\/\d+$/),
		});
		const image = await fetch(sb.url + kept.imageUrl);
		expect(image.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
	});

	test('the team chat keeps Feishu and WeCom bot messages for agents, answering as each bot does', async () => {
		const feishu = await control(sb, '/sandbox/bot/feishu/xiaowang', 'POST', {
			msg_type: 'text',
			content: { text: '新私信：小雨 问 合同' },
		});
		expect(feishu.json).toEqual({ code: 0, msg: 'success', data: {} });
		const wecom = await control(sb, '/sandbox/bot/wecom/desk', 'POST', {
			msgtype: 'markdown',
			markdown: { content: '**投诉**' },
		});
		expect(wecom.json).toEqual({ errcode: 0, errmsg: 'ok' });
		const all = (await control(sb, '/sandbox/bot')).json;
		expect(all.map((m) => [m.channel, m.bot, m.text])).toEqual([
			['feishu', 'xiaowang', '新私信：小雨 问 合同'],
			['wecom', 'desk', '**投诉**'],
		]);
		expect((await control(sb, '/sandbox/bot?bot=desk')).json).toHaveLength(1);
		await control(sb, '/sandbox/reset', 'POST', {});
		expect((await control(sb, '/sandbox/bot')).json).toEqual([]);
	});

	test('defaults: app sandbox_app, a 32-hex-character key (the old text key in hex), r2 unsigned, biz_001 / ta_001', async () => {
		const d = await startSandbox({
			appId: undefined,
			appSecret: undefined,
			encryptionKey: undefined,
		});
		try {
			expect(d.app).toMatchObject({
				app_id: 'sandbox_app',
				business_user_id: 'biz_001',
				third_account_id: 'ta_001',
				encryption_key: '73616e64626f786b6579313233343536',
				wire_revision: 'r2',
				signature_mode: 'none',
			});
			expect(Buffer.from(d.app.encryption_key, 'hex').toString('utf8')).toBe('sandboxkey123456');
			expect(d.app.secret).toEqual(expect.any(String));
		} finally {
			await d.close();
		}
	});

	test('webhook: POST registers, GET shows, DELETE removes; a bad URL is 400', async () => {
		expect((await control(sb, '/sandbox/webhook')).json).toEqual({ url: null });
		expect((await control(sb, '/sandbox/webhook', 'POST', { url: rx.url })).json).toEqual({
			url: rx.url,
		});
		expect((await control(sb, '/sandbox/webhook')).json).toEqual({ url: rx.url });
		expect(sb.app.webhook_url).toBe(rx.url);
		expect((await control(sb, '/sandbox/webhook', 'POST', { url: 'not a url' })).status).toBe(400);
		expect((await control(sb, '/sandbox/webhook', 'POST', {})).status).toBe(400);
		expect((await control(sb, '/sandbox/webhook', 'DELETE')).json).toEqual({ url: null });
	});

	test('POST customers/:id/messages answers at once, or after the delivery sequence with wait', async () => {
		await control(sb, '/sandbox/webhook', 'POST', { url: rx.url });
		const quick = await control(sb, '/sandbox/customers/cust_1/messages', 'POST', {
			text: '你好',
			nickname: '小红',
		});
		expect(quick.status).toBe(200);
		expect(quick.json).toEqual({
			message_id: expect.any(String),
			push_id: expect.any(String),
			event: expect.objectContaining({ message_source: 1, from_user_id: 'cust_1' }),
		});
		rx.setHandler((_req, n) =>
			n === 2 ? { status: 500, body: {} } : { status: 200, body: { success: true, code: 0 } },
		);
		const waited = await control(sb, '/sandbox/customers/cust_1/messages', 'POST', {
			text: '还在吗',
			message_id: 'm_fixed',
			wait: true,
		});
		expect(waited.json).toMatchObject({ message_id: 'm_fixed', acked: true });
		expect(waited.json.attempts.map((a) => [a.message_id, a.attempt, a.ok, a.status])).toEqual([
			['m_fixed', 1, false, 500],
			['m_fixed', 2, true, 200],
		]);
		const deliveries = (await control(sb, '/sandbox/deliveries?message_id=m_fixed')).json;
		expect(deliveries).toHaveLength(2);
		expect(Object.keys(deliveries[0])).toEqual(
			expect.arrayContaining([
				'message_id',
				'event',
				'attempt',
				'status',
				'ok',
				'ms',
				'error',
				'body',
			]),
		);
		expect((await control(sb, '/sandbox/deliveries')).json).toHaveLength(3);
	});

	test('POST customers/:id/messages takes type, content, avatar and business; needs text or content', async () => {
		const img = await control(sb, '/sandbox/customers/c2/messages', 'POST', {
			message_type: 'IMAGE',
			content: { url: 'https://x/1.png', width: 10, height: 20 },
			avatar: 'https://x/a.png',
		});
		expect(img.json.event).toMatchObject({
			message_type: 'IMAGE',
			content: { url: 'https://x/1.png', width: 10, height: 20 },
			user_info: { avatar: 'https://x/a.png' },
		});
		expect((await control(sb, '/sandbox/customers/c2/messages', 'POST', {})).status).toBe(400);
		expect(
			(
				await control(sb, '/sandbox/customers/c2/messages', 'POST', {
					text: 'x',
					business_user_id: 'nobody',
				})
			).status,
		).toBe(400);
	});

	test('GET customers/:id/messages: both directions in order, with timestamps, source and api flag', async () => {
		const token = (await login(sb)).access_token;
		await control(sb, '/sandbox/customers/c3/messages', 'POST', { text: 'q1' });
		await api(sb, '/api/open/im/third/send', sendBody('c3', { text: 'a1' }), token);
		await control(sb, '/sandbox/events', 'POST', {
			event: 'message',
			message_source: 2,
			to_user_id: 'c3',
			text: 'human',
		});
		const conv = (await control(sb, '/sandbox/customers/c3/messages')).json;
		expect(conv).toMatchObject({
			conversation_key: 'biz_001:c3',
			customer_user_id: 'c3',
			business_user_id: 'biz_001',
		});
		expect(conv.window).toMatchObject({ open: true, quota: 5, used: 1, remaining: 4 });
		expect(conv.messages.map((m) => [m.message_source, m.api, m.content.text])).toEqual([
			[1, false, 'q1'],
			[3, true, 'a1'],
			[2, false, 'human'],
		]);
		for (const m of conv.messages) {
			expect(typeof m.timestamp).toBe('number');
			expect(new Date(m.at).getTime()).toBe(m.timestamp);
		}
		expect((await control(sb, '/sandbox/customers/unknown/messages')).json.messages).toEqual([]);
		expect((await control(sb, '/sandbox/customers')).json.map((c) => c.customer_user_id)).toEqual([
			'c3',
		]);
	});

	test('GET /sandbox/stats has every counter', async () => {
		const stats = (await control(sb, '/sandbox/stats')).json;
		for (const k of [
			'exchanges',
			'refreshes',
			'refreshFailures',
			'sends',
			'sendReplays',
			'rateLimited',
			'serverErrors',
			'pushes',
			'pushAttempts',
			'pushFailures',
			'tokenErrors',
		])
			expect(stats[k]).toBe(0);
	});

	test('clock: advance and freeze', async () => {
		const before = (await control(sb, '/sandbox/clock')).json;
		const after = (
			await control(sb, '/sandbox/clock', 'POST', { advanceMs: 48 * HOUR, freeze: true })
		).json;
		expect(after.offset_ms).toBe(48 * HOUR);
		expect(after.frozen).toBe(true);
		expect(after.now - before.now).toBeGreaterThanOrEqual(48 * HOUR);
		const later = (await control(sb, '/sandbox/clock')).json;
		expect(later.now).toBe(after.now);
		expect((await control(sb, '/sandbox/clock', 'POST', { advanceMs: 'x' })).status).toBe(400);
		expect((await control(sb, '/sandbox/clock', 'POST', { freeze: false })).json.frozen).toBe(
			false,
		);
	});

	test('reset clears messages, sends, deliveries, stats, faults, clock; keeps app, tokens and webhook', async () => {
		await control(sb, '/sandbox/webhook', 'POST', { url: rx.url });
		const { access_token } = await login(sb);
		await control(sb, '/sandbox/customers/c1/messages', 'POST', { text: 'x', wait: true });
		await api(sb, '/api/open/im/third/send', sendBody('c1'), access_token);
		await control(sb, '/sandbox/faults', 'POST', { echo: true });
		await control(sb, '/sandbox/clock', 'POST', { advanceMs: 1000 });
		const r = await control(sb, '/sandbox/reset', 'POST');
		expect(r.json.ok).toBe(true);
		expect((await control(sb, '/sandbox/sent')).json).toEqual([]);
		expect((await control(sb, '/sandbox/deliveries')).json).toEqual([]);
		expect((await control(sb, '/sandbox/customers/c1/messages')).json.messages).toEqual([]);
		expect((await control(sb, '/sandbox/stats')).json.sends).toBe(0);
		expect((await control(sb, '/sandbox/faults')).json.echo).toBe(false);
		expect((await control(sb, '/sandbox/clock')).json.offset_ms).toBe(0);
		expect((await control(sb, '/sandbox/webhook')).json.url).toBe(rx.url);
		expect((await api(sb, '/api/open/im/auth/bind_users', {}, access_token)).json.code).toBe(0);
		await control(sb, '/sandbox/customers/c1/messages', 'POST', { text: 'again', wait: true });
		expect(dmOf(rx.requests.at(-1)).content.text).toBe('again');
	});

	test('reset {webhook: true, tokens: true} also drops the webhook and every token', async () => {
		await control(sb, '/sandbox/webhook', 'POST', { url: rx.url });
		const { access_token } = await login(sb);
		const oldApp = sb.app;
		await control(sb, '/sandbox/reset', 'POST', { webhook: true, tokens: true });
		expect((await control(sb, '/sandbox/webhook')).json.url).toBe(null);
		expect((await api(sb, '/api/open/im/auth/bind_users', {}, access_token)).json.code).toBe(40001);
		expect(sb.app.refresh_token).not.toBe(oldApp.refresh_token);
		expect((await login(sb)).access_token).toEqual(expect.any(String));
	});

	test('POST /sandbox/events accepts the event fields or {event: {...}}; source 1 needs a customer', async () => {
		await control(sb, '/sandbox/webhook', 'POST', { url: rx.url });
		const a = await control(sb, '/sandbox/events', 'POST', {
			event: { event: 'message', from_user_id: 'c7', text: 'hi' },
			wait: true,
		});
		expect(a.json).toMatchObject({
			acked: true,
			event: { message_source: 1, from_user_id: 'c7', content: { text: 'hi' } },
		});
		expect(sb.conversation('c7').window.open).toBe(true);
		expect(
			(await control(sb, '/sandbox/events', 'POST', { event: 'message', text: 'no customer' }))
				.status,
		).toBe(400);
		expect(
			(
				await control(sb, '/sandbox/events', 'POST', {
					event: 'message',
					message_source: 4,
					to_user_id: 'c7',
				})
			).status,
		).toBe(400);
		const k = await control(sb, '/sandbox/events', 'POST', {
			event: 'kos_auth',
			auth_status: 2,
			kos_user_id: 'kos_1',
			wait: true,
		});
		expect(k.json).toMatchObject({
			acked: true,
			message_id: null,
			event: { event: 'kos_auth', user_id: 'biz_001', auth_status: 2, kos_user_id: 'kos_1' },
		});
		const kos = readPush(rx.requests.at(-1));
		expect([kos.bodyKeys, kos.payload]).toEqual([
			['content'],
			{ user_id: 'biz_001', auth_status: 2, kos_user_id: 'kos_1' },
		]);
	});
});
