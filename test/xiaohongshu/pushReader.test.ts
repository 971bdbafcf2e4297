import { createHmac, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
	decryptText,
	encryptContent,
	encryptJson,
} from '../../nodes/shared/xiaohongshu/contentCrypto';
import { encryptionKeyBytes, keyForm } from '../../nodes/shared/xiaohongshu/encryptionKey';
import type { XhsAppConfig } from '../../nodes/shared/xiaohongshu/appConfig';
import { PUSH_SUFFIXES, kindFromPath } from '../../nodes/shared/xiaohongshu/pushKinds';
import {
	openPush,
	readPushBody,
	type PushOutcome,
} from '../../nodes/shared/xiaohongshu/pushReceiver';
import { toCanonicalItem } from '../../nodes/shared/xiaohongshu/pushEvent';
import { signBody, signPush } from '../../nodes/shared/xiaohongshu/pushSignature';
import { diagnoseUnreadable } from '../../nodes/shared/xiaohongshu/pushDiagnosis';

const HEX_KEY = '73616e64626f786b6579313233343536'; // the bytes of "sandboxkey123456"
const TEXT_KEY = 'sandboxkey123456';

function config(overrides: Partial<XhsAppConfig> = {}): XhsAppConfig {
	return {
		environment: 'production',
		baseUrl: 'https://adapi.example',
		appId: 'app_1',
		appSecret: 'app-secret-0001',
		encryptionKey: HEX_KEY,
		maxRequestsPerSecond: 50,
		wireRevision: 'r2',
		...overrides,
	};
}

const dm = (key: string, extra: Record<string, unknown> = {}) => ({
	message_id: 'm_1',
	message_type: 'TEXT',
	message_source: 1,
	from_user_id: 'cust_1',
	to_user_id: 'biz_1',
	timestamp: 1732345678901,
	content: encryptJson({ text: '这个面霜多少钱？' }, key),
	user_info: { nickname: '小雨', avatar: 'https://a/1.png' },
	...extra,
});

const eventOf = (outcome: PushOutcome) => {
	if (outcome.kind !== 'event')
		throw new Error(`expected an event, got ${JSON.stringify(outcome)}`);
	return outcome.event;
};

describe('encryption key forms', () => {
	it('reads 32 hexadecimal characters as hex and a 16-byte text as text, the same bytes here', () => {
		expect(keyForm(HEX_KEY)).toBe('hex');
		expect(keyForm(TEXT_KEY)).toBe('text');
		expect(encryptionKeyBytes(HEX_KEY)).toEqual(encryptionKeyBytes(TEXT_KEY));
		expect(encryptionKeyBytes(HEX_KEY.toUpperCase())).toEqual(Buffer.from(TEXT_KEY));
		// A wire written with one form reads with the other.
		expect(decryptText(encryptContent('hi', HEX_KEY), TEXT_KEY)).toBe('hi');
	});

	it('names both accepted forms for anything else', () => {
		for (const bad of ['', 'short', `${HEX_KEY}00`, 'g'.repeat(32), '密钥0123456789ab']) {
			expect(() => encryptionKeyBytes(bad)).toThrow(/32 hexadecimal characters.*16 bytes/);
		}
	});

	it('matches openssl for the hex form (known answer)', () => {
		let hasOpenssl = true;
		try {
			execFileSync('openssl', ['version']);
		} catch {
			hasOpenssl = false;
		}
		if (!hasOpenssl) return;
		const iv = Buffer.alloc(16, 7);
		const wire = encryptContent('{"text":"hello"}', HEX_KEY, iv);
		const expected = execFileSync(
			'openssl',
			['enc', '-aes-128-cbc', '-K', HEX_KEY, '-iv', iv.toString('hex'), '-base64', '-A'],
			{ input: '{"text":"hello"}' },
		)
			.toString()
			.trim();
		expect(wire.split('~split~')[1]).toBe(expected);
	});
});

describe('tolerant reading of pushes', () => {
	it('reads a revision-2 DM (plain JSON, only content encrypted) with either key form', () => {
		for (const key of [HEX_KEY, TEXT_KEY]) {
			const event = eventOf(readPushBody(JSON.stringify(dm(HEX_KEY)), key));
			expect(event).toMatchObject({
				event: 'message',
				message_id: 'm_1',
				content: { text: '这个面霜多少钱？' },
				user_info: { nickname: '小雨' },
			});
			const item = toCanonicalItem(event, 0);
			expect(item).toMatchObject({
				conversationId: 'biz_1:cust_1',
				customerUserId: 'cust_1',
				text: '这个面霜多少钱？',
				thirdAccountId: '',
			});
		}
	});

	it('falls back to the raw text only for readable text, and reads header_image', () => {
		const plain = dm(HEX_KEY, {
			content: encryptContent('你好 hello', HEX_KEY),
			user_info: { nickname: 'A', header_image: 'h.png' },
		});
		const item = toCanonicalItem(eventOf(readPushBody(JSON.stringify(plain), HEX_KEY)), 0);
		expect(item).toMatchObject({ text: '你好 hello', avatar: 'h.png' });
		const noise = dm(HEX_KEY, { content: encryptContent('ok\u0001\u0002', HEX_KEY) });
		expect(readPushBody(JSON.stringify(noise), HEX_KEY)).toMatchObject({
			kind: 'unreadable',
			cause: 'key',
		});
	});

	it('reads a revision-1 envelope (the whole event encrypted)', () => {
		const event = {
			event: 'message',
			message_id: 'm_r1',
			message_source: 1,
			from_user_id: 'c',
			to_user_id: 'b',
			third_account_id: 'ta',
			content: { text: 'hi' },
		};
		const outcome = readPushBody(
			JSON.stringify({ content: encryptJson(event, TEXT_KEY) }),
			HEX_KEY,
		);
		expect(outcome).toMatchObject({
			kind: 'event',
			shape: 'r1-envelope',
			event: { message_id: 'm_r1', third_account_id: 'ta' },
		});
	});

	it('tells the event from each path suffix, and from the body where the path says nothing', () => {
		const fields: Record<string, Record<string, unknown>> = {
			account_bound: { user_id: 'biz_9', nick_name: '新店', token: 'tok' },
			account_unbound: { user_id: 'biz_9', account_code: 'acc_1' },
			kos_auth: { user_id: 'biz_9', auth_status: 2, kos_user_id: 'kos_1' },
			comment_intent: { note_id: 'n1', comment: '怎么买', user_id: 'cust_2' },
			lead: { name: '王女士', phone: '13800138000', remark: '想要报价', user_id: 'cust_3' },
		};
		for (const { kind, suffix } of PUSH_SUFFIXES) {
			expect(kindFromPath(`/webhook/abc/webhook${suffix}`)).toBe(kind);
			if (kind === 'message') continue;
			const body = JSON.stringify({ content: encryptJson(fields[kind], HEX_KEY) });
			expect(eventOf(readPushBody(body, HEX_KEY, kind)).event).toBe(kind);
			expect(eventOf(readPushBody(body, HEX_KEY)).event).toBe(kind);
			// Some arrive with the fields under "data" instead of encrypted.
			expect(
				eventOf(readPushBody(JSON.stringify({ data: fields[kind] }), HEX_KEY, kind)).event,
			).toBe(kind);
		}
		expect(kindFromPath('/webhooks/xiaohongshu/im/bind_account')).toBe('account_bound');
		// A lead that names both users is still a lead, not a DM without content.
		const namedLead = {
			from_user_id: 'cust_4',
			to_user_id: 'biz_1',
			name: '阿花',
			phone: '13700001111',
		};
		expect(
			eventOf(readPushBody(JSON.stringify({ content: encryptJson(namedLead, HEX_KEY) }), HEX_KEY))
				.event,
		).toBe('lead');
		const lead = toCanonicalItem(
			eventOf(
				readPushBody(
					JSON.stringify({ content: encryptJson(fields.lead, HEX_KEY) }),
					HEX_KEY,
					'lead',
				),
			),
			0,
		);
		expect(lead).toMatchObject({
			event: 'lead',
			customerUserId: 'cust_3',
			nickname: '王女士',
			text: '想要报价',
			content: { phone: '13800138000' },
		});
		const bind = toCanonicalItem(
			eventOf(
				readPushBody(
					JSON.stringify({ content: encryptJson(fields.account_bound, HEX_KEY) }),
					HEX_KEY,
				),
			),
			0,
		);
		expect(bind).toMatchObject({
			event: 'account_bound',
			accountUserId: 'biz_9',
			nickname: '新店',
		});
	});

	it('keeps tokens and secrets out of the item a flow sees, and gives leads text only from version 2', () => {
		const fields = {
			user_id: 'biz_9',
			nick_name: '新店',
			token: 'bind_tok_1',
			access_token: 'at_live_1',
			data: { refresh_token: 'rt_1' },
		};
		const event = eventOf(
			readPushBody(JSON.stringify({ content: encryptJson(fields, HEX_KEY) }), HEX_KEY),
		);
		const item = toCanonicalItem(event, 0);
		expect(JSON.stringify(item)).not.toMatch(/bind_tok_1|at_live_1|rt_1/);
		expect(item.messageId).toBe(toCanonicalItem(event, 0).messageId);
		const lead = eventOf(
			readPushBody(
				JSON.stringify({
					content: encryptJson({ name: '王', phone: '13800138000', remark: '要报价' }, HEX_KEY),
				}),
				HEX_KEY,
			),
		);
		expect(toCanonicalItem(lead, 0).text).toBe('要报价');
		expect(toCanonicalItem(lead, 0, { eventText: false }).text).toBe('');
	});

	it('answers the console URL check and revision 1 challenge, starting nothing', () => {
		expect(readPushBody('{"test": true}', HEX_KEY)).toEqual({ kind: 'urlCheck' });
		const challenge = JSON.stringify({
			content: encryptJson({ event: 'verify_webhook', challenge: 'ch_1' }, HEX_KEY),
		});
		expect(readPushBody(challenge, HEX_KEY)).toEqual({ kind: 'challenge', challenge: 'ch_1' });
	});

	it('calls what it cannot read unreadable, with a cause', () => {
		const otherKey = randomBytes(16).toString('hex');
		expect(readPushBody('not json', HEX_KEY)).toMatchObject({
			kind: 'unreadable',
			cause: 'not-json',
		});
		expect(readPushBody(JSON.stringify(dm(otherKey)), HEX_KEY)).toMatchObject({
			kind: 'unreadable',
			cause: 'key',
			shape: 'r2-dm',
		});
		expect(readPushBody(JSON.stringify(dm(HEX_KEY, { content: '你好' })), HEX_KEY)).toMatchObject({
			kind: 'unreadable',
			cause: 'not-encrypted',
		});
		expect(
			readPushBody(
				JSON.stringify({ content: encryptJson({ event: 'shop_closed' }, HEX_KEY) }),
				HEX_KEY,
			),
		).toMatchObject({
			kind: 'unreadable',
			cause: 'unknown-event',
		});
		expect(readPushBody(JSON.stringify({ foo: 1 }), HEX_KEY)).toMatchObject({
			kind: 'unreadable',
			cause: 'unknown-event',
		});
	});

	it('never takes a DM unencrypted, in any shape, and plain events only where allowed', () => {
		const plainDm = {
			event: 'message',
			message_id: 'm_9',
			from_user_id: 'cust_9',
			to_user_id: 'biz_1',
			content: { text: '退款' },
		};
		for (const body of [{ data: plainDm }, plainDm, { data: { ...plainDm, event: undefined } }]) {
			expect(readPushBody(JSON.stringify(body), HEX_KEY)).toMatchObject({
				kind: 'unreadable',
				cause: 'not-encrypted',
			});
		}
		// The whole DM encrypted (no event name) is a DM.
		const sealed = {
			message_id: 'm_8',
			from_user_id: 'cust_8',
			to_user_id: 'biz_1',
			content: { text: '在吗' },
		};
		expect(
			eventOf(readPushBody(JSON.stringify({ content: encryptJson(sealed, HEX_KEY) }), HEX_KEY)),
		).toMatchObject({
			event: 'message',
			from_user_id: 'cust_8',
			content: { text: '在吗' },
		});
		const plainBind = JSON.stringify({ data: { user_id: 'biz_9', token: 'tok' } });
		const push = { rawBody: plainBind, headers: {}, nowMs: Date.now() };
		expect(openPush(push, config(), 'none').kind).toBe('event');
		expect(openPush(push, config(), 'none', { acceptUnencrypted: false })).toMatchObject({
			kind: 'unreadable',
			cause: 'not-encrypted',
		});
		// A signature vouches for the body, so the plain event is read even then.
		const signed = { ...push, headers: { 'x-xhs-signature': signBody(HEX_KEY, plainBind) } };
		expect(openPush(signed, config(), 'bodyHmac', { acceptUnencrypted: false }).kind).toBe('event');
	});

	it('reads a lead that names its note as a lead, and a comment as a comment intent', () => {
		const read = (fields: Record<string, unknown>) =>
			eventOf(readPushBody(JSON.stringify({ content: encryptJson(fields, HEX_KEY) }), HEX_KEY))
				.event;
		expect(read({ note_id: 'n1', name: '李', phone: '13900001111', user_id: 'c1' })).toBe('lead');
		expect(read({ note_id: 'n1', comment: '多少钱', user_id: 'c1' })).toBe('comment_intent');
		expect(read({ note_id: 'n1', user_id: 'c1' })).toBe('comment_intent');
		// Form fields under "content" do not make a DM.
		expect(
			read({
				from_user_id: 'c1',
				to_user_id: 'b1',
				content: { phone: '13900001111' },
				form_id: 'f1',
			}),
		).toBe('lead');
	});
});

describe('signature modes', () => {
	const body = JSON.stringify(dm(HEX_KEY));
	const now = 1_800_000_000_000;

	it('none accepts an unsigned push', () => {
		expect(openPush({ rawBody: body, headers: {}, nowMs: now }, config(), 'none').kind).toBe(
			'event',
		);
	});

	it('body-hmac accepts the key-text HMAC of the body (independently computed) and refuses the rest', () => {
		const good = createHmac('sha256', HEX_KEY).update(body).digest('hex');
		expect(good).toBe(signBody(HEX_KEY, body));
		expect(
			openPush(
				{ rawBody: body, headers: { 'x-xhs-signature': good }, nowMs: now },
				config(),
				'bodyHmac',
			).kind,
		).toBe('event');
		expect(
			openPush(
				{
					rawBody: body,
					headers: { 'x-xhs-signature': `sha256=${good.toUpperCase()}` },
					nowMs: now,
				},
				config(),
				'bodyHmac',
			).kind,
		).toBe('event');
		expect(
			openPush({ rawBody: body, headers: {}, nowMs: now }, config(), 'bodyHmac'),
		).toMatchObject({ kind: 'rejected', status: 401 });
		expect(
			openPush(
				{ rawBody: `${body} `, headers: { 'x-xhs-signature': good }, nowMs: now },
				config(),
				'bodyHmac',
			).kind,
		).toBe('rejected');
	});

	it('timestamp-hmac (revision 1) checks the timestamp window', () => {
		const ts = Math.floor(now / 1000);
		const sig = signPush('app-secret-0001', ts, body);
		expect(
			openPush(
				{
					rawBody: body,
					headers: { 'x-xhs-timestamp': String(ts), 'x-xhs-signature': sig },
					nowMs: now,
				},
				config(),
				'hmac',
			).kind,
		).toBe('event');
		const late = signPush('app-secret-0001', ts - 301, body);
		expect(
			openPush(
				{
					rawBody: body,
					headers: { 'x-xhs-timestamp': String(ts - 301), 'x-xhs-signature': late },
					nowMs: now,
				},
				config(),
				'hmac',
			).kind,
		).toBe('rejected');
	});

	it('refuses 10,000 forged or mutated pushes in body-hmac mode, reading none of them', () => {
		const good = signBody(HEX_KEY, body);
		let seed = 42;
		const random = () => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed / 2 ** 31;
		};
		let refused = 0;
		for (let i = 0; i < 10_000; i++) {
			const bytes = Buffer.from(body);
			let signature = good;
			switch (i % 4) {
				case 0: // one byte of the body flipped, the original signature kept
					bytes[Math.floor(random() * bytes.length)] ^= 1 + Math.floor(random() * 255);
					break;
				case 1: // a random signature
					signature = randomBytes(32).toString('hex');
					break;
				case 2: // signed with a wrong secret
					signature = signBody(`${HEX_KEY}x${i}`, bytes);
					break;
				default: // one hex digit of the right signature changed
					signature =
						good.slice(0, i % 64) +
						((parseInt(good[i % 64], 16) + 1) % 16).toString(16) +
						good.slice((i % 64) + 1);
			}
			const outcome = openPush(
				{ rawBody: bytes, headers: { 'x-xhs-signature': signature }, nowMs: now },
				config(),
				'bodyHmac',
			);
			if (outcome.kind === 'rejected') refused++;
		}
		expect(refused).toBe(10_000);
	});
});

describe('diagnosis of unreadable pushes', () => {
	it('says when the encryption key and the app secret were swapped', () => {
		const swapped = config({ encryptionKey: TEXT_KEY.replace('s', 'S'), appSecret: HEX_KEY });
		const body = JSON.stringify(dm(HEX_KEY));
		expect(diagnoseUnreadable('key', body, swapped)).toMatchObject({
			hint: expect.stringMatching(/App Secret/),
			setting: expect.stringMatching(/Encryption Key/),
		});
		expect(
			diagnoseUnreadable('key', body, config({ encryptionKey: 'wrongkey12345678' })).hint,
		).toMatch(/16-character text key.*32 hexadecimal/);
	});

	it('points a refused plain event at the option, and a plain DM at the console', () => {
		const plainBind = JSON.stringify({ data: { user_id: 'biz_9', token: 'tok' } });
		expect(
			diagnoseUnreadable('not-encrypted', plainBind, config(), undefined, 'r2-data').setting,
		).toMatch(/Accept Unencrypted Events/);
		const plainDm = JSON.stringify({ ...dm(HEX_KEY), content: '你好' });
		expect(
			diagnoseUnreadable('not-encrypted', plainDm, config(), 'message', 'r2-dm').setting,
		).toMatch(/消息加密/);
	});
});
