import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';
import type { XhsAppConfig } from '../../nodes/shared/xiaohongshu/appConfig';
import type { HttpFn, HttpRequest } from '../../nodes/shared/xiaohongshu/http';
import { TokenManager, XhsTokenError } from '../../nodes/shared/xiaohongshu/tokenManager';

let clock = 1_800_000_000_000;
const now = () => clock;
const noSleep = async (ms: number) => {
	clock += ms;
};

function config(overrides: Partial<XhsAppConfig> = {}): XhsAppConfig {
	return {
		environment: 'production',
		baseUrl: 'https://adapi.example',
		appId: `app_${Math.random().toString(36).slice(2)}`,
		appSecret: 'secret',
		encryptionKey: '0123456789abcdef',
		refreshToken: 'rt_0',
		maxRequestsPerSecond: 100,
		wireRevision: 'r1',
		...overrides,
	};
}

/** A token endpoint that rotates like the platform: the old refresh token dies at once. */
function platform() {
	let live = 'rt_0';
	let n = 0;
	const calls: HttpRequest[] = [];
	const http: HttpFn = async (request) => {
		calls.push(request);
		await Promise.resolve();
		const body = request.body as Record<string, string>;
		if (request.url.endsWith('/refresh_token') && body.refresh_token !== live) {
			return { status: 200, headers: {}, body: { code: 40003, success: false, data: null } };
		}
		n++;
		live = `rt_${n}`;
		return {
			status: 200,
			headers: {},
			body: {
				code: 0,
				success: true,
				data: {
					access_token: `at_${n}`,
					access_token_expires_in: 86399,
					refresh_token: live,
					refresh_token_expires_in: 2591999,
				},
			},
		};
	};
	return { http, calls, live: () => live };
}

describe('TokenManager', () => {
	it('refreshes once for many concurrent callers in one process', async () => {
		const p = platform();
		const store = new MemoryStateStore({ now });
		const cfg = config();
		const managers = Array.from(
			{ length: 20 },
			() => new TokenManager(cfg, p.http, store, { now, sleep: noSleep }),
		);
		const tokens = await Promise.all(managers.map((m) => m.accessToken()));
		expect(new Set(tokens)).toEqual(new Set(['at_1']));
		expect(p.calls).toHaveLength(1);
	});

	it('refreshes ahead of expiry, and once when the platform rejects the current token', async () => {
		const p = platform();
		const store = new MemoryStateStore({ now });
		const m = new TokenManager(config(), p.http, store, {
			now,
			sleep: noSleep,
			refreshAheadMs: 5 * 60_000,
		});
		expect(await m.accessToken()).toBe('at_1');
		clock += (86399 - 4 * 60) * 1000; // 4 minutes before expiry
		expect(await m.accessToken()).toBe('at_2');
		expect(await m.accessToken({ rejected: 'at_1' })).toBe('at_2'); // someone already refreshed
		expect(await m.accessToken({ rejected: 'at_2' })).toBe('at_3');
		expect(p.calls).toHaveLength(3);
	});

	it('does not refresh while another process holds the refresh lock', async () => {
		const p = platform();
		const store = new MemoryStateStore({ now });
		const yieldingSleep = async (ms: number) => {
			clock += ms;
			await new Promise((r) => setImmediate(r));
		};
		const m = new TokenManager(config(), p.http, store, { now, sleep: yieldingSleep });
		await store.claim(`lock:${m.key}`, 'other-process', 30_000);
		const waiting = m.accessToken();
		for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
		expect(p.calls).toHaveLength(0);
		await store.delete(`lock:${m.key}`);
		expect(await waiting).toBe('at_1');
		expect(p.calls).toHaveLength(1);
	});

	it('gives a clear credential error when the chain is dead (40003)', async () => {
		const p = platform();
		const m = new TokenManager(
			config({ refreshToken: 'rt_stale' }),
			p.http,
			new MemoryStateStore({ now }),
			{ now, sleep: noSleep },
		);
		await expect(m.accessToken()).rejects.toThrow(XhsTokenError);
		await expect(m.accessToken()).rejects.toThrow(/40003.*Authorize the app again/);
	});

	it('needs a refresh token or an auth code', async () => {
		const m = new TokenManager(
			config({ refreshToken: undefined }),
			platform().http,
			new MemoryStateStore({ now }),
			{ now, sleep: noSleep },
		);
		await expect(m.accessToken()).rejects.toThrow(/neither a refresh token nor an auth code/);
	});

	it('does not trust a token record sealed under another app secret', async () => {
		const p = platform();
		const store = new MemoryStateStore({ now });
		const cfg = config();
		await new TokenManager(cfg, p.http, store, { now, sleep: noSleep }).accessToken();
		const entry = await store.get(new TokenManager(cfg, p.http, store).key);
		expect(entry?.value).not.toContain('at_1'); // sealed, not plain text
		const other = new TokenManager(
			{ ...cfg, appSecret: 'changed', refreshToken: p.live() },
			p.http,
			store,
			{ now, sleep: noSleep },
		);
		expect(await other.accessToken()).toBe('at_2');
	});
});

describe('TokenManager with several authorizations of one app', () => {
	it("keeps each credential's chain apart (two business accounts, or a test credential beside the real one)", async () => {
		const chains = new Map<string, string>([
			['rt_a', 'a'],
			['rt_b', 'b'],
		]);
		let n = 0;
		const http: HttpFn = async (request) => {
			const body = request.body as Record<string, string>;
			const chain = chains.get(body.refresh_token);
			if (!chain)
				return { status: 200, headers: {}, body: { code: 40003, success: false, data: null } };
			chains.delete(body.refresh_token);
			const next = `rt_${chain}${++n}`;
			chains.set(next, chain);
			return {
				status: 200,
				headers: {},
				body: {
					code: 0,
					success: true,
					data: {
						access_token: `at_${chain}${n}`,
						access_token_expires_in: 86399,
						refresh_token: next,
						refresh_token_expires_in: 2591999,
					},
				},
			};
		};
		const store = new MemoryStateStore({ now });
		const base = config();
		const a = new TokenManager({ ...base, refreshToken: 'rt_a' }, http, store, {
			now,
			sleep: noSleep,
		});
		const b = new TokenManager({ ...base, refreshToken: 'rt_b' }, http, store, {
			now,
			sleep: noSleep,
		});
		expect(await a.accessToken()).toMatch(/^at_a/);
		expect(await b.accessToken()).toMatch(/^at_b/);
		// Each rotated its own chain; a later expiry refreshes each from its own pair.
		expect(await a.accessToken({ rejected: await a.accessToken() })).toMatch(/^at_a/);
		expect(await b.accessToken({ rejected: await b.accessToken() })).toMatch(/^at_b/);
	});
});
