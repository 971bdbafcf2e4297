/** What is specific to the SQLite backend; shared behaviour is in conformance.test.ts. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { defaultStatePath } from '../../nodes/shared/state/defaultStatePath';
import {
	closeAllEmbeddedStateStores,
	EmbeddedStateStore,
} from '../../nodes/shared/state/EmbeddedStateStore';
import { sleep, tempDir } from './helpers';

describe('EmbeddedStateStore', () => {
	let dir: string;

	beforeEach(() => {
		dir = tempDir('embedded');
	});

	afterEach(async () => {
		jest.restoreAllMocks();
		await closeAllEmbeddedStateStores();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('shares one instance per file within the process', () => {
		const file = path.join(dir, 'state.sqlite');
		const first = EmbeddedStateStore.open(file);
		expect(EmbeddedStateStore.open(path.join(dir, '.', 'state.sqlite'))).toBe(first);
		expect(EmbeddedStateStore.open(path.join(dir, 'other.sqlite'))).not.toBe(first);
	});

	it('opens a fresh instance after the shared one was closed', async () => {
		const file = path.join(dir, 'state.sqlite');
		const first = EmbeddedStateStore.open(file);
		await first.set('k', 'v');
		await first.close();
		const second = EmbeddedStateStore.open(file);
		expect(second).not.toBe(first);
		expect(await second.get('k')).toEqual({ value: 'v', version: 1 });
	});

	it('creates missing folders and uses WAL so readers never block the writer', () => {
		const file = path.join(dir, 'nested', 'deeper', 'state.sqlite');
		EmbeddedStateStore.open(file);
		const raw = new DatabaseSync(file);
		expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
		raw.close();
	});

	it('purges expired keys from the file, not only from reads', async () => {
		const file = path.join(dir, 'state.sqlite');
		const store = EmbeddedStateStore.open(file);
		await store.set('short', 'v', 20);
		await store.set('long', 'v');
		await sleep(80);
		await store.close();
		// A fresh instance purges on its first write.
		await EmbeddedStateStore.open(file).set('other', 'v');
		const raw = new DatabaseSync(file);
		const keys = raw
			.prepare('SELECT key FROM entries ORDER BY key')
			.all()
			.map((row) => row.key);
		raw.close();
		expect(keys).toEqual(['long', 'other']);
	});

	it('rolls a failed transaction back completely', async () => {
		const store = EmbeddedStateStore.open(path.join(dir, 'state.sqlite'));
		await store.set('text', 'not a number');
		await expect(store.increment('text', 1)).rejects.toThrow(/not a number/);
		// The store is usable afterwards: no transaction was left open.
		expect(await store.increment('counter', 1)).toEqual({ applied: true, value: 1 });
	});

	it('names the Node.js version when node:sqlite is unavailable', () => {
		jest.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never);
		expect(() => EmbeddedStateStore.open(path.join(dir, 'state.sqlite'))).toThrow(
			new RegExp(
				`needs node:sqlite \\(Node.js >= 22.13\\), but this n8n runs on Node.js ${process.versions.node}`,
			),
		);
	});
});

describe('defaultStatePath', () => {
	it('prefers XHS_STATE_DB_PATH', () => {
		expect(
			defaultStatePath({ XHS_STATE_DB_PATH: '/data/xhs.sqlite', N8N_USER_FOLDER: '/n8n' }),
		).toBe('/data/xhs.sqlite');
	});

	it("lives in n8n's folder under N8N_USER_FOLDER, else the home folder", () => {
		expect(defaultStatePath({ N8N_USER_FOLDER: '/srv/n8n' })).toBe(
			'/srv/n8n/.n8n/xiaohongshu-dm/state.sqlite',
		);
		expect(defaultStatePath({})).toMatch(/\/\.n8n\/xiaohongshu-dm\/state\.sqlite$/);
	});
});
