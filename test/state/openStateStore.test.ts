import * as fs from 'node:fs';
import * as path from 'node:path';

import { closeAllStateStores, openStateStore, updateMany } from '../../nodes/shared/state';
import { redisTestUrl, tempDir, uniquePrefix } from './helpers';

describe('openStateStore', () => {
	const dir = tempDir('factory');
	const redisPort = Number(new URL(redisTestUrl()).port);

	afterEach(async () => {
		await closeAllStateStores();
	});

	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('returns the same embedded store for the same file', () => {
		const file = path.join(dir, 'a.sqlite');
		const store = openStateStore({ backend: 'embedded', path: file });
		expect(store.backend).toBe('embedded');
		expect(openStateStore({ backend: 'embedded', path: file })).toBe(store);
		expect(openStateStore({ backend: 'embedded', path: path.join(dir, 'b.sqlite') })).not.toBe(
			store,
		);
	});

	it('uses XHS_STATE_DB_PATH when no path is given', async () => {
		const file = path.join(dir, 'from-env', 'state.sqlite');
		const previous = process.env.XHS_STATE_DB_PATH;
		process.env.XHS_STATE_DB_PATH = file;
		try {
			await openStateStore({ backend: 'embedded' }).set('k', 'v');
		} finally {
			process.env.XHS_STATE_DB_PATH = previous;
			if (previous === undefined) delete process.env.XHS_STATE_DB_PATH;
		}
		expect(fs.existsSync(file)).toBe(true);
	});

	it('shares one Redis store per server and prefix, however the server is written', async () => {
		const keyPrefix = uniquePrefix('factory');
		const byUrl = openStateStore({ backend: 'redis', url: redisTestUrl(), keyPrefix });
		const byFields = openStateStore({
			backend: 'redis',
			host: '127.0.0.1',
			port: redisPort,
			keyPrefix,
		});
		expect(byFields).toBe(byUrl);
		expect(
			openStateStore({ backend: 'redis', url: redisTestUrl(), keyPrefix: `${keyPrefix}other:` }),
		).not.toBe(byUrl);
		expect(openStateStore({ backend: 'redis', url: `${redisTestUrl()}/2`, keyPrefix })).not.toBe(
			byUrl,
		);

		await updateMany(byUrl, ['n'], () => ({ n: '1' }));
		expect((await byFields.get('n'))?.value).toBe('1');
	});

	it('opens a new store after closeAllStateStores', async () => {
		const config = {
			backend: 'redis' as const,
			url: redisTestUrl(),
			keyPrefix: uniquePrefix('factory'),
		};
		const first = openStateStore(config);
		await first.set('k', 'v');
		await closeAllStateStores();
		const second = openStateStore(config);
		expect(second).not.toBe(first);
		expect((await second.get('k'))?.value).toBe('v');
	});

	it('rejects an unknown backend', () => {
		expect(() => openStateStore({ backend: 'mongo' } as never)).toThrow(
			/Unknown state store backend "mongo"/,
		);
	});
});
