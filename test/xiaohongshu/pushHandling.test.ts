import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';
import type { XhsAppConfig } from '../../nodes/shared/xiaohongshu/appConfig';
import { findAccount } from '../../nodes/shared/xiaohongshu/boundAccounts';
import { encryptJson } from '../../nodes/shared/xiaohongshu/contentCrypto';
import {
	QUARANTINE_LIMITS,
	NOTICE_STREAM,
	listQuarantine,
	readPushLog,
} from '../../nodes/shared/xiaohongshu/pushQuarantine';
import { decidePush, type PushSettings } from '../../nodes/XiaohongshuTrigger/webhook/pushHandling';

/**
 * The trigger's decisions apart from n8n, where the state store makes the difference: a full
 * quarantine asks for a resend, and account events change the registry once per app.
 */
const KEY = '73616e64626f786b6579313233343536';
const NOW = Date.UTC(2026, 11, 7, 10);

const config: XhsAppConfig = {
	environment: 'production',
	baseUrl: 'https://adapi.example',
	appId: 'app_h',
	appSecret: 'app-secret-h',
	encryptionKey: KEY,
	maxRequestsPerSecond: 50,
	wireRevision: 'r2',
};

const settings = (overrides: Partial<PushSettings> = {}): PushSettings => ({
	mode: 'none',
	events: ['message', 'account_bound', 'account_unbound'],
	includeOutbound: false,
	claimScope: 'wf:trigger',
	dedupTtlMs: 3_600_000,
	workflowId: 'wf',
	nodeName: 'Xiaohongshu Trigger',
	webhookUrl: 'http://n8n/webhook/x/webhook',
	record: true,
	acceptUnencrypted: true,
	version: 2,
	...overrides,
});

const push = (body: unknown, nowMs = NOW) => ({
	rawBody: JSON.stringify(body),
	headers: {},
	nowMs,
});

describe('trigger decisions with state', () => {
	it("answers 503 once today's quarantine budget is spent, and says so for Health Check", async () => {
		const store = new MemoryStateStore();
		const unreadable = {
			message_id: 'm_x',
			from_user_id: 'c',
			to_user_id: 'b',
			content: encryptJson({ text: 'x' }, 'f'.repeat(32)),
		};
		expect((await decidePush(push(unreadable), config, settings(), store)).respond).toBe(
			'unreadable',
		);
		await store.set('quarantine:bytes:2026-12-07', String(QUARANTINE_LIMITS.maxBytesPerDay));
		const full = await decidePush(
			push({ ...unreadable, message_id: 'm_y' }),
			config,
			settings(),
			store,
		);
		expect(full).toMatchObject({ respond: 'full', status: 503, body: { success: false } });
		expect(await listQuarantine(store)).toHaveLength(1);
		await new Promise((r) => setImmediate(r));
		expect((await readPushLog(store, NOTICE_STREAM, 0)).map((n) => n.reason)).toContain(
			'quarantine full',
		);
	});

	it('applies a bind once per app: a late copy after the unbind does not bind the account again', async () => {
		const store = new MemoryStateStore();
		const bind = {
			content: encryptJson(
				{ user_id: 'biz_5', nick_name: '五店', token: 'tok_5', third_account_id: 'ta_5' },
				KEY,
			),
		};
		const unbind = { content: encryptJson({ user_id: 'biz_5' }, KEY) };
		// Two trigger nodes (two workflows) see the same pushes.
		await decidePush(push(bind), config, settings(), store);
		await decidePush(push(bind), config, settings({ claimScope: 'wf2:trigger' }), store);
		expect(await findAccount(store, 'app_h', 'biz_5')).toMatchObject({
			bound: true,
			thirdAccountId: 'ta_5',
		});
		await decidePush(
			{ ...push(unbind, NOW + 1000), pathKind: 'account_unbound' },
			config,
			settings(),
			store,
		);
		const late = await decidePush(
			push(bind, NOW + 2000),
			config,
			settings({ claimScope: 'wf3:trigger' }),
			store,
		);
		expect(await findAccount(store, 'app_h', 'biz_5')).toMatchObject({ bound: false });
		// The late copy still tells its flow which account it concerns, as now recorded.
		expect(late).toMatchObject({
			respond: 'ack',
			item: { event: 'account_bound', account: { bound: false } },
		});
	});

	it('a bind without third_account_id records none (the account code is another value)', async () => {
		const store = new MemoryStateStore();
		const bind = {
			content: encryptJson({ user_id: 'biz_6', token: 'tok_6', account_code: 'shop_6' }, KEY),
		};
		await decidePush(push(bind), config, settings(), store);
		expect(await findAccount(store, 'app_h', 'biz_6')).toMatchObject({
			bound: true,
			thirdAccountId: '',
			accountCode: 'shop_6',
		});
	});
});
