// Revision 2 pushes (spec §4r2, §7r2), the sandbox's default: the DM's plain body with only
// `content` encrypted, the other events' encrypted fields, path suffixes, the {"test": true} URL
// check, acknowledgement by `success === true`, redelivery, and switching the revision at runtime.
// Decoded with the independent helpers (node:crypto), never with sandbox/crypto.js.
const {
	startSandbox,
	startReceiver,
	readPush,
	decodePush,
	decryptContent,
	control,
	ACK,
	HEX_KEY,
} = require('./helpers');

const WIRE = /^[A-Za-z0-9+/]+={0,2}~split~[A-Za-z0-9+/]+={0,2}$/;

describe('sandbox pushes, revision 2', () => {
	let sb;
	let rx;
	beforeEach(async () => {
		rx = await startReceiver();
		sb = await startSandbox({ webhookUrl: rx.url, encryptionKey: HEX_KEY });
	});
	afterEach(async () => {
		await sb.close();
		await rx.close();
	});
	const post = (path, body) => control(sb, path, 'POST', body);

	test('a DM is plain JSON with exactly the fields of §4r2, only content encrypted (with the hex key), unsigned', async () => {
		const { message_id, done } = sb.customerMessage('cust_9', {
			text: '这个面霜多少钱？',
			nickname: '小红',
			avatar: 'https://a/b.png',
		});
		expect((await done).acked).toBe(true);
		expect(rx.requests).toHaveLength(1);
		const req = rx.requests[0];
		expect([req.method, req.url, req.headers['content-type']]).toEqual([
			'POST',
			'/webhook',
			'application/json',
		]);
		expect(req.headers['x-xhs-signature']).toBeUndefined();
		expect(req.headers['x-xhs-timestamp']).toBeUndefined();
		const body = JSON.parse(req.rawBody);
		expect(Object.keys(body)).toEqual([
			'message_id',
			'message_type',
			'message_source',
			'from_user_id',
			'to_user_id',
			'third_account_id',
			'timestamp',
			'content',
			'user_info',
		]);
		expect(body).toEqual({
			message_id,
			message_type: 'TEXT',
			message_source: 1,
			from_user_id: 'cust_9',
			to_user_id: 'biz_001',
			third_account_id: 'ta_001',
			timestamp: expect.any(Number),
			content: expect.stringMatching(WIRE),
			user_info: { nickname: '小红', avatar: 'https://a/b.png' },
		});
		expect(String(body.timestamp)).toMatch(/^\d{13}$/);
		expect(JSON.parse(decryptContent(body.content, HEX_KEY))).toEqual({ text: '这个面霜多少钱？' });
		expect(() => decryptContent(body.content, 'sandboxkey123456')).toThrow();
		expect(sb.deliveries({ message_id })).toEqual([
			expect.objectContaining({
				event: 'message',
				revision: 'r2',
				signature_mode: 'none',
				url: rx.url,
				timestamp: null,
				ok: true,
				bad_signature: false,
				wrong_key: false,
			}),
		]);
	});

	test('an IMAGE DM and a human reply (source 2) have the same shape; content is the type JSON', async () => {
		await sb.customerMessage('c1', {
			message_type: 'IMAGE',
			content: { url: 'https://x/1.png', width: 10, height: 20 },
		}).done;
		await sb.pushEvent({ event: 'message', message_source: 2, to_user_id: 'c1', text: '人工回复' })
			.done;
		const [img, human] = rx.requests.map((r) => readPush(r, { key: HEX_KEY }));
		expect([img.body.message_type, img.payload]).toEqual([
			'IMAGE',
			{ url: 'https://x/1.png', width: 10, height: 20 },
		]);
		expect(human.body).toMatchObject({
			message_source: 2,
			from_user_id: 'biz_001',
			to_user_id: 'c1',
			message_type: 'TEXT',
			third_account_id: 'ta_001',
		});
		expect(human.payload).toEqual({ text: '人工回复' });
		expect('event' in human.body).toBe(false);
	});

	describe('other events: {"content": encrypt(fields)} without an event field, each with its path suffix', () => {
		const CASES = [
			[
				'bind',
				{ event: 'account_bound', user_id: 'biz_001', nick_name: '沙盒小店', token: 'tok_1' },
				{ user_id: 'biz_001', nick_name: '沙盒小店', token: 'tok_1', app_id: 'test_app' },
				'/open/im/third/bind_account',
			],
			[
				'unbind',
				{ event: 'account_unbound', user_id: 'biz_002', account_code: 'ac_7' },
				{ user_id: 'biz_002', account_code: 'ac_7' },
				'/open/im/third/unbind_account',
			],
			[
				'KOS',
				{ event: 'kos_auth', user_id: 'biz_001', auth_status: 2, kos_user_id: 'kos_9' },
				{ user_id: 'biz_001', auth_status: 2, kos_user_id: 'kos_9' },
				'/open/im/auth/bind_user/event',
			],
			[
				'comment intent',
				{
					event: 'comment_intent',
					note_id: 'note_1',
					comment: '求链接',
					user_id: 'c5',
					user_info: { nickname: '小美' },
				},
				{ note_id: 'note_1', comment: '求链接', user_id: 'c5', user_info: { nickname: '小美' } },
				'/open/im/intent/comment',
			],
			[
				'lead (the r1 content flattened)',
				{
					event: 'lead',
					user_id: 'c6',
					content: { name: '王女士', phone: '13812345678', remark: '团购两套' },
				},
				{ user_id: 'c6', name: '王女士', phone: '13812345678', remark: '团购两套' },
				'/open/im/third/data',
			],
		];

		test.each(CASES)('%s', async (_name, input, fields, suffix) => {
			const r = await post('/sandbox/events', { event: input, wait: true });
			expect(r.json).toMatchObject({ acked: true, message_id: null });
			const p = readPush(rx.requests[0], { key: HEX_KEY });
			expect(p.path).toBe('/webhook');
			expect(p.bodyKeys).toEqual(['content']);
			expect(p.body.content).toMatch(WIRE);
			expect(p.payload).toEqual(fields);
			// the same event with path suffixes on
			await post('/sandbox/faults', { pushPathSuffix: true });
			await post('/sandbox/events', { event: input, wait: true });
			const q = readPush(rx.requests[1], { key: HEX_KEY });
			expect(q.path).toBe(`/webhook${suffix}`);
			expect(q.payload).toEqual(fields);
			expect(q.iv).not.toBe(p.iv);
			expect(sb.deliveries().at(-1).url).toBe(`${rx.url}${suffix}`);
		});

		test('the business account and app id are filled in when missing', async () => {
			await post('/sandbox/events', { event: 'account_bound', token: 't', wait: true });
			await post('/sandbox/events', { event: 'account_unbound', wait: true });
			await post('/sandbox/events', {
				event: 'kos_auth',
				auth_status: 1,
				kos_user_id: 'k',
				wait: true,
			});
			expect(rx.requests.map((r) => readPush(r, { key: HEX_KEY }).payload)).toEqual([
				{ user_id: 'biz_001', token: 't', app_id: 'test_app' },
				{ user_id: 'biz_001' },
				{ user_id: 'biz_001', auth_status: 1, kos_user_id: 'k' },
			]);
		});

		test('an unknown event keeps its event field and goes to the registered URL, suffixes on or off', async () => {
			await post('/sandbox/faults', { pushPathSuffix: true });
			await post('/sandbox/events', { event: 'mystery', foo: 1, wait: true });
			const p = readPush(rx.requests[0], { key: HEX_KEY });
			expect([p.path, p.bodyKeys, p.payload]).toEqual([
				'/webhook',
				['content'],
				{ event: 'mystery', foo: 1 },
			]);
		});
	});

	describe('path suffixes', () => {
		test('off by default: every push to the registered URL as is', async () => {
			await sb.customerMessage('c1', { text: 'x' }).done;
			await post('/sandbox/events', {
				event: 'lead',
				user_id: 'c1',
				content: { phone: '1' },
				wait: true,
			});
			expect(rx.requests.map((r) => r.url)).toEqual(['/webhook', '/webhook']);
		});

		test('on (option): the suffix joins the path without a double slash and the query string stays after it', async () => {
			const other = await startSandbox({
				webhookUrl: `${rx.url}/?tenant=a&x=1`,
				pushPathSuffix: true,
			});
			try {
				await other.customerMessage('c1', { text: 'x' }).done;
				expect(rx.requests[0].url).toBe('/webhook/open/im/send?tenant=a&x=1');
				expect(other.faults().pushPathSuffix).toBe(true);
				other.setFaults({ pushPathSuffix: false });
				await other.customerMessage('c1', { text: 'y' }).done;
				expect(rx.requests[1].url).toBe('/webhook/?tenant=a&x=1');
				await control(other, '/sandbox/faults', 'DELETE');
				expect(other.faults().pushPathSuffix).toBe(true); // back to the option
			} finally {
				await other.close();
			}
		});

		test('the URL check goes to the registered URL even with suffixes on', async () => {
			await post('/sandbox/faults', { pushPathSuffix: true });
			await post('/sandbox/verify', { wait: true });
			expect(rx.requests[0].url).toBe('/webhook');
		});
	});

	describe('URL check', () => {
		test('POST /sandbox/verify pushes exactly {"test": true}; any HTTP 200 acknowledges it', async () => {
			rx.setHandler(() => ({ status: 200, body: 'ok' }));
			const r = await post('/sandbox/verify', { wait: true });
			expect(r.json).toMatchObject({
				acked: true,
				message_id: null,
				event: { event: 'url_check' },
			});
			expect(rx.requests).toHaveLength(1);
			expect(rx.requests[0].rawBody).toBe('{"test":true}');
			expect(rx.requests[0].headers['x-xhs-signature']).toBeUndefined();
			expect(sb.deliveries({ push_id: r.json.push_id })).toEqual([
				expect.objectContaining({ event: 'url_check', ok: true, status: 200 }),
			]);
		});

		test('a non-200 answer fails and is redelivered; sb.verifyWebhook() is the same', async () => {
			rx.setHandler((_req, n) => (n === 1 ? { status: 404, body: {} } : { status: 200, body: {} }));
			const result = await sb.verifyWebhook().done;
			expect(result.acked).toBe(true);
			expect(result.attempts.map((a) => [a.attempt, a.ok, a.status])).toEqual([
				[1, false, 404],
				[2, true, 200],
			]);
			expect(rx.requests.map((q) => q.rawBody)).toEqual(['{"test":true}', '{"test":true}']);
		});

		test("revision 1's verify_webhook challenge still works through POST /sandbox/events", async () => {
			rx.setHandler((req) => ({
				status: 200,
				body: { challenge: readPush(req, { key: HEX_KEY }).payload.challenge },
			}));
			const r = await post('/sandbox/events', {
				event: 'verify_webhook',
				challenge: 'abc',
				wait: true,
			});
			expect(r.json).toMatchObject({ acked: true, challenge_echoed: true });
			const p = readPush(rx.requests[0], { key: HEX_KEY });
			expect([p.bodyKeys, p.payload]).toEqual([
				['content'],
				{ event: 'verify_webhook', challenge: 'abc' },
			]);
		});

		test('in r1, POST /sandbox/verify is the verify_webhook challenge', async () => {
			sb.setRevision('r1');
			rx.setHandler((req) => ({
				status: 200,
				body: { challenge: decodePush(req, { key: HEX_KEY }).event.challenge },
			}));
			const r = await post('/sandbox/verify', { challenge: 'xyz', wait: true });
			expect(r.json).toMatchObject({
				acked: true,
				challenge_echoed: true,
				event: { event: 'verify_webhook', challenge: 'xyz' },
			});
			expect(decodePush(rx.requests[0], { key: HEX_KEY }).signatureOk).toBe(true);
		});
	});

	describe('acknowledgement: HTTP 200 and a JSON body with success === true', () => {
		test.each([
			['{"success": true} (no code)', { success: true }],
			['{"success": true, "code": 0}', ACK.body],
			['extra fields', { success: true, msg: 'ok', code: 0 }],
		])('%s → acknowledged', async (_name, body) => {
			rx.setHandler(() => ({ status: 200, body }));
			const result = await sb.customerMessage('c1', { text: 'x' }).done;
			expect(result.acked).toBe(true);
			expect(result.attempts).toHaveLength(1);
		});

		test.each([
			['{"success": false}', { status: 200, body: { success: false } }],
			['string success', { status: 200, body: { success: 'true' } }],
			['n8n default answer', { status: 200, body: { message: 'Workflow was started' } }],
			['code 0 without success', { status: 200, body: { code: 0 } }],
			['not JSON', { status: 200, body: 'ok' }],
			['a JSON array', { status: 200, body: '[{"success":true}]' }],
			['HTTP 201 with an ack', { status: 201, body: ACK.body }],
			['HTTP 401', { status: 401, body: {} }],
			['HTTP 500 with an ack', { status: 500, body: ACK.body }],
		])('%s → redelivered', async (_name, answer) => {
			rx.setHandler((_req, n) => (n === 1 ? answer : { status: 200, body: { success: true } }));
			const { message_id, done } = sb.customerMessage('c1', { text: 'x' });
			expect((await done).acked).toBe(true);
			const attempts = sb.deliveries({ message_id });
			expect(attempts.map((a) => [a.attempt, a.ok, a.status])).toEqual([
				[1, false, answer.status],
				[2, true, 200],
			]);
			expect(attempts[0].error).toEqual(expect.any(String));
		});

		test('4 attempts in all, each encrypted afresh (new IV), then given up', async () => {
			rx.setHandler(() => ({ status: 200, body: { success: false } }));
			const { message_id, done } = sb.customerMessage('c1', { text: 'x' });
			const result = await done;
			expect(result.acked).toBe(false);
			expect(result.attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
			const pushes = rx.requests.map((r) => readPush(r, { key: HEX_KEY }));
			expect(new Set(pushes.map((p) => p.body.message_id))).toEqual(new Set([message_id]));
			expect(new Set(pushes.map((p) => p.iv)).size).toBe(4);
			expect(pushes.every((p) => p.payload.text === 'x')).toBe(true);
			expect(sb.stats()).toMatchObject({ pushAttempts: 4, pushFailures: 4, pushesGivenUp: 1 });
		});

		test('encrypted events are redelivered afresh too', async () => {
			rx.setHandler((_req, n) =>
				n === 1 ? { status: 500, body: {} } : { status: 200, body: { success: true } },
			);
			await post('/sandbox/events', {
				event: 'kos_auth',
				auth_status: 2,
				kos_user_id: 'k',
				wait: true,
			});
			const [a, b] = rx.requests.map((r) => readPush(r, { key: HEX_KEY }));
			expect(a.payload).toEqual(b.payload);
			expect(a.body.content).not.toBe(b.body.content);
		});
	});

	describe('switching the revision at runtime', () => {
		test('POST /sandbox/revision switches shape, signature and GET /sandbox/app; bad values are 400', async () => {
			expect((await control(sb, '/sandbox/revision')).json).toEqual({
				revision: 'r2',
				signature_mode: 'none',
				signature_mode_follows_revision: true,
			});
			const r = await post('/sandbox/revision', { revision: 'r1' });
			expect(r.json).toEqual({
				revision: 'r1',
				signature_mode: 'timestamp-hmac',
				signature_mode_follows_revision: true,
			});
			expect(sb.app).toMatchObject({ wire_revision: 'r1', signature_mode: 'timestamp-hmac' });
			const { message_id, done } = sb.customerMessage('c1', { text: 'r1 now' });
			await done;
			const d = decodePush(rx.requests[0], { key: HEX_KEY });
			expect([d.bodyKeys, d.signatureOk, d.timestampOk]).toEqual([['content'], true, true]);
			expect(d.event).toMatchObject({ event: 'message', message_id, content: { text: 'r1 now' } });
			expect(sb.setRevision('r2')).toEqual({
				revision: 'r2',
				signature_mode: 'none',
				signature_mode_follows_revision: true,
			});
			await sb.customerMessage('c1', { text: 'r2 again' }).done;
			expect(readPush(rx.requests[1], { key: HEX_KEY }).payload).toEqual({ text: 'r2 again' });
			for (const bad of [{ revision: 'r3' }, { signature_mode: 'md5' }, { revison: 'r1' }])
				expect((await post('/sandbox/revision', bad)).status).toBe(400);
			expect(sb.revision().revision).toBe('r2');
			expect((await control(sb, '/sandbox')).json.routes).toEqual(
				expect.arrayContaining([
					expect.stringMatching(/\/sandbox\/revision/),
					expect.stringMatching(/\/sandbox\/verify/),
					expect.stringMatching(/\/sandbox\/accounts/),
				]),
			);
		});

		test('a push keeps the revision it started with through its redeliveries', async () => {
			rx.setHandler((_req, n) => {
				if (n === 1) sb.setRevision('r1');
				return n === 1 ? { status: 500, body: {} } : ACK;
			});
			await sb.customerMessage('c1', { text: 'x' }).done;
			const [first, second] = rx.requests.map((r) => readPush(r, { key: HEX_KEY }));
			expect(first.bodyKeys).toContain('message_id');
			expect(second.bodyKeys).toContain('message_id');
			expect(second.headers['x-xhs-signature']).toBeUndefined();
			expect(sb.deliveries().map((d) => d.revision)).toEqual(['r2', 'r2']);
		});

		test('options are checked: revision, signature mode, freeAccounts, pushPathSuffix', async () => {
			await expect(startSandbox({ wireRevision: 'r3' })).rejects.toThrow(
				/revision must be one of r2, r1/,
			);
			await expect(startSandbox({ signatureMode: 'sha1' })).rejects.toThrow(/signature mode/);
			await expect(startSandbox({ freeAccounts: -1 })).rejects.toThrow(/freeAccounts/);
			await expect(startSandbox({ pushPathSuffix: 'yes' })).rejects.toThrow(/pushPathSuffix/);
		});
	});
});
