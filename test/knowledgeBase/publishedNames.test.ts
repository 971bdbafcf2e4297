import {
	listPublications,
	namesWith,
	publish,
	readPublication,
} from '../../nodes/shared/knowledgeBase/publication';
import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';

const KB = { rules: [], faq: [], protectedTerms: [] };

describe('the list of published knowledge-base names', () => {
	it('namesWith adds a new name in order and leaves a known one alone', () => {
		expect(namesWith(undefined, 'main')).toBe('["main"]');
		expect(namesWith('["main","brand-z"]', 'brand-a')).toBe('["brand-a","brand-z","main"]');
		expect(namesWith('["main"]', 'main')).toBeUndefined();
		// A list that does not read as one starts again.
		expect(namesWith('not json', 'main')).toBe('["main"]');
		expect(namesWith('{"main":1}', 'main')).toBe('["main"]');
	});

	it('lists nothing before anything is published', async () => {
		expect(await listPublications(new MemoryStateStore())).toEqual([]);
	});

	it('lists each published name once, with its latest version, sorted by name', async () => {
		const store = new MemoryStateStore();
		await publish(store, 'main', KB, 'f1', 1_000);
		await publish(store, 'brand-b', KB, 'f2', 2_000);
		await publish(store, 'main', KB, 'f3', 3_000);
		await publish(store, 'brand-a', KB, 'f4', 4_000);
		expect(await listPublications(store)).toEqual([
			{ name: 'brand-a', version: 1, publishedAt: 4_000 },
			{ name: 'brand-b', version: 1, publishedAt: 2_000 },
			{ name: 'main', version: 2, publishedAt: 3_000 },
		]);
		expect((await store.get('kb:published-names'))?.value).toBe('["brand-a","brand-b","main"]');
	});

	it('lists a "main" published before the list of names was kept', async () => {
		const store = new MemoryStateStore();
		await store.set(
			'kb:published:main',
			JSON.stringify({ name: 'main', version: 3, fingerprint: 'old', publishedAt: 500, ...KB }),
		);
		expect(await listPublications(store)).toEqual([{ name: 'main', version: 3, publishedAt: 500 }]);
		// Publishing another name keeps it.
		await publish(store, 'other', KB, 'f', 600);
		expect((await listPublications(store)).map((p) => p.name)).toEqual(['main', 'other']);
		expect((await readPublication(store, 'main'))?.version).toBe(3);
	});

	it('keeps every name when several are published at once', async () => {
		const store = new MemoryStateStore();
		const names = ['a', 'b', 'c', 'd'];
		await Promise.all(names.map(async (name, k) => await publish(store, name, KB, `f${k}`, k)));
		expect((await listPublications(store)).map((p) => p.name)).toEqual(names);
	});
});
