/** get / set / claim / delete, TTLs and versions: the same expectations for every backend. */
import type { ConformanceContext } from './conformanceContext';
import { concurrently, sleep } from './helpers';

export function describeEntries(ctx: ConformanceContext): void {
	describe('get / set / delete', () => {
		it('returns undefined for a key never written', async () => {
			const k = ctx.keys();
			expect(await ctx.store().get(k('missing'))).toBeUndefined();
		});

		it('reads several keys at once, in the order asked, leaving out expired ones', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			expect(await store.getMany([])).toEqual([]);
			await store.set(k('a'), 'A');
			await store.set(k('b'), 'B1');
			await store.set(k('b'), 'B2', 60_000);
			await store.set(k('gone'), 'x', 30);
			await sleep(120);
			const [b, missing, a, gone, aAgain] = await store.getMany([
				k('b'),
				k('missing'),
				k('a'),
				k('gone'),
				k('a'),
			]);
			expect(b).toMatchObject({ value: 'B2', version: 2 });
			expect(b?.expiresAt).toBeGreaterThan(Date.now());
			expect(missing).toBeUndefined();
			expect(a).toEqual({ value: 'A', version: 1 });
			expect(gone).toBeUndefined();
			expect(aAgain).toEqual(a);
		});

		it('starts versions at 1 and increases them on every write', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.set(k('a'), 'one');
			expect(await store.get(k('a'))).toEqual({ value: 'one', version: 1 });
			await store.set(k('a'), 'two');
			await store.set(k('a'), 'three');
			expect(await store.get(k('a'))).toEqual({ value: 'three', version: 3 });
		});

		it('keeps any text as it is', async () => {
			const k = ctx.keys();
			const text = '{"msg":"你好 👋","nl":"a\\r\\nb"}\r\n$3\r\n' + 'x'.repeat(10_000);
			await ctx.store().set(k('text'), text);
			expect((await ctx.store().get(k('text')))?.value).toBe(text);
			await ctx.store().set(k('empty'), '');
			expect((await ctx.store().get(k('empty')))?.value).toBe('');
		});

		it('reports expiresAt for keys with a TTL only', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			const before = Date.now();
			await store.set(k('ttl'), 'v', 60_000);
			await store.set(k('forever'), 'v');
			const expiresAt = (await store.get(k('ttl')))?.expiresAt ?? 0;
			expect(expiresAt).toBeGreaterThan(before + 50_000);
			expect(expiresAt).toBeLessThanOrEqual(Date.now() + 60_000 + 5);
			expect((await store.get(k('forever')))?.expiresAt).toBeUndefined();
		});

		it('hides a key once its TTL has passed, and a later write restarts its version at 1', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.set(k('a'), 'v1', 50);
			await store.set(k('a'), 'v2', 50);
			await sleep(150);
			expect(await store.get(k('a'))).toBeUndefined();
			await store.set(k('a'), 'v3');
			expect(await store.get(k('a'))).toEqual({ value: 'v3', version: 1 });
		});

		it('a write without TTL removes the expiry of the key', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.set(k('a'), 'v1', 50);
			await store.set(k('a'), 'v2');
			await sleep(150);
			expect(await store.get(k('a'))).toEqual({ value: 'v2', version: 2 });
		});

		it('delete reports whether a live key was removed', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.set(k('a'), 'v');
			await store.set(k('expiring'), 'v', 30);
			expect(await store.delete(k('a'))).toBe(true);
			expect(await store.get(k('a'))).toBeUndefined();
			expect(await store.delete(k('a'))).toBe(false);
			await sleep(120);
			expect(await store.delete(k('expiring'))).toBe(false);
		});
	});

	describe('claim', () => {
		it('succeeds only for the first caller', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			expect(await store.claim(k('msg'), 'first')).toBe(true);
			expect(await store.claim(k('msg'), 'second')).toBe(false);
			expect(await store.get(k('msg'))).toEqual({ value: 'first', version: 1 });
		});

		it('has exactly one winner among 200 concurrent claims, whose value is kept', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			const results = await concurrently(200, (i) => store.claim(k('msg'), `worker-${i}`, 60_000));
			const winners = results.flatMap((won, i) => (won ? [i] : []));
			expect(winners).toHaveLength(1);
			expect((await store.get(k('msg')))?.value).toBe(`worker-${winners[0]}`);
		});

		it('can be claimed again once the claim expired', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			expect(await store.claim(k('msg'), 'a', 50)).toBe(true);
			expect(await store.claim(k('msg'), 'b', 50)).toBe(false);
			await sleep(150);
			expect(await store.claim(k('msg'), 'c')).toBe(true);
			expect(await store.get(k('msg'))).toEqual({ value: 'c', version: 1 });
		});

		it('fails on a key written with set', async () => {
			const k = ctx.keys();
			await ctx.store().set(k('a'), 'v');
			expect(await ctx.store().claim(k('a'), 'w')).toBe(false);
		});
	});
}
