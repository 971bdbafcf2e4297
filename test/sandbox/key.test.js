// A key reset in the console (POST /sandbox/key): pushes from then on use the new key, what the
// old key holder can no longer read, and sends must use it too.
const crypto = require('node:crypto');
const { startSandbox, startReceiver, decryptContent, control, HEX_KEY } = require('./helpers');

describe('sandbox encryption key reset', () => {
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

	test('pushes after the reset are encrypted with the new key only', async () => {
		const next = crypto.randomBytes(16).toString('hex');
		expect((await control(sb, '/sandbox/key', 'POST', { encryption_key: next })).json).toEqual({
			encryption_key: next,
		});
		expect((await control(sb, '/sandbox/app')).json.encryption_key).toBe(next);
		await sb.customerMessage('cust_k', { text: '新密钥' }).done;
		const wire = JSON.parse(rx.requests[0].rawBody).content;
		expect(JSON.parse(decryptContent(wire, next))).toEqual({ text: '新密钥' });
		expect(() => JSON.parse(decryptContent(wire, HEX_KEY))).toThrow();
	});

	test('a key of neither form is refused and changes nothing', async () => {
		const refused = await control(sb, '/sandbox/key', 'POST', { encryption_key: 'short' });
		expect(refused.status).toBe(400);
		expect(refused.json.error).toMatch(/32 hexadecimal characters.*16 UTF-8 bytes/);
		expect((await control(sb, '/sandbox/app')).json.encryption_key).toBe(HEX_KEY);
	});
});
