// Push signature modes (spec §4, §4r2, §7r2): none (r2's default), body-hmac (X-Xhs-Signature =
// lowercase hex HMAC-SHA256 of the raw body keyed with the key text as configured),
// timestamp-hmac (r1's: X-Xhs-Timestamp + HMAC-SHA256(secret, timestamp + "." + body)); the
// badSignature fault in each, and switching modes at runtime. Expected HMACs are computed here.
const crypto = require('node:crypto');
const {
	startSandbox,
	startReceiver,
	decodePush,
	readPush,
	bodyHmac,
	control,
	KEY,
	HEX_KEY,
	SECRET,
} = require('./helpers');

describe('sandbox push signature modes', () => {
	let rx;
	const sandboxes = [];
	beforeEach(async () => {
		rx = await startReceiver();
	});
	afterEach(async () => {
		for (const s of sandboxes.splice(0)) await s.close();
		await rx.close();
	});
	const open = async (options) => {
		const sb = await startSandbox({ webhookUrl: rx.url, ...options });
		sandboxes.push(sb);
		return sb;
	};

	test('none (r2 default): no signature headers; badSignature has nothing to spoil', async () => {
		const sb = await open({});
		sb.setFaults({ badSignature: true });
		await sb.customerMessage('c1', { text: 'x' }).done;
		const { headers } = rx.requests[0];
		expect(Object.keys(headers).filter((h) => h.startsWith('x-xhs'))).toEqual([]);
		expect(sb.deliveries()[0]).toMatchObject({
			signature_mode: 'none',
			timestamp: null,
			bad_signature: false,
		});
	});

	test.each([
		['a 32-hex-character key', HEX_KEY],
		['a 16-byte text key', KEY],
	])(
		'body-hmac with %s: HMAC-SHA256(key text as UTF-8, raw body), no timestamp',
		async (_name, key) => {
			const sb = await open({ signatureMode: 'body-hmac', encryptionKey: key });
			await sb.customerMessage('c1', { text: 'x' }).done;
			await sb.pushEvent({ event: 'lead', user_id: 'c1', content: { phone: '1' } }).done;
			for (const req of rx.requests) {
				const expected = crypto
					.createHmac('sha256', Buffer.from(key, 'utf8'))
					.update(req.rawBody, 'utf8')
					.digest('hex');
				expect(req.headers['x-xhs-signature']).toBe(expected);
				expect(req.headers['x-xhs-signature']).toMatch(/^[0-9a-f]{64}$/);
				expect(req.headers['x-xhs-timestamp']).toBeUndefined();
				// not keyed with the decoded key bytes, nor with the app secret
				expect(req.headers['x-xhs-signature']).not.toBe(bodyHmac(SECRET, req.rawBody));
			}
			expect(readPush(rx.requests[0], { key }).payload).toEqual({ text: 'x' });
			expect(sb.deliveries().map((d) => d.signature_mode)).toEqual(['body-hmac', 'body-hmac']);
		},
	);

	test('body-hmac signs each redelivery and each duplicate afresh', async () => {
		const sb = await open({ signatureMode: 'body-hmac', encryptionKey: HEX_KEY });
		sb.setFaults({ duplicateDeliveries: 1 });
		rx.setHandler((_req, n) =>
			n <= 2 ? { status: 500, body: {} } : { status: 200, body: { success: true } },
		);
		await sb.customerMessage('c1', { text: 'x' }).done;
		expect(rx.requests.length).toBeGreaterThanOrEqual(3);
		const sigs = rx.requests.map((r) => r.headers['x-xhs-signature']);
		rx.requests.forEach((r, i) => expect(sigs[i]).toBe(bodyHmac(HEX_KEY, r.rawBody)));
		expect(new Set(sigs).size).toBe(sigs.length);
	});

	test('body-hmac with badSignature: a wrong key signs, the content still decrypts', async () => {
		const sb = await open({ signatureMode: 'body-hmac', encryptionKey: HEX_KEY });
		sb.setFaults({ badSignature: true });
		await sb.customerMessage('c1', { text: 'x' }).done;
		const req = rx.requests[0];
		expect(req.headers['x-xhs-signature']).toMatch(/^[0-9a-f]{64}$/);
		expect(req.headers['x-xhs-signature']).not.toBe(bodyHmac(HEX_KEY, req.rawBody));
		expect(readPush(req, { key: HEX_KEY }).payload).toEqual({ text: 'x' });
		expect(sb.deliveries()[0].bad_signature).toBe(true);
	});

	test('timestamp-hmac in r2: r2 bodies with r1 headers; badSignature and timestampSkewSeconds apply', async () => {
		const sb = await open({ signatureMode: 'timestamp-hmac', webhookSecret: 'hook_secret' });
		await sb.customerMessage('c1', { text: 'x' }).done;
		const ok = decodeTimestamped(rx.requests[0], 'hook_secret');
		expect(ok).toMatchObject({ signatureOk: true, timestampOk: true });
		expect(readPush(rx.requests[0]).body.message_type).toBe('TEXT'); // a plain r2 DM
		sb.setFaults({ badSignature: true, timestampSkewSeconds: 400 });
		await sb.customerMessage('c1', { text: 'y' }).done;
		expect(decodeTimestamped(rx.requests[1], 'hook_secret')).toMatchObject({
			signatureOk: false,
			timestampOk: false,
		});
		expect(sb.deliveries()[1]).toMatchObject({
			signature_mode: 'timestamp-hmac',
			bad_signature: true,
			timestamp: expect.stringMatching(/^\d{10}$/),
		});
	});

	test('r1 signs with timestamp-hmac unless told otherwise; r1 with body-hmac is possible too', async () => {
		const sb = await open({ wireRevision: 'r1' });
		await sb.customerMessage('c1', { text: 'x' }).done;
		expect(decodePush(rx.requests[0]).signatureOk).toBe(true);
		sb.setSignatureMode('body-hmac');
		await sb.customerMessage('c1', { text: 'y' }).done;
		const req = rx.requests[1];
		expect([req.headers['x-xhs-timestamp'], req.headers['x-xhs-signature']]).toEqual([
			undefined,
			bodyHmac(KEY, req.rawBody),
		]);
		expect(decodePush(req).event.content).toEqual({ text: 'y' });
	});

	test('switching the mode at runtime: POST /sandbox/revision {signature_mode}; null follows the revision again', async () => {
		const sb = await open({ encryptionKey: HEX_KEY });
		const set = (body) => control(sb, '/sandbox/revision', 'POST', body);
		expect((await set({ signature_mode: 'body-hmac' })).json).toEqual({
			revision: 'r2',
			signature_mode: 'body-hmac',
			signature_mode_follows_revision: false,
		});
		expect(sb.app.signature_mode).toBe('body-hmac');
		await sb.customerMessage('c1', { text: 'x' }).done;
		expect(rx.requests[0].headers['x-xhs-signature']).toBe(
			bodyHmac(HEX_KEY, rx.requests[0].rawBody),
		);
		// an explicit mode survives a revision switch
		expect((await set({ revision: 'r1' })).json.signature_mode).toBe('body-hmac');
		expect((await set({ signature_mode: null })).json).toEqual({
			revision: 'r1',
			signature_mode: 'timestamp-hmac',
			signature_mode_follows_revision: true,
		});
		expect((await set({ revision: 'r2', signature_mode: 'none' })).json).toEqual({
			revision: 'r2',
			signature_mode: 'none',
			signature_mode_follows_revision: false,
		});
		expect((await set({ revision: 'r1', signature_mode: 'bogus' })).status).toBe(400);
		expect(sb.revision().revision).toBe('r2'); // nothing applied from a refused patch
	});
});

/** Independent check of the timestamp-hmac headers. */
function decodeTimestamped(req, secret) {
	const ts = req.headers['x-xhs-timestamp'];
	const expected = crypto
		.createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(`${ts}.${req.rawBody}`, 'utf8')
		.digest('hex');
	return {
		signatureOk: req.headers['x-xhs-signature'] === expected,
		timestampOk: Math.abs(Math.floor(Date.now() / 1000) - Number(ts)) <= 300,
	};
}
