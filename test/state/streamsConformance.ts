/** Time-ordered streams: ordering, unique ids, trimming and range reads, for every backend. */
import type { StreamEvent } from '../../nodes/shared/state/StateStore';
import type { ConformanceContext } from './conformanceContext';
import { concurrently, sleep } from './helpers';

function expectAppendOrder(events: StreamEvent[]): void {
	for (let i = 1; i < events.length; i++) {
		expect(events[i].id > events[i - 1].id).toBe(true);
		expect(events[i].at).toBeGreaterThanOrEqual(events[i - 1].at);
	}
}

export function describeStreams(ctx: ConformanceContext): void {
	describe('streams', () => {
		it('reads events back in append order with increasing ids and store times', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			const before = Date.now();
			const appended: StreamEvent[] = [];
			for (let i = 0; i < 20; i++) appended.push(await store.append(k('s'), `e${i}`));
			const events = await store.readStream(k('s'));
			expect(events).toEqual(appended);
			expect(events.map((e) => e.value)).toEqual(appended.map((_, i) => `e${i}`));
			expectAppendOrder(events);
			expect(events[0].at).toBeGreaterThanOrEqual(before - 1000);
			expect(events[19].at).toBeLessThanOrEqual(Date.now() + 1000);
		});

		it('gives unique ids to 100 concurrent appends', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			const appended = await concurrently(100, (i) => store.append(k('s'), String(i)));
			expect(new Set(appended.map((e) => e.id)).size).toBe(100);
			const events = await store.readStream(k('s'));
			expect(events).toHaveLength(100);
			expectAppendOrder(events);
			expect(new Set(events.map((e) => e.value))).toEqual(new Set(appended.map((e) => e.value)));
		});

		it('keeps streams apart', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.append(k('one'), 'a');
			await store.append(k('two'), 'b');
			expect((await store.readStream(k('one'))).map((e) => e.value)).toEqual(['a']);
			expect(await store.readStream(k('never-written'))).toEqual([]);
		});

		it('keeps only the newest maxLength events', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			for (let i = 0; i < 10; i++) await store.append(k('s'), `e${i}`, { maxLength: 3 });
			expect((await store.readStream(k('s'))).map((e) => e.value)).toEqual(['e7', 'e8', 'e9']);
		});

		it('drops events older than retentionMs when appending', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.append(k('s'), 'old-1', { retentionMs: 100 });
			await store.append(k('s'), 'old-2', { retentionMs: 100 });
			await sleep(250);
			await store.append(k('s'), 'new', { retentionMs: 100 });
			expect((await store.readStream(k('s'))).map((e) => e.value)).toEqual(['new']);
		});

		it('applies retention and maxLength together', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			await store.append(k('s'), 'old', { retentionMs: 100, maxLength: 5 });
			await sleep(250);
			for (let i = 0; i < 8; i++)
				await store.append(k('s'), `e${i}`, { retentionMs: 100, maxLength: 5 });
			expect((await store.readStream(k('s'))).map((e) => e.value)).toEqual([
				'e3',
				'e4',
				'e5',
				'e6',
				'e7',
			]);
		});

		it('reads ranges with sinceMs inclusive, untilMs exclusive, and limit from the oldest', async () => {
			const k = ctx.keys();
			const store = ctx.store();
			const appended: StreamEvent[] = [];
			for (let i = 0; i < 6; i++) {
				appended.push(await store.append(k('s'), `e${i}`));
				await sleep(5);
			}
			const since = appended[2].at;
			const until = appended[4].at;
			const expected = appended.filter((e) => e.at >= since && e.at < until);
			expect(expected.length).toBeGreaterThan(0);
			expect(await store.readStream(k('s'), { sinceMs: since, untilMs: until })).toEqual(expected);
			expect(await store.readStream(k('s'), { sinceMs: since })).toEqual(
				appended.filter((e) => e.at >= since),
			);
			expect(await store.readStream(k('s'), { untilMs: until })).toEqual(
				appended.filter((e) => e.at < until),
			);
			expect(await store.readStream(k('s'), { limit: 2 })).toEqual(appended.slice(0, 2));
			expect(await store.readStream(k('s'), { sinceMs: since, limit: 1 })).toEqual([
				appended.find((e) => e.at >= since),
			]);
			expect(await store.readStream(k('s'), { sinceMs: until, untilMs: since })).toEqual([]);
			expect(await store.readStream(k('s'), { limit: 0 })).toEqual([]);
		});
	});
}
