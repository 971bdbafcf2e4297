// Revision 1 (spec §4 and §7 "Pushes"): encryption, signature, acknowledgement and redelivery, checked with
// the independent decoder of helpers.js.
const { startSandbox, startReceiver, decodePush, control, ACK, SECRET } = require('./helpers');

describe('sandbox pushes', () => {
	let sb;
	let rx;
	beforeEach(async () => {
		rx = await startReceiver();
		sb = await startSandbox({ wireRevision: 'r1', webhookUrl: rx.url });
	});
	afterEach(async () => {
		await sb.close();
		await rx.close();
	});

	test('a customer message arrives encrypted, signed, as exactly {"content": ...}', async () => {
		const { message_id, done } = sb.customerMessage('cust_9', {
			text: '这个面霜多少钱？',
			nickname: '小红',
			avatar: 'https://a/b.png',
		});
		const result = await done;
		expect(result.acked).toBe(true);
		expect(rx.requests).toHaveLength(1);
		const req = rx.requests[0];
		expect(req.method).toBe('POST');
		expect(req.headers['content-type']).toBe('application/json');
		expect(req.headers['x-xhs-signature']).toMatch(/^[0-9a-f]{64}$/);
		expect(req.headers['x-xhs-timestamp']).toMatch(/^\d{10}$/);
		const d = decodePush(req);
		expect(d.bodyKeys).toEqual(['content']);
		expect(d.signatureOk).toBe(true);
		expect(d.timestampOk).toBe(true);
		expect(d.event).toEqual({
			event: 'message',
			message_id,
			message_type: 'TEXT',
			message_source: 1,
			from_user_id: 'cust_9',
			to_user_id: 'biz_001',
			third_account_id: 'ta_001',
			timestamp: expect.any(Number),
			content: { text: '这个面霜多少钱？' },
			user_info: { nickname: '小红', avatar: 'https://a/b.png' },
		});
		expect(String(d.event.timestamp)).toMatch(/^\d{13}$/);
		expect(sb.deliveries({ message_id })).toEqual([
			expect.objectContaining({
				message_id,
				event: 'message',
				attempt: 1,
				status: 200,
				ok: true,
				error: null,
				body: JSON.stringify(ACK.body),
			}),
		]);
		expect(sb.stats()).toMatchObject({
			pushes: 1,
			pushAttempts: 1,
			pushFailures: 0,
			pushesAcked: 1,
		});
	});

	test('a separate webhook secret signs when configured', async () => {
		const other = await startSandbox({
			wireRevision: 'r1',
			webhookUrl: rx.url,
			webhookSecret: 'hook_secret',
		});
		try {
			await other.customerMessage('c', { text: 'x' }).done;
			const req = rx.requests.at(-1);
			expect(decodePush(req).signatureOk).toBe(false);
			expect(decodePush(req, { secret: 'hook_secret' }).signatureOk).toBe(true);
			expect(decodePush(req, { secret: SECRET }).signatureOk).toBe(false);
		} finally {
			await other.close();
		}
	});

	describe('acknowledgement: anything but HTTP 200 + {"success": true, "code": 0} is a failure', () => {
		test.each([
			['n8n default answer', { status: 200, body: { message: 'Workflow was started' } }],
			['success without code', { status: 200, body: { success: true } }],
			['code without success', { status: 200, body: { code: 0 } }],
			['string success', { status: 200, body: { success: 'true', code: 0 } }],
			['string code', { status: 200, body: { success: true, code: '0' } }],
			['code 1', { status: 200, body: { success: true, code: 1 } }],
			['not JSON', { status: 200, body: 'ok' }],
			['empty body', { status: 200, body: '' }],
			['HTTP 201 with an ack', { status: 201, body: ACK.body }],
			['HTTP 401 (bad signature)', { status: 401, body: { error: 'bad signature' } }],
			['HTTP 400 (undecryptable)', { status: 400, body: {} }],
			['HTTP 500', { status: 500, body: ACK.body }],
		])('%s → redelivered', async (_name, answer) => {
			rx.setHandler((_req, n) => (n === 1 ? answer : ACK));
			const { message_id, done } = sb.customerMessage('c1', { text: 'x' });
			const result = await done;
			expect(result.acked).toBe(true);
			const attempts = sb.deliveries({ message_id });
			expect(attempts.map((a) => [a.attempt, a.ok])).toEqual([
				[1, false],
				[2, true],
			]);
			expect(attempts[0].status).toBe(answer.status);
			expect(attempts[0].error).toEqual(expect.any(String));
			expect(sb.stats()).toMatchObject({ pushAttempts: 2, pushFailures: 1 });
		});

		test('an ack with extra fields is accepted', async () => {
			rx.setHandler(() => ({ status: 200, body: { success: true, code: 0, msg: 'ok' } }));
			expect((await sb.customerMessage('c1', { text: 'x' }).done).acked).toBe(true);
		});

		test('no complete answer within ackTimeoutMs is a failure', async () => {
			const slow = await startSandbox({
				wireRevision: 'r1',
				webhookUrl: rx.url,
				ackTimeoutMs: 100,
			});
			try {
				rx.setHandler((_req, n) => (n === 1 ? { hang: true } : ACK));
				const { message_id, done } = slow.customerMessage('c1', { text: 'x' });
				expect((await done).acked).toBe(true);
				const [first, second] = slow.deliveries({ message_id });
				expect(first).toMatchObject({
					ok: false,
					status: null,
					error: expect.stringMatching(/within 100 ms/),
				});
				expect(second.ok).toBe(true);
			} finally {
				await slow.close();
			}
		});

		test('a receiver that is down is redelivered to', async () => {
			const url = rx.url;
			await rx.close();
			const { message_id, done } = sb.customerMessage('c1', { text: 'x' });
			const result = await done;
			expect(result.acked).toBe(false);
			expect(sb.deliveries({ message_id }).map((d) => d.error)).toEqual(
				Array(4).fill('ECONNREFUSED'),
			);
			rx = await startReceiver();
			expect(url).not.toBe(rx.url);
		});
	});

	describe('redelivery', () => {
		test('4 attempts in all, each encrypted and signed afresh, then given up', async () => {
			const timed = await startSandbox({
				wireRevision: 'r1',
				webhookUrl: rx.url,
				redeliveryDelaysMs: [30, 60, 90],
			});
			try {
				rx.setHandler(() => ({ status: 500, body: {} }));
				const { message_id, done } = timed.customerMessage('c1', { text: 'x' });
				const result = await done;
				expect(result.acked).toBe(false);
				expect(result.attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
				expect(rx.requests).toHaveLength(4);
				const decoded = rx.requests.map((r) => decodePush(r));
				expect(decoded.every((d) => d.signatureOk && d.timestampOk)).toBe(true);
				expect(new Set(decoded.map((d) => d.event.message_id))).toEqual(new Set([message_id]));
				expect(new Set(decoded.map((d) => d.iv)).size).toBe(4);
				expect(new Set(rx.requests.map((r) => r.rawBody)).size).toBe(4);
				const gaps = rx.requests.slice(1).map((r, i) => r.at - rx.requests[i].at);
				[30, 60, 90].forEach((delay, i) => expect(gaps[i]).toBeGreaterThanOrEqual(delay - 5));
				expect(timed.stats()).toMatchObject({
					pushes: 1,
					pushAttempts: 4,
					pushFailures: 4,
					pushesGivenUp: 1,
				});
			} finally {
				await timed.close();
			}
		});

		test('an acknowledged attempt ends the sequence', async () => {
			rx.setHandler((_req, n) =>
				n < 3 ? { status: 200, body: { message: 'Workflow was started' } } : ACK,
			);
			const result = await sb.customerMessage('c1', { text: 'x' }).done;
			expect(result.attempts.map((a) => [a.attempt, a.ok])).toEqual([
				[1, false],
				[2, false],
				[3, true],
			]);
			expect(rx.requests).toHaveLength(3);
		});

		test('the defaults are 1 s, 5 s, 30 s and a 5 s acknowledgement limit', async () => {
			const d = await startSandbox({
				wireRevision: 'r1',
				redeliveryDelaysMs: undefined,
				ackTimeoutMs: undefined,
			});
			try {
				expect(d.options.redeliveryDelaysMs).toEqual([1000, 5000, 30000]);
				expect(d.options.ackTimeoutMs).toBe(5000);
			} finally {
				await d.close();
			}
		});

		test('without a webhook the attempt fails; a webhook registered meanwhile gets the redelivery', async () => {
			sb.setWebhook(null);
			const { message_id, done } = sb.customerMessage('c1', { text: 'x' });
			sb.setWebhook(rx.url);
			expect((await done).acked).toBe(true);
			expect(sb.deliveries({ message_id }).map((d) => [d.ok, d.error])).toEqual([
				[false, 'no webhook registered'],
				[true, null],
			]);
		});
	});

	describe('verify_webhook', () => {
		test('is encrypted and signed; echoing the challenge acknowledges it', async () => {
			rx.setHandler((req) => ({
				status: 200,
				body: { challenge: decodePush(req).event.challenge },
			}));
			const r = await control(sb, '/sandbox/events', 'POST', {
				event: 'verify_webhook',
				challenge: 'abc123',
				wait: true,
			});
			expect(r.json).toMatchObject({ acked: true, challenge_echoed: true });
			const d = decodePush(rx.requests[0]);
			expect(d.signatureOk).toBe(true);
			expect(d.event).toEqual({ event: 'verify_webhook', challenge: 'abc123' });
			expect(sb.deliveries({ push_id: r.json.push_id })[0]).toMatchObject({
				ok: true,
				challenge_echoed: true,
			});
		});

		test('an answer without the challenge is recorded as not echoed, and redelivered', async () => {
			const r = await control(sb, '/sandbox/events', 'POST', {
				event: 'verify_webhook',
				wait: true,
			});
			expect(r.json).toMatchObject({ acked: false, challenge_echoed: false });
			expect(r.json.event.challenge).toEqual(expect.any(String));
			expect(r.json.attempts).toHaveLength(4);
			expect(r.json.attempts.every((a) => a.challenge_echoed === false)).toBe(true);
		});
	});

	test('other event types are pushed with a message_id and timestamp added', async () => {
		const lead = await control(sb, '/sandbox/events', 'POST', {
			event: {
				event: 'lead',
				from_user_id: 'c1',
				to_user_id: 'biz_001',
				content: { phone: '13800000000' },
			},
			wait: true,
		});
		expect(lead.json.acked).toBe(true);
		const ev = decodePush(rx.requests[0]).event;
		expect(ev).toMatchObject({
			event: 'lead',
			from_user_id: 'c1',
			content: { phone: '13800000000' },
			third_account_id: 'ta_001',
		});
		expect(ev.message_id).toBe(lead.json.message_id);
		expect(typeof ev.timestamp).toBe('number');
		await control(sb, '/sandbox/events', 'POST', {
			event: 'account_bound',
			message_id: null,
			user_id: 'biz_001',
			wait: true,
		});
		const bound = decodePush(rx.requests[1]).event;
		expect(bound.event).toBe('account_bound');
		expect('message_id' in bound).toBe(false);
	});
});
