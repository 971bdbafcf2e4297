/**
 * The website chat's intake limits on the state store: per customer and per address, over a
 * sliding minute, shared by every execution; and the longest message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admitMessage, type IntakeLimits } from '../../nodes/shared/intake';
import { openStateStore, type StateStore } from '../../nodes/shared/state';

const LIMITS: IntakeLimits = {
	perCustomerPerMinute: 10,
	perAddressPerMinute: 30,
	maxTextLength: 2000,
};
const MINUTE = 60_000;
const start = Date.UTC(2026, 11, 7, 6, 0, 0);

let dir: string;
let store: StateStore;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'xhs-intake-limits-'));
	store = openStateStore({ backend: 'embedded', path: join(dir, 'state.sqlite') });
});
afterEach(async () => {
	await store.close();
	rmSync(dir, { recursive: true, force: true });
});

const admitted = (verdicts: Array<{ admitted: boolean }>) =>
	verdicts.filter((v) => v.admitted).length;

describe('admitMessage', () => {
	it('lets a customer send their limit a minute, even all at once, and says when to try again', async () => {
		const at = start + 15_000;
		const verdicts = await Promise.all(
			Array.from({ length: 40 }, () =>
				admitMessage(store, { customerUserId: 'webchat:v1', text: '在吗' }, LIMITS, at),
			),
		);
		expect(admitted(verdicts)).toBe(10);
		expect(verdicts.find((v) => !v.admitted)).toEqual({
			admitted: false,
			reason: 'customer',
			limit: 10,
			retryAfterSeconds: 45,
		});
		// Another customer is not held back by the first one.
		expect(await admitMessage(store, { customerUserId: 'webchat:v2' }, LIMITS, at)).toEqual({
			admitted: true,
		});
	});

	it('slides: a full minute still counts at the start of the next, and fades out over it', async () => {
		for (let k = 0; k < 10; k++)
			await admitMessage(store, { customerUserId: 'c' }, LIMITS, start + 59_000);
		// A second into the next minute, 59/60 of the last one still counts: room for 1.
		const next = [];
		for (let k = 0; k < 3; k++)
			next.push(await admitMessage(store, { customerUserId: 'c' }, LIMITS, start + MINUTE + 1_000));
		expect(admitted(next)).toBe(1);
		// Half-way through it, half of the last one still counts: room for 5, 1 of them used.
		const half = [];
		for (let k = 0; k < 8; k++)
			half.push(
				await admitMessage(store, { customerUserId: 'c' }, LIMITS, start + MINUTE + 30_000),
			);
		expect(admitted(half)).toBe(4);
		// Two minutes on, the burst is forgotten.
		const later = [];
		for (let k = 0; k < 12; k++)
			later.push(await admitMessage(store, { customerUserId: 'c' }, LIMITS, start + 3 * MINUTE));
		expect(admitted(later)).toBe(10);
	});

	it('holds an address to its limit across customer ids, so rotating ids does not help', async () => {
		const verdicts = [];
		for (let k = 0; k < 50; k++)
			verdicts.push(
				await admitMessage(
					store,
					{ customerUserId: `webchat:bot${k}`, address: '203.0.113.9' },
					LIMITS,
					start,
				),
			);
		expect(admitted(verdicts)).toBe(30);
		expect(verdicts[30]).toMatchObject({ admitted: false, reason: 'address', limit: 30 });
		expect(
			(
				await admitMessage(
					store,
					{ customerUserId: 'webchat:ok', address: '198.51.100.7' },
					LIMITS,
					start,
				)
			).admitted,
		).toBe(true);
	});

	it('refuses a text longer than the limit (in characters, emoji as one) without counting it', async () => {
		const limits = { ...LIMITS, maxTextLength: 5 };
		expect(
			await admitMessage(store, { customerUserId: 'c', text: '💄💄💄💄💄' }, limits, start),
		).toEqual({
			admitted: true,
		});
		expect(
			await admitMessage(store, { customerUserId: 'c', text: '123456' }, limits, start),
		).toEqual({
			admitted: false,
			reason: 'text',
			limit: 5,
			retryAfterSeconds: 0,
		});
	});

	it('counts nothing where a limit is 0 or the sender unknown', async () => {
		const none = { perCustomerPerMinute: 0, perAddressPerMinute: 0, maxTextLength: 0 };
		for (let k = 0; k < 100; k++)
			expect(
				(
					await admitMessage(
						store,
						{ customerUserId: 'c', address: 'a', text: 'x'.repeat(10_000) },
						none,
						start,
					)
				).admitted,
			).toBe(true);
		for (let k = 0; k < 20; k++)
			expect((await admitMessage(store, { address: '' }, LIMITS, start)).admitted).toBe(true);
	});
});
