// The fault knobs added with revision 2: wrongKey, omitThirdAccountId, avatarAsHeaderImage,
// plainTextContent, eventsUnderData (pushPathSuffix is in push-r2.test.js). The DM-shape knobs
// change only r2 bodies; r1 bodies stay as they always were.
const {
	startSandbox,
	startReceiver,
	readPush,
	decodePush,
	decryptContent,
	control,
	HEX_KEY,
	KEY,
} = require('./helpers');

describe('sandbox revision-2 fault knobs', () => {
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
	const setFaults = (patch) => control(sb, '/sandbox/faults', 'POST', patch);
	const bodyOf = (i) => JSON.parse(rx.requests[i].rawBody);

	test('the knobs are booleans: other values are 400', async () => {
		for (const k of [
			'wrongKey',
			'pushPathSuffix',
			'omitThirdAccountId',
			'avatarAsHeaderImage',
			'plainTextContent',
			'eventsUnderData',
		])
			expect((await setFaults({ [k]: 1 })).status).toBe(400);
		expect((await setFaults({ wrongKey: true, plainTextContent: true })).json.faults).toMatchObject(
			{ wrongKey: true, plainTextContent: true },
		);
		await control(sb, '/sandbox/reset', 'POST');
		expect(sb.faults()).toMatchObject({ wrongKey: false, plainTextContent: false });
	});

	test('wrongKey: DM content and encrypted events are well-formed but do not decrypt with the key; each attempt a new key', async () => {
		await setFaults({ wrongKey: true });
		rx.setHandler((_req, n) =>
			n === 1 ? { status: 500, body: {} } : { status: 200, body: { success: true } },
		);
		await sb.customerMessage('c1', { text: 'x' }).done;
		await sb.pushEvent({ event: 'kos_auth', auth_status: 2, kos_user_id: 'k' }).done;
		expect(rx.requests).toHaveLength(3);
		for (const req of rx.requests) {
			const { content } = JSON.parse(req.rawBody);
			expect(content).toMatch(/^[A-Za-z0-9+/]+={0,2}~split~[A-Za-z0-9+/]+={0,2}$/);
			expect(() => JSON.parse(decryptContent(content, HEX_KEY))).toThrow();
		}
		expect(bodyOf(0)).toMatchObject({ message_type: 'TEXT', from_user_id: 'c1' }); // only the content is unreadable
		expect(sb.deliveries().map((d) => d.wrong_key)).toEqual([true, true, true]);
		await setFaults({ wrongKey: false });
		await sb.customerMessage('c1', { text: 'y' }).done;
		expect(readPush(rx.requests[3], { key: HEX_KEY }).payload).toEqual({ text: 'y' });
	});

	test('wrongKey works in r1 too (the whole event is unreadable)', async () => {
		sb.setRevision('r1');
		await setFaults({ wrongKey: true });
		await sb.customerMessage('c1', { text: 'x' }).done;
		expect(() => decodePush(rx.requests[0], { key: HEX_KEY })).toThrow();
	});

	test('omitThirdAccountId drops third_account_id from r2 DMs only', async () => {
		await setFaults({ omitThirdAccountId: true });
		await sb.customerMessage('c1', { text: 'x' }).done;
		expect(Object.keys(bodyOf(0))).toEqual([
			'message_id',
			'message_type',
			'message_source',
			'from_user_id',
			'to_user_id',
			'timestamp',
			'content',
			'user_info',
		]);
		await sb.pushEvent({
			event: 'lead',
			user_id: 'c1',
			third_account_id: 'ta_001',
			content: { phone: '1' },
		}).done;
		expect(readPush(rx.requests[1], { key: HEX_KEY }).payload).toEqual({
			user_id: 'c1',
			third_account_id: 'ta_001',
			phone: '1',
		});
	});

	test('avatarAsHeaderImage: user_info.header_image instead of avatar', async () => {
		await setFaults({ avatarAsHeaderImage: true });
		await sb.customerMessage('c1', { text: 'x', nickname: '小红', avatar: 'https://a/1.png' }).done;
		expect(bodyOf(0).user_info).toEqual({ nickname: '小红', header_image: 'https://a/1.png' });
	});

	test('plainTextContent: a TEXT DM encrypts the bare text; other types keep their JSON', async () => {
		await setFaults({ plainTextContent: true });
		await sb.customerMessage('c1', { text: '这个面霜多少钱？' }).done;
		await sb.customerMessage('c1', { message_type: 'IMAGE', content: { url: 'https://x/1.png' } })
			.done;
		expect(decryptContent(bodyOf(0).content, HEX_KEY)).toBe('这个面霜多少钱？');
		expect(JSON.parse(decryptContent(bodyOf(1).content, HEX_KEY))).toEqual({
			url: 'https://x/1.png',
		});
	});

	test('eventsUnderData: events other than DMs arrive as {"data": fields}, unencrypted, on their suffix', async () => {
		await setFaults({ eventsUnderData: true, pushPathSuffix: true });
		await sb.pushEvent({ event: 'account_bound', user_id: 'biz_001', nick_name: '店', token: 't' })
			.done;
		await sb.customerMessage('c1', { text: 'x' }).done;
		expect(rx.requests[0].url).toBe('/webhook/open/im/third/bind_account');
		expect(bodyOf(0)).toEqual({
			data: { user_id: 'biz_001', nick_name: '店', token: 't', app_id: 'test_app' },
		});
		expect(readPush(rx.requests[1], { key: HEX_KEY }).payload).toEqual({ text: 'x' }); // DMs unchanged
	});

	test('in r1 the DM-shape knobs change nothing: the body is the whole event, encrypted', async () => {
		const r1 = await startSandbox({ webhookUrl: rx.url, wireRevision: 'r1' });
		try {
			r1.setFaults({
				omitThirdAccountId: true,
				avatarAsHeaderImage: true,
				plainTextContent: true,
				eventsUnderData: true,
			});
			const { message_id, done } = r1.customerMessage('c1', {
				text: 'x',
				avatar: 'https://a/1.png',
			});
			await done;
			await r1.pushEvent({ event: 'kos_auth', auth_status: 2 }).done;
			const dm = decodePush(rx.requests[0], { key: KEY });
			expect(dm.bodyKeys).toEqual(['content']);
			expect(dm.event).toMatchObject({
				event: 'message',
				message_id,
				third_account_id: 'ta_001',
				content: { text: 'x' },
				user_info: { avatar: 'https://a/1.png' },
			});
			expect(decodePush(rx.requests[1], { key: KEY }).event).toMatchObject({
				event: 'kos_auth',
				auth_status: 2,
			});
		} finally {
			await r1.close();
		}
	});
});
