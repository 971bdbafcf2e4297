/** updateMany on top of each backend's commit: read, decide, commit or retry. */
import { updateMany, UpdateConflictError } from '../../nodes/shared/state/updateMany';
import type { ConformanceContext } from './conformanceContext';
import { concurrently } from './helpers';

export function describeUpdateMany(ctx: ConformanceContext): void {
	describe('updateMany', () => {
		it('ends exactly at 50 after 50 concurrent read-modify-write increments of a JSON counter', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			const counter = k('counter');
			await concurrently(50, () =>
				updateMany(
					store,
					[counter],
					(current) => {
						const state = JSON.parse(current[counter]?.value ?? '{"count":0}') as { count: number };
						return { [counter]: JSON.stringify({ count: state.count + 1 }) };
					},
					{ maxAttempts: 1000 },
				),
			);
			expect(JSON.parse((await store.get(counter))?.value ?? '{}')).toEqual({ count: 50 });
		});

		it('keeps a two-key invariant under 30 concurrent transfers', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			const [from, to] = [k('from'), k('to')];
			await store.set(from, '100');
			const results = await concurrently(30, () =>
				updateMany(
					store,
					[from, to],
					(current) => ({
						[from]: String(Number(current[from]?.value) - 3),
						[to]: String(Number(current[to]?.value ?? '0') + 3),
					}),
					{ maxAttempts: 1000 },
				),
			);
			expect(results.every((r) => r.changed)).toBe(true);
			expect((await store.get(from))?.value).toBe('10');
			expect((await store.get(to))?.value).toBe('90');
		});

		it('retries when a key it only read changed meanwhile', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.set(k('input'), 'a');
			let calls = 0;
			const result = await updateMany(store, [k('input'), k('output')], (current) => {
				calls++;
				if (calls === 1) void store.set(k('input'), 'b');
				return { [k('output')]: `saw ${current[k('input')]?.value}` };
			});
			// The first decision was based on "a", which changed before the commit.
			expect(result.attempts).toBe(2);
			expect((await store.get(k('output')))?.value).toBe('saw b');
			expect((await store.get(k('input')))?.value).toBe('b');
		});

		it('writes nothing when the updater returns undefined', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.set(k('a'), 'v');
			const result = await updateMany(store, [k('a')], () => undefined);
			expect(result).toMatchObject({ changed: false, attempts: 1 });
			expect(await store.get(k('a'))).toEqual({ value: 'v', version: 1 });
		});

		it('deletes with null, keeps the expiry for a plain string and sets a new TTL on request', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.set(k('del'), 'x');
			await store.set(k('keep'), 'x', 60_000);
			const result = await updateMany(store, [k('del'), k('keep'), k('ttl')], () => ({
				[k('del')]: null,
				[k('keep')]: 'y',
				[k('ttl')]: { value: 'z', ttlMs: 30_000 },
			}));
			expect(result.changed).toBe(true);
			expect(await store.get(k('del'))).toBeUndefined();
			const kept = await store.get(k('keep'));
			expect(kept?.value).toBe('y');
			expect(kept?.expiresAt).toBeGreaterThan(Date.now() + 30_000);
			const ttl = await store.get(k('ttl'));
			expect(ttl?.expiresAt).toBeGreaterThan(Date.now());
			expect(ttl?.expiresAt).toBeLessThanOrEqual(Date.now() + 30_000);
		});

		it('refuses to write a key it did not read', async () => {
			const k = ctx.keys();
			await expect(updateMany(ctx.store(), [k('a')], () => ({ [k('b')]: 'x' }))).rejects.toThrow(
				/not among the keys read/,
			);
		});

		it('gives up with UpdateConflictError after maxAttempts', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			const attempt = updateMany(
				store,
				[k('a')],
				() => {
					void store.set(k('a'), String(Math.random()));
					return { [k('a')]: 'mine' };
				},
				{ maxAttempts: 3 },
			);
			await expect(attempt).rejects.toBeInstanceOf(UpdateConflictError);
		});
	});
}
