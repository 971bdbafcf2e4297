import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';
import { pushAlerts } from '../../nodes/shared/serviceMetrics/pushHealth';
import { encryptJson } from '../../nodes/shared/xiaohongshu/contentCrypto';
import {
	QUARANTINE_LIMITS,
	claimReplay,
	listQuarantine,
	openQuarantined,
	quarantinePush,
	releaseReplay,
	type QuarantineInput,
} from '../../nodes/shared/xiaohongshu/pushQuarantine';
import { pushPreview } from '../../nodes/shared/xiaohongshu/pushPreview';

const KEY = '73616e64626f786b6579313233343536';

function input(rawBody: string, overrides: Partial<QuarantineInput> = {}): QuarantineInput {
	return {
		rawBody,
		appId: 'app_q',
		secrets: ['secret-q', KEY, ''],
		workflowId: 'wf',
		node: 'Xiaohongshu Trigger',
		webhookUrl: 'http://n8n/webhook/x/webhook',
		pathSuffix: '',
		reason: 'content could not be decrypted with this encryption key',
		cause: 'key',
		shape: 'r2-dm',
		diagnosis: {
			hint: 'Content does not decrypt with the Encryption Key.',
			setting: 'Credential → Encryption Key',
		},
		nowMs: Date.now(),
		...overrides,
	};
}

describe('quarantine', () => {
	const kept = async (
		store: MemoryStateStore,
		raw: string,
		overrides: Partial<QuarantineInput> = {},
	) => {
		const entry = await quarantinePush(store, input(raw, overrides));
		if (!entry) throw new Error('not kept');
		return entry;
	};

	it('keeps the push and its trigger URL sealed, and shows only a masked preview', async () => {
		const store = new MemoryStateStore();
		const raw = JSON.stringify({
			message_id: 'msg_kept_1',
			content: encryptJson({ text: '面霜' }, KEY),
			user_info: { nickname: '小雨' },
			phone: '13812345678',
			remark: '微信 xiaoyu_2024 电话 13987654321',
			access_token: 'at_live_123',
		});
		const entry = await kept(store, raw);
		expect(entry.preview).not.toMatch(/13812345678|13987654321|小雨|xiaoyu|at_live/);
		expect(entry.preview).toContain('138****5678');
		expect(entry.preview).toContain('"message_id":"msg_kept_1"');
		expect(entry.preview).toMatch(/"nickname":"«text, 2 chars»"/);
		expect(entry.preview).toContain('"access_token":"«secret»"');
		expect(entry.preview).toMatch(/«encrypted, \d+ chars»/);
		expect(JSON.stringify(entry)).not.toContain('http://n8n/webhook');
		const opened = { rawBody: raw, webhookUrl: 'http://n8n/webhook/x/webhook' };
		expect(await openQuarantined(store, entry.id, ['secret-q'])).toEqual(opened);
		expect(await openQuarantined(store, entry.id, ['another-secret'])).toBeUndefined();
		const stored = JSON.stringify(await store.get(`quarantine:body:${entry.id}`));
		expect(stored).not.toMatch(/msg_kept_1|n8n\/webhook/);
	});

	it("opens with any one of the credential's secrets, so swapping two fields still replays", async () => {
		const store = new MemoryStateStore();
		const entry = await kept(store, '{"a":1}', { secrets: ['app-secret', KEY, 'hook-secret'] });
		for (const secret of ['app-secret', KEY, 'hook-secret']) {
			expect((await openQuarantined(store, entry.id, ['wrong', secret]))?.rawBody).toBe('{"a":1}');
		}
	});

	it('spends a daily byte budget; beyond it nothing is kept and the caller asks for a resend', async () => {
		const store = new MemoryStateStore();
		const body = JSON.stringify({ x: 'y'.repeat(QUARANTINE_LIMITS.maxBodyBytes - 20) });
		const fits = Math.floor(QUARANTINE_LIMITS.maxBytesPerDay / Buffer.byteLength(body));
		for (let i = 0; i < fits; i++) await kept(store, body);
		expect(await quarantinePush(store, input(body))).toBeUndefined();
		expect((await listQuarantine(store)).length).toBe(fits);
		// The next day has its own budget.
		expect(
			await quarantinePush(store, input(body, { nowMs: Date.now() + 86_400_000 })),
		).toBeDefined();
	});

	it('is bounded: a body over the size limit is listed but not kept, and the count is capped', async () => {
		const store = new MemoryStateStore();
		const big = await kept(
			store,
			JSON.stringify({ x: 'y'.repeat(QUARANTINE_LIMITS.maxBodyBytes) }),
		);
		expect(big.replayable).toBe(false);
		expect(await openQuarantined(store, big.id, ['secret-q'])).toBeUndefined();
		for (let i = 0; i < QUARANTINE_LIMITS.maxEntries + 20; i++) await kept(store, `{"n":${i}}`);
		expect((await listQuarantine(store)).length).toBe(QUARANTINE_LIMITS.maxEntries);
	});

	it('a replay is claimed once, and given back when it fails', async () => {
		const store = new MemoryStateStore();
		const entry = await kept(store, '{}');
		expect(await claimReplay(store, entry.id, 1)).toBe(true);
		expect(await claimReplay(store, entry.id, 2)).toBe(false);
		expect((await listQuarantine(store))[0].replayed).toBe(true);
		await releaseReplay(store, entry.id);
		expect(await claimReplay(store, entry.id, 3)).toBe(true);
	});

	it('previews what is not JSON, masked', () => {
		expect(pushPreview('call 13812345678 now')).toBe('(not JSON) call 138****5678 now');
	});
});

describe('push health alerts', () => {
	const now = 1_800_000_000_000;
	it('name the likely cause and the setting, and count refused pushes', () => {
		const alerts = pushAlerts({
			quarantined: [
				{
					at: now - 1000,
					reason: 'r',
					hint: 'Content decrypts with the App Secret, not with the Encryption Key.',
					setting: 'Credential → Encryption Key',
				},
				{
					at: now - 2000,
					reason: 'r',
					hint: 'Content decrypts with the App Secret, not with the Encryption Key.',
					setting: 'Credential → Encryption Key',
				},
				{ at: now - 3000, reason: 'r', hint: 'other', setting: 'x', replayed: true },
			],
			refused: [{ at: now - 10, reason: 'signature does not match' }],
			notices: [
				{
					at: now - 5,
					reason: 'event not selected',
					hint: 'Pushes of leads (留资) arrive with suffix /open/im/third/data, and this trigger does not start on them.',
					setting: 'Xiaohongshu Trigger → Events',
				},
			],
			sinceMs: now - 3_600_000,
		});
		expect(alerts.map((a) => a.check)).toEqual(['push_quarantine', 'push_refused', 'push_notice']);
		expect(alerts[0]).toMatchObject({ severity: 'critical', figures: { quarantined: 2 } });
		expect(alerts[0].detail).toMatch(/App Secret/);
		expect(alerts[0].action).toMatch(/Encryption Key.*Replay/);
		expect(alerts[1].detail).toMatch(/signature does not match/);
		expect(alerts[2].detail).toMatch(/open\/im\/third\/data/);
		expect(pushAlerts({ quarantined: [], refused: [], notices: [], sinceMs: now })).toEqual([]);
		// Past the window, pushes still waiting keep a warning; once replayed, nothing.
		const old = { at: now - 7_200_000, reason: 'r', hint: 'h', setting: 's' };
		expect(
			pushAlerts({ quarantined: [old], refused: [], notices: [], sinceMs: now - 3_600_000 }),
		).toMatchObject([
			{ check: 'push_quarantine', severity: 'warning', figures: { waitingForReplay: 1 } },
		]);
		expect(
			pushAlerts({
				quarantined: [{ ...old, replayed: true }],
				refused: [],
				notices: [],
				sinceMs: now - 3_600_000,
			}),
		).toEqual([]);
	});
});
