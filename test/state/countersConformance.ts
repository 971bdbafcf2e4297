/** Bounded increments and optimistic multi-key commits, for every backend. */
import type { ConformanceContext } from './conformanceContext';
import { concurrently, sleep } from './helpers';

export function describeCounters(ctx: ConformanceContext): void {
	describe('increment', () => {
		it('starts an absent counter at 0 and stores the result as text', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			expect(await store.increment(k('c'), 5)).toEqual({ applied: true, value: 5 });
			expect(await store.increment(k('c'), -2)).toEqual({ applied: true, value: 3 });
			expect(await store.get(k('c'))).toEqual({ value: '3', version: 2 });
		});

		it('refuses, leaving the counter unchanged, when the result would cross a bound', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.increment(k('c'), 2, { max: 3 });
			expect(await store.increment(k('c'), 2, { max: 3 })).toEqual({ applied: false, value: 2 });
			expect(await store.increment(k('c'), -3, { min: 0 })).toEqual({ applied: false, value: 2 });
			expect(await store.get(k('c'))).toEqual({ value: '2', version: 1 });
			expect(await store.increment(k('c'), 1, { min: 0, max: 3 })).toEqual({
				applied: true,
				value: 3,
			});
		});

		it('lets a counter that is already out of range move back towards it', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.increment(k('load'), 5);
			expect(await store.increment(k('load'), 1, { min: 0, max: 3 })).toEqual({
				applied: false,
				value: 5,
			});
			expect(await store.increment(k('load'), -1, { min: 0, max: 3 })).toEqual({
				applied: true,
				value: 4,
			});
		});

		it('never crosses max under 200 concurrent increments', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			const results = await concurrently(200, () => store.increment(k('c'), 1, { max: 50 }));
			expect(results.filter((r) => r.applied)).toHaveLength(50);
			expect(Math.max(...results.map((r) => r.value))).toBe(50);
			const appliedValues = results.filter((r) => r.applied).map((r) => r.value);
			expect(new Set(appliedValues).size).toBe(50);
			expect((await store.get(k('c')))?.value).toBe('50');
		});

		it('never crosses min under 200 concurrent decrements', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.set(k('c'), '30');
			const results = await concurrently(200, () => store.increment(k('c'), -1, { min: 0 }));
			expect(results.filter((r) => r.applied)).toHaveLength(30);
			expect((await store.get(k('c')))?.value).toBe('0');
		});

		it('applies the TTL given with the increment', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.increment(k('window'), 1, { ttlMs: 50 });
			await sleep(150);
			expect(await store.increment(k('window'), 1, { ttlMs: 50 })).toEqual({
				applied: true,
				value: 1,
			});
		});

		it('rejects a delta that is not a finite number', async () => {
			const k = ctx.keys();
			await expect(ctx.store().increment(k('c'), Number.NaN)).rejects.toThrow(
				/not a finite number/,
			);
			expect(await ctx.store().get(k('c'))).toBeUndefined();
		});

		it('rejects incrementing a value that is not a number', async () => {
			const k = ctx.keys();
			await ctx.store().set(k('text'), '{"a":1}');
			await expect(ctx.store().increment(k('text'), 1)).rejects.toThrow(/not a number/);
			expect((await ctx.store().get(k('text')))?.value).toBe('{"a":1}');
		});
	});

	describe('commit', () => {
		it('applies every write when all versions match, deleting where value is undefined', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.set(k('a'), 'a1');
			await store.set(k('gone'), 'x');
			const ok = await store.commit([
				{ key: k('a'), expectVersion: 1, value: 'a2' },
				{ key: k('new'), expectVersion: null, value: 'n1', ttlMs: 60_000 },
				{ key: k('gone'), expectVersion: 1 },
			]);
			expect(ok).toBe(true);
			expect(await store.get(k('a'))).toEqual({ value: 'a2', version: 2 });
			expect(await store.get(k('new'))).toMatchObject({ value: 'n1', version: 1 });
			expect((await store.get(k('new')))?.expiresAt).toBeGreaterThan(Date.now());
			expect(await store.get(k('gone'))).toBeUndefined();
		});

		it('changes nothing when any single version differs', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.set(k('a'), 'a1');
			await store.set(k('b'), 'b1');
			await store.set(k('b'), 'b2');
			const ok = await store.commit([
				{ key: k('a'), expectVersion: 1, value: 'a-new' },
				{ key: k('c'), expectVersion: null, value: 'c-new' },
				{ key: k('b'), expectVersion: 1, value: 'b-new' },
			]);
			expect(ok).toBe(false);
			expect(await store.get(k('a'))).toEqual({ value: 'a1', version: 1 });
			expect(await store.get(k('b'))).toEqual({ value: 'b2', version: 2 });
			expect(await store.get(k('c'))).toBeUndefined();
		});

		it('treats null as "must be absent", including keys that expired', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.set(k('present'), 'v');
			await store.set(k('expired'), 'v', 30);
			expect(await store.commit([{ key: k('present'), expectVersion: null, value: 'w' }])).toBe(
				false,
			);
			await sleep(120);
			expect(await store.commit([{ key: k('expired'), expectVersion: null, value: 'w' }])).toBe(
				true,
			);
			expect(await store.get(k('expired'))).toEqual({ value: 'w', version: 1 });
		});

		it("writes 'any' keys whatever they hold, but only when the checked keys still match", async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.set(k('checked'), 'c1');
			await store.set(k('hint'), 'h1');
			await store.set(k('hint'), 'h2');
			expect(
				await store.commit([
					{ key: k('checked'), expectVersion: 2, value: 'c2' },
					{ key: k('hint'), expectVersion: 'any', value: 'lost' },
				]),
			).toBe(false);
			expect(await store.get(k('hint'))).toEqual({ value: 'h2', version: 2 });
			const ok = await store.commit([
				{ key: k('checked'), expectVersion: 1, value: 'c2' },
				{ key: k('hint'), expectVersion: 'any', value: 'h3', ttlMs: 60_000 },
				{ key: k('fresh'), expectVersion: 'any', value: 'f1' },
			]);
			expect(ok).toBe(true);
			expect(await store.get(k('hint'))).toMatchObject({ value: 'h3', version: 3 });
			expect((await store.get(k('hint')))?.expiresAt).toBeGreaterThan(Date.now());
			expect(await store.get(k('fresh'))).toEqual({ value: 'f1', version: 1 });
		});

		it('lets exactly one of 50 concurrent commits on the same version win', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.set(k('a'), 'start');
			const results = await concurrently(50, (i) =>
				store.commit([
					{ key: k('a'), expectVersion: 1, value: `writer-${i}` },
					{ key: k(`mine-${i}`), expectVersion: null, value: 'x' },
				]),
			);
			const winners = results.flatMap((won, i) => (won ? [i] : []));
			expect(winners).toHaveLength(1);
			expect(await store.get(k('a'))).toEqual({ value: `writer-${winners[0]}`, version: 2 });
			const sideEffects = await concurrently(50, (i) => store.get(k(`mine-${i}`)));
			expect(sideEffects.filter((e) => e !== undefined)).toHaveLength(1);
		});

		it('accepts an empty list and refuses the same key twice', async () => {
			const k = ctx.keys();
			expect(await ctx.store().commit([])).toBe(true);
			await expect(
				ctx.store().commit([
					{ key: k('a'), expectVersion: null, value: '1' },
					{ key: k('a'), expectVersion: null, value: '2' },
				]),
			).rejects.toThrow(/more than once/);
		});
	});
}
