/**
 * The desk directory: which desks a state store holds, for the Assign Agent node's desk pick
 * list, and the roster last given to a desk, for its agent pick list.
 */
import {
	deskNamesOf,
	DESK_DIRECTORY_STREAM,
	listDesks,
	registerDesk,
	savedRoster,
} from '../../nodes/shared/assignAgent/deskDirectory';
import { DeskStore } from '../../nodes/shared/assignAgent/deskStore';
import { rosterFromJson } from '../../nodes/shared/assignAgent/roster';
import { policyWith } from '../../nodes/shared/assignAgent/routingPolicy';
import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';
import type { StateStore } from '../../nodes/shared/state/StateStore';

describe('deskNamesOf', () => {
	it('lists each name once, alphabetically, without empty names', () => {
		expect(deskNamesOf(['beauty', 'after-sales', 'beauty', '', '售后'])).toEqual([
			'after-sales',
			'beauty',
			'售后',
		]);
		expect(deskNamesOf([])).toEqual([]);
	});
});

describe('registerDesk / listDesks', () => {
	it('an empty store has no desks', async () => {
		expect(await listDesks(new MemoryStateStore())).toEqual([]);
	});

	it('lists the desks registered, each once, however often and concurrently they are used', async () => {
		const store = new MemoryStateStore();
		await Promise.all(
			['beauty', 'after-sales', 'beauty', 'beauty'].map(
				async (desk) => await registerDesk(store, desk),
			),
		);
		await registerDesk(store, 'after-sales');
		expect(await listDesks(store)).toEqual(['after-sales', 'beauty']);
		// One directory entry per desk: later uses in this process do not write again.
		expect((await store.readStream(DESK_DIRECTORY_STREAM)).map((e) => e.value).sort()).toEqual([
			'after-sales',
			'beauty',
		]);
	});

	it('another process (another registry over the same store) does not list a desk twice', async () => {
		const store = new MemoryStateStore();
		await registerDesk(store, 'beauty');
		// What a second n8n process sees: the same data behind a different store object.
		const sameData = Object.create(store) as StateStore;
		await registerDesk(sameData, 'beauty');
		await registerDesk(sameData, 'night-shift');
		expect(await listDesks(store)).toEqual(['beauty', 'night-shift']);
		expect(await store.readStream(DESK_DIRECTORY_STREAM)).toHaveLength(2);
	});

	it('a failed write is tried again the next time the desk is used', async () => {
		const store = new MemoryStateStore();
		const append = store.append.bind(store);
		let failures = 1;
		store.append = async (...args) => {
			if (failures-- > 0) throw new Error('Redis is down');
			return await append(...args);
		};
		await expect(registerDesk(store, 'beauty')).rejects.toThrow('Redis is down');
		expect(await listDesks(store)).toEqual([]);
		await registerDesk(store, 'beauty');
		expect(await listDesks(store)).toEqual(['beauty']);
	});
});

describe('savedRoster', () => {
	it('is the roster last given to the desk, or nothing', async () => {
		const store = new MemoryStateStore();
		expect(await savedRoster(store, 'beauty')).toBeUndefined();
		const roster = rosterFromJson([
			{ id: 'wang', name: '小王', skills: '售后' },
			{ id: 'li', name: '小李' },
		]);
		await DeskStore.for(store, 'beauty').load({ roster, policy: policyWith({}) });
		expect((await savedRoster(store, 'beauty'))?.map((a) => [a.id, a.name, a.skills])).toEqual([
			['wang', '小王', ['售后']],
			['li', '小李', []],
		]);
		expect(await savedRoster(store, 'other')).toBeUndefined();
	});
});
