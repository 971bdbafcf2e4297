/**
 * One behavioural suite, run against every backend: engines built on StateStore must be able
 * to switch backends without noticing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { EmbeddedStateStore } from '../../nodes/shared/state/EmbeddedStateStore';
import { MemoryStateStore } from '../../nodes/shared/state/MemoryStateStore';
import { RedisStateStore } from '../../nodes/shared/state/RedisStateStore';
import type { StateStore } from '../../nodes/shared/state/StateStore';
import { describeConformance } from './conformanceSuite';
import { redisTestUrl, tempDir, uniquePrefix } from './helpers';

const embeddedDir = tempDir('conformance');

const backends: Array<[string, () => StateStore]> = [
	['memory', () => new MemoryStateStore()],
	['embedded', () => EmbeddedStateStore.open(path.join(embeddedDir, 'state.sqlite'))],
	[
		'redis',
		() => new RedisStateStore({ url: redisTestUrl(), keyPrefix: uniquePrefix('conformance') }),
	],
];

afterAll(() => fs.rmSync(embeddedDir, { recursive: true, force: true }));

describe.each(backends)('%s state store', (backend, open) => {
	let store: StateStore;
	beforeAll(() => {
		store = open();
	});
	afterAll(async () => {
		await store.close();
	});

	it(`reports its backend as "${backend}"`, () => {
		expect(store.backend).toBe(backend);
	});

	describeConformance(() => store);

	it('refuses operations once closed', async () => {
		const other =
			backend === 'embedded'
				? EmbeddedStateStore.open(path.join(embeddedDir, 'other.sqlite'))
				: open();
		await other.set('k', 'v');
		await other.close();
		await expect(other.get('k')).rejects.toThrow(/closed/);
	});
});
