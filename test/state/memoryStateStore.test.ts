/** What is specific to the memory backend; shared behaviour is in conformance.test.ts. */
import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';

describe('MemoryStateStore', () => {
	it('follows an injected clock, so engines can test expiry without waiting', async () => {
		let now = 1_000_000;
		const store = new MemoryStateStore({ now: () => now });
		await store.set('cooldown', 'x', 5_000);
		expect(await store.get('cooldown')).toEqual({ value: 'x', version: 1, expiresAt: 1_005_000 });
		now += 4_999;
		expect(await store.claim('cooldown', 'y')).toBe(false);
		now += 1;
		expect(await store.get('cooldown')).toBeUndefined();
		expect(await store.claim('cooldown', 'y')).toBe(true);
	});

	it('stamps stream events with the injected clock and never lets them go backwards', async () => {
		let now = 5_000;
		const store = new MemoryStateStore({ now: () => now });
		expect((await store.append('s', 'a')).at).toBe(5_000);
		now = 4_000;
		expect((await store.append('s', 'b')).at).toBe(5_000);
	});
});
