// Spec §5/§5r2 send, §6, §7 and §7r2: validation, request_id idempotency, the 48 h window and the
// quota of 5, in both wire revisions (they differ only in the body: r2 adds user_id and carries
// "content-encrypted" instead of "content"; the r2-only checks are at the end).
const {
	startSandbox,
	api,
	control,
	login,
	encryptContent,
	sendBody,
	HOUR,
	HEX_KEY,
} = require('./helpers');

const SEND = '/api/open/im/third/send';

describe.each([['r1'], ['r2']])('sandbox send (%s)', (revision) => {
	const C = revision === 'r2' ? 'content-encrypted' : 'content';
	const mkBody = (to, content, extra) => sendBody(to, content, extra, revision);
	let sb;
	let token;
	beforeEach(async () => {
		sb = await startSandbox({ accessTtlSeconds: 30 * 86400, wireRevision: revision });
		sb.freezeClock();
		token = (await login(sb)).access_token;
	});
	afterEach(() => sb.close());
	const send = (body, t = token) => api(sb, SEND, body, t);
	const code = async (body) => (await send(body)).json.code;
	const customerWrites = (id, text = '在吗') => sb.customerMessage(id, { text });

	test('an accepted send answers {message_id}, is listed in /sandbox/sent and in the conversation', async () => {
		customerWrites('c1');
		const body = mkBody('c1', { text: '您好，199 元' });
		const r = await send(body);
		expect([r.status, r.json.code, r.json.success]).toEqual([200, 0, true]);
		expect(r.json.data).toEqual({ message_id: expect.any(String) });
		const sent = (await control(sb, '/sandbox/sent')).json;
		expect(sent).toEqual([
			expect.objectContaining({
				message_id: r.json.data.message_id,
				request_id: body.request_id,
				to: 'c1',
				type: 'TEXT',
				content: { text: '您好，199 元' },
				at: expect.any(Number),
			}),
		]);
		const conv = (await control(sb, '/sandbox/customers/c1/messages')).json;
		expect(conv.conversation_key).toBe('biz_001:c1');
		expect(conv.messages.map((m) => [m.message_source, m.api, m.direction])).toEqual([
			[1, false, 'in'],
			[3, true, 'out'],
		]);
		expect(conv.messages[1]).toMatchObject({
			from_user_id: 'biz_001',
			to_user_id: 'c1',
			request_id: body.request_id,
			content: { text: '您好，199 元' },
		});
		expect(sb.stats().sends).toBe(1);
	});

	test('every sendable type with its content shape is accepted', async () => {
		customerWrites('c1');
		expect(await code(mkBody('c1', { url: 'https://x/y.png' }, { message_type: 'IMAGE' }))).toBe(0);
		expect(
			await code(
				mkBody(
					'c1',
					{ title: 't', url: 'https://x', image: 'https://x/i.png' },
					{ message_type: 'CARD' },
				),
			),
		).toBe(0);
		expect(await code(mkBody('c1', { note_id: 'note_1' }, { message_type: 'NOTE' }))).toBe(0);
		expect(sb.sent().map((s) => s.type)).toEqual(['IMAGE', 'CARD', 'NOTE']);
	});

	describe('validation → 40000 with HTTP 200', () => {
		const cases = [
			['missing request_id', { request_id: undefined }],
			['empty request_id', { request_id: '' }],
			['missing message_type', { message_type: undefined }],
			['unsendable type EMOJI', { message_type: 'EMOJI' }],
			['unknown type', { message_type: 'VIDEO' }],
			['missing from_user_id', { from_user_id: undefined }],
			['from_user_id not bound', { from_user_id: 'biz_999' }],
			['missing to_user_id', { to_user_id: undefined }],
			['third_account_id mismatch', { third_account_id: 'ta_999' }],
			['missing timestamp', { timestamp: undefined }],
			['timestamp in seconds', { timestamp: Math.floor(Date.now() / 1000) }],
			['missing content', { [C]: undefined }],
			['content not encrypted', { [C]: '{"text":"hi"}' }],
			['content as an object', { [C]: { text: 'hi' } }],
			[
				'content encrypted with another key',
				{ [C]: encryptContent({ text: 'hi' }, 'otherkey12345678') },
			],
			['content not JSON', { [C]: encryptContent('just text') }],
			['content a JSON array', { [C]: encryptContent([1]) }],
			['TEXT with empty text', { [C]: encryptContent({ text: '' }) }],
			['IMAGE without url', { message_type: 'IMAGE', [C]: encryptContent({ text: 'x' }) }],
			[
				'CARD without image',
				{ message_type: 'CARD', [C]: encryptContent({ title: 't', url: 'u' }) },
			],
			['NOTE without note_id', { message_type: 'NOTE', [C]: encryptContent({ title: 't' }) }],
		];
		test.each(cases)('%s', async (_name, patch) => {
			customerWrites('c1');
			const r = await send({ ...mkBody('c1'), ...patch });
			expect([r.status, r.json.code, r.json.success, r.json.data]).toEqual([
				200,
				40000,
				false,
				null,
			]);
			expect(sb.stats().sends).toBe(0);
		});

		test('a body that is not JSON', async () => {
			expect((await send('{"request_id":')).json.code).toBe(40000);
		});
	});

	describe('idempotency on request_id', () => {
		test('a repeated request_id gets the first answer verbatim, no second send, no quota', async () => {
			customerWrites('c1');
			const body = mkBody('c1');
			const first = await send(body);
			const again = await send({ ...body, [C]: encryptContent({ text: 'different' }) });
			expect(again.text).toBe(first.text);
			expect(again.status).toBe(first.status);
			expect(again.headers['x-sandbox-replay']).toBe('true');
			expect(sb.sent()).toHaveLength(1);
			expect(sb.stats()).toMatchObject({ sends: 1, sendReplays: 1 });
			expect(sb.conversation('c1').window.used).toBe(1);
		});

		test('replays use no quota: 1 send + 4 replays, then 4 more sends fit', async () => {
			customerWrites('c1');
			const body = mkBody('c1');
			for (let i = 0; i < 5; i++) expect(await code(body)).toBe(0);
			for (let i = 0; i < 4; i++) expect(await code(mkBody('c1'))).toBe(0);
			expect(await code(mkBody('c1'))).toBe(45016);
		});

		test('45015 is final: replayed even after the window opened', async () => {
			const body = mkBody('c1');
			const first = await send(body);
			expect(first.json.code).toBe(45015);
			customerWrites('c1');
			expect((await send(body)).text).toBe(first.text);
			expect(await code(mkBody('c1'))).toBe(0);
		});

		test('45016 is final: replayed even after the quota was reset', async () => {
			customerWrites('c1');
			for (let i = 0; i < 5; i++) await send(mkBody('c1'));
			const body = mkBody('c1');
			const first = await send(body);
			expect(first.json.code).toBe(45016);
			customerWrites('c1');
			expect((await send(body)).text).toBe(first.text);
		});

		test('40000 is not remembered: the corrected retry is processed', async () => {
			customerWrites('c1');
			const body = mkBody('c1');
			expect(await code({ ...body, third_account_id: 'bad' })).toBe(40000);
			expect(await code(body)).toBe(0);
		});

		test('40001 is not remembered', async () => {
			customerWrites('c1');
			const body = mkBody('c1');
			expect((await send(body, 'at_bad')).json.code).toBe(40001);
			expect(await code(body)).toBe(0);
			expect(sb.stats().sendReplays).toBe(0);
		});

		test('42900 and 5xx are not remembered', async () => {
			customerWrites('c1');
			const body = mkBody('c1');
			sb.setFaults({ rateLimitNext: 1 });
			expect((await send(body)).status).toBe(429);
			sb.setFaults({ serverErrorNext: 1 });
			expect((await send(body)).status).toBe(500);
			const ok = await send(body);
			expect(ok.json.code).toBe(0);
			expect((await send(body)).text).toBe(ok.text);
			expect(sb.sent()).toHaveLength(1);
		});
	});

	describe('reply window and quota', () => {
		test('no customer message yet → 45015 with HTTP 200', async () => {
			const r = await send(mkBody('c1'));
			expect([r.status, r.json.code, r.json.success, r.json.data]).toEqual([
				200,
				45015,
				false,
				null,
			]);
		});

		test('the window closes exactly 48 h after the customer message', async () => {
			customerWrites('c1');
			sb.advanceClock(48 * HOUR - 1);
			expect(await code(mkBody('c1'))).toBe(0);
			sb.advanceClock(1);
			expect(await code(mkBody('c1'))).toBe(45015);
			expect(sb.conversation('c1').window.open).toBe(false);
		});

		test('it opens at the timestamp of the customer message', async () => {
			sb.customerMessage('c1', { text: 'old', timestamp: sb.now() - 48 * HOUR });
			expect(await code(mkBody('c1'))).toBe(45015);
		});

		test('a new customer message reopens the window and resets the quota', async () => {
			customerWrites('c1');
			for (let i = 0; i < 5; i++) expect(await code(mkBody('c1'))).toBe(0);
			const r = await send(mkBody('c1'));
			expect([r.status, r.json.code]).toEqual([200, 45016]);
			customerWrites('c1', '还在吗');
			expect(await code(mkBody('c1'))).toBe(0);
			sb.advanceClock(48 * HOUR);
			expect(await code(mkBody('c1'))).toBe(45015);
			customerWrites('c1', '你好');
			expect(await code(mkBody('c1'))).toBe(0);
		});

		test('kept per (business, customer) pair', async () => {
			customerWrites('c1');
			expect(await code(mkBody('c2'))).toBe(45015);
			for (let i = 0; i < 5; i++) await send(mkBody('c1'));
			customerWrites('c2');
			expect(await code(mkBody('c2'))).toBe(0);
		});

		test("a human's message from the app (source 2) neither counts nor opens a window", async () => {
			sb.pushEvent({ event: 'message', message_source: 2, to_user_id: 'c1', text: '人工回复' });
			expect(await code(mkBody('c1'))).toBe(45015);
			customerWrites('c1');
			for (let i = 0; i < 4; i++) await send(mkBody('c1'));
			sb.pushEvent({ event: 'message', message_source: 2, to_user_id: 'c1', text: '人工回复 2' });
			expect(await code(mkBody('c1'))).toBe(0);
			expect(await code(mkBody('c1'))).toBe(45016);
			const conv = sb.conversation('c1');
			expect(conv.messages.filter((m) => m.message_source === 2).map((m) => m.api)).toEqual([
				false,
				false,
			]);
		});

		test('window and quota are configurable', async () => {
			const small = await startSandbox({
				windowHours: 1,
				quota: 2,
				accessTtlSeconds: 86400,
				wireRevision: revision,
			});
			try {
				small.freezeClock();
				const t = (await login(small)).access_token;
				small.customerMessage('c1', { text: 'hi' });
				const c = async () => (await api(small, SEND, mkBody('c1'), t)).json.code;
				expect([await c(), await c(), await c()]).toEqual([0, 0, 45016]);
				small.customerMessage('c1', { text: 'hi' });
				small.advanceClock(HOUR);
				expect(await c()).toBe(45015);
			} finally {
				await small.close();
			}
		});
	});
});

describe('sandbox send: the revision-2 body', () => {
	let sb;
	let token;
	beforeEach(async () => {
		sb = await startSandbox({
			wireRevision: 'r2',
			encryptionKey: HEX_KEY,
			accounts: [{ user_id: 'biz_002', third_account_id: 'ta_002' }],
		});
		token = (await login(sb)).access_token;
		sb.customerMessage('c1', { text: '在吗' });
	});
	afterEach(() => sb.close());
	const body = (content = { text: 'hi' }, extra = {}) => ({
		...sendBody('c1', undefined, {}, 'r2'),
		'content-encrypted': encryptContent(content, HEX_KEY),
		...extra,
	});
	const answer = async (b) => (await api(sb, SEND, b, token)).json;

	test('the exact body of spec §5r2 with a 32-hex-character key is accepted; /sandbox/sent shows user_id', async () => {
		const b = body({ text: '您好' });
		expect(Object.keys(b).sort()).toEqual(
			[
				'content-encrypted',
				'from_user_id',
				'message_type',
				'request_id',
				'third_account_id',
				'timestamp',
				'to_user_id',
				'user_id',
			].sort(),
		);
		const r = await answer(b);
		expect(r).toMatchObject({ code: 0, success: true, data: { message_id: expect.any(String) } });
		expect(sb.sent()).toEqual([
			expect.objectContaining({
				user_id: 'biz_001',
				from: 'biz_001',
				to: 'c1',
				content: { text: '您好' },
			}),
		]);
	});

	test.each([
		['missing user_id', { user_id: undefined }],
		['empty user_id', { user_id: '' }],
		['user_id not bound', { user_id: 'biz_999' }],
		['user_id a number', { user_id: 1 }],
		['missing content-encrypted', { 'content-encrypted': undefined }],
		[
			'revision 1 field content instead of content-encrypted',
			{ 'content-encrypted': undefined, content: encryptContent({ text: 'hi' }, HEX_KEY) },
		],
		[
			'content-encrypted with the key text as UTF-8 instead of hex',
			{ 'content-encrypted': encryptContent({ text: 'hi' }, 'otherkey12345678') },
		],
		[
			'content-encrypted decrypting to bare text',
			{ 'content-encrypted': encryptContent('hi', HEX_KEY) },
		],
	])('%s → 40000', async (_name, patch) => {
		const r = await answer(body(undefined, patch));
		expect([r.code, r.success, r.data]).toEqual([40000, false, null]);
		expect(sb.stats().sends).toBe(0);
	});

	test('user_id may be another bound account than from_user_id (the token user sends for its accounts)', async () => {
		expect((await answer(body(undefined, { user_id: 'biz_002' }))).code).toBe(0);
	});

	test('a final answer is replayed verbatim for the same request_id; a 40000 is not remembered', async () => {
		const b = body();
		expect((await answer({ ...b, user_id: undefined })).code).toBe(40000);
		const first = await api(sb, SEND, b, token);
		expect(first.json.code).toBe(0);
		const again = await api(
			sb,
			SEND,
			{ ...b, 'content-encrypted': encryptContent({ text: 'other' }, HEX_KEY) },
			token,
		);
		expect([again.text, again.headers['x-sandbox-replay']]).toEqual([first.text, 'true']);
		expect(sb.sent()).toHaveLength(1);
	});

	test('the revision is read per request: after setRevision r1 the r1 body works and the r2 body is 40000', async () => {
		sb.setRevision('r1');
		expect((await answer(body())).code).toBe(40000);
		const { user_id: _u, 'content-encrypted': enc, ...rest } = body();
		expect((await answer({ ...rest, content: enc })).code).toBe(0);
	});
});
