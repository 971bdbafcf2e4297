import {
	confirmPendingRows,
	factsFromItem,
	mergeDm,
	pendingBacklog,
	queueRows,
	takePendingRows,
} from '../../nodes/shared/crmSync';
import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';

const BOOK = 'shop';
const options = { maskContacts: true };

function setup() {
	let now = Date.parse('2026-12-07T10:00:00Z');
	const store = new MemoryStateStore({ now: () => now });
	const advance = (ms: number) => (now += ms);
	let n = 0;
	/** A DM merged into its customer's profile and its rows queued, as CRM Sync does. */
	const dm = async (customer: string, text: string) => {
		const facts = factsFromItem({
			customerUserId: customer,
			messageId: `m${++n}`,
			text,
			timestampMs: now,
			nickname: `客户${customer}`,
		});
		const merged = await mergeDm(store, BOOK, facts, options);
		await queueRows(store, BOOK, {
			messageId: facts.messageId,
			xhsUserId: facts.xhsUserId,
			history: merged.history,
			leads: merged.leads,
			newCustomer: merged.created,
		});
		return merged;
	};
	return { store, advance, dm, clock: () => now };
}

describe('pending CRM rows (written after the reply, in batches, exactly once)', () => {
	it('one batch holds every queued DM, one profile row per customer (the freshest), then nothing', async () => {
		const { store, dm } = setup();
		await dm('u1', '面霜多少钱');
		await dm('u2', '加我微信 abc_12345 电话 13800138000');
		await dm('u1', '还有小样吗');
		const batch = await takePendingRows(store, BOOK, { executionId: 'e1' });
		expect(batch).toBeDefined();
		expect(batch!.dms).toBe(3);
		expect(batch!.history.map((h) => h.idempotency_key)).toEqual(['m1', 'm2', 'm3']);
		// Customers new to the book: their rows cannot exist, they are inserted.
		expect(batch!.newCustomers.map((p) => [p.xhs_user_id, p.message_count])).toEqual([
			['u1', 2],
			['u2', 1],
		]);
		expect(batch!.changedCustomers).toEqual([]);
		expect(batch!.historyAgain).toEqual([]);
		expect(batch!.leads.map((l) => l.type).sort()).toEqual(['phone', 'wechat']);
		expect(batch!.retried).toBe(false);
		expect(await confirmPendingRows(store, BOOK, 'e1')).toEqual({ confirmed: true });
		expect(await takePendingRows(store, BOOK, { executionId: 'e2' })).toMatchObject({
			dms: 0,
			history: [],
			newCustomers: [],
			changedCustomers: [],
		});
		expect((await pendingBacklog(store, BOOK)).dms).toBe(0);
	});

	it('while one execution writes, another takes nothing; the rows queued meanwhile go in the next batch', async () => {
		const { store, dm } = setup();
		await dm('u1', '在吗');
		const first = await takePendingRows(store, BOOK, { executionId: 'e1' });
		await dm('u2', '价格');
		expect(await takePendingRows(store, BOOK, { executionId: 'e2' })).toBeUndefined();
		expect((await pendingBacklog(store, BOOK)).dms).toBe(2);
		await confirmPendingRows(store, BOOK, 'e1');
		expect(first!.history.map((h) => h.message_id)).toEqual(['m1']);
		const next = await takePendingRows(store, BOOK, { executionId: 'e2' });
		expect(next!.history.map((h) => h.message_id)).toEqual(['m2']);
		expect(next!.newCustomers.map((p) => p.xhs_user_id)).toEqual(['u2']);
	});

	it('a writer that dies: after its lease the same rows come again, marked retried, and its late confirmation is refused', async () => {
		const { store, dm, advance } = setup();
		await dm('u1', '在吗');
		await dm('u2', '价格');
		await takePendingRows(store, BOOK, { executionId: 'dead', leaseMs: 60_000 });
		advance(30_000);
		expect(await takePendingRows(store, BOOK, { executionId: 'e2', leaseMs: 60_000 })).toBe(
			undefined,
		);
		advance(31_000);
		const again = await takePendingRows(store, BOOK, { executionId: 'e2', leaseMs: 60_000 });
		// The dead writer may have written any of these: every row goes to the outputs that
		// write by key.
		expect(again!.retried).toBe(true);
		expect(again!.historyAgain.map((h) => h.message_id)).toEqual(['m1', 'm2']);
		expect(again!.history).toEqual([]);
		expect(again!.newCustomers).toEqual([]);
		expect(again!.changedCustomers.map((p) => p.xhs_user_id)).toEqual(['u1', 'u2']);
		expect(await confirmPendingRows(store, BOOK, 'dead')).toMatchObject({ confirmed: false });
		expect(await confirmPendingRows(store, BOOK, 'e2')).toEqual({ confirmed: true });
		expect((await pendingBacklog(store, BOOK)).dms).toBe(0);
	});

	it('a confirmation after the lease ran out counts for nothing, even before anyone took the rows again', async () => {
		const { store, dm, advance } = setup();
		await dm('u1', '在吗');
		await takePendingRows(store, BOOK, { executionId: 'slow', leaseMs: 1000 });
		advance(1001);
		expect(await confirmPendingRows(store, BOOK, 'slow')).toMatchObject({ confirmed: false });
		expect((await pendingBacklog(store, BOOK)).dms).toBe(1);
	});

	it('a profile written before and unchanged since is not written again', async () => {
		const { store, dm } = setup();
		const merged = await dm('u1', '面霜多少钱');
		await takePendingRows(store, BOOK, { executionId: 'e1' });
		await confirmPendingRows(store, BOOK, 'e1');
		// The same DM queued again (a recovery after a crash between the queue and its record).
		await queueRows(store, BOOK, {
			messageId: 'm1',
			xhsUserId: 'u1',
			history: merged.history,
			leads: [],
		});
		const batch = await takePendingRows(store, BOOK, { executionId: 'e2' });
		expect(batch!.newCustomers).toEqual([]);
		expect(batch!.changedCustomers).toEqual([]);
		expect(batch!.history.map((h) => h.idempotency_key)).toEqual(['m1']);
	});

	it('a customer written before comes back as changed (update their row), never as new', async () => {
		const { store, dm } = setup();
		await dm('u1', '面霜多少钱');
		await takePendingRows(store, BOOK, { executionId: 'e1' });
		await confirmPendingRows(store, BOOK, 'e1');
		await dm('u1', '还有吗');
		await dm('u9', '在吗');
		const batch = await takePendingRows(store, BOOK, { executionId: 'e2' });
		expect(batch!.changedCustomers.map((p) => [p.xhs_user_id, p.message_count])).toEqual([
			['u1', 2],
		]);
		expect(batch!.newCustomers.map((p) => p.xhs_user_id)).toEqual(['u9']);
	});

	it('a profile made before rows were queued (an older workflow wrote its row) is changed, not new', async () => {
		const { store, dm } = setup();
		const facts = factsFromItem({ customerUserId: 'u1', messageId: 'old1', text: '你好' });
		await mergeDm(store, BOOK, facts, options);
		await dm('u1', '面霜多少钱');
		const batch = await takePendingRows(store, BOOK, { executionId: 'e1' });
		expect(batch!.newCustomers).toEqual([]);
		expect(batch!.changedCustomers.map((p) => p.xhs_user_id)).toEqual(['u1']);
	});

	it('waits for more rows: the first run to find a young batch waits for it, the others leave; a full batch goes at once', async () => {
		const { store, dm, advance, clock } = setup();
		await dm('u1', '在吗');
		advance(500);
		await dm('u2', '价格');
		const slept: number[] = [];
		let wake = () => {};
		const sleep = (ms: number) => {
			slept.push(ms);
			return new Promise<void>((resolve) => (wake = resolve));
		};
		const take = (executionId: string, limit = 5) =>
			takePendingRows(store, BOOK, {
				executionId,
				minAgeMs: 2000,
				limit,
				nowMs: clock(),
				sleep,
			});
		const waiter = take('e1');
		await new Promise((resolve) => setImmediate(resolve));
		expect(slept).toEqual([1500]);
		// A second run meanwhile leaves its rows to the waiter.
		await dm('u3', '发货');
		advance(1000);
		expect(await take('e2')).toBeUndefined();
		wake();
		expect((await waiter)!.history.map((h) => h.message_id)).toEqual(['m1', 'm2', 'm3']);
		await confirmPendingRows(store, BOOK, 'e1');
		for (const text of ['一', '二', '三']) await dm('u4', text);
		expect((await take('e3', 3))!.dms).toBe(3);
		expect(slept).toEqual([1500]);
	});

	it('a batch stops at its limit; the rest follow, each row once, also past rows of one millisecond', async () => {
		const { store, dm } = setup();
		// The clock stands still: every row has the same millisecond.
		for (let i = 0; i < 25; i++) await dm(`u${i % 4}`, `第${i}条`);
		const seen: string[] = [];
		for (let round = 0; round < 5; round++) {
			const batch = await takePendingRows(store, BOOK, { executionId: `e${round}`, limit: 7 });
			seen.push(...batch!.history.map((h) => h.message_id));
			await confirmPendingRows(store, BOOK, `e${round}`);
		}
		expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `m${i + 1}`));
	});
});
