/**
 * Several OS processes on one SQLite file (n8n workers on one machine): claims stay
 * exactly-once, bounded counters stay bounded and optimistic commits lose no update.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { EmbeddedStateStore } from '../../nodes/shared/state/EmbeddedStateStore';
import { tempDir } from './helpers';

const WORKERS = 4;
const workerScript = path.join(__dirname, 'fixtures', 'embeddedWorker.js');

interface Worker {
	child: ChildProcess;
	ready: Promise<void>;
	result: Promise<unknown>;
}

function startWorker(dbPath: string, id: string, task: string): Worker {
	// process.execPath: the Node.js running jest (>= 22.13, see package.json engines).
	const child = spawn(process.execPath, [workerScript, dbPath, id, task], {
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	let signalReady: () => void;
	const ready = new Promise<void>((resolve) => (signalReady = resolve));
	child.stdout?.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
		if (stdout.startsWith('ready\n')) signalReady();
	});
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const result = new Promise((resolve, reject) => {
		child.on('exit', (code) => {
			if (code !== 0) reject(new Error(`worker ${id} exited with ${code}: ${stderr}`));
			else resolve(JSON.parse(stdout.slice('ready\n'.length)));
		});
	});
	// Surfaces a crash during start-up instead of waiting for "ready" forever.
	const readyOrCrash = Promise.race([ready, result.then(() => undefined)]);
	return { child, ready: readyOrCrash, result };
}

/** Starts all workers, lets them go at the same moment and collects their results. */
async function runWorkers<T>(dbPath: string, task: string): Promise<T[]> {
	const workers = Array.from({ length: WORKERS }, (_, i) => startWorker(dbPath, `w${i}`, task));
	await Promise.all(workers.map((w) => w.ready));
	// A common start moment shortly ahead, which each worker waits for by spinning.
	const startAt = Date.now() + 100;
	for (const worker of workers) worker.child.stdin?.end(`go ${startAt}\n`);
	return (await Promise.all(workers.map((w) => w.result))) as T[];
}

describe('embedded store shared by several processes', () => {
	let dir: string;
	let dbPath: string;

	beforeEach(() => {
		dir = tempDir('multiprocess');
		dbPath = path.join(dir, 'state.sqlite');
	});

	afterEach(async () => {
		await EmbeddedStateStore.open(dbPath).close();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('grants each of 1000 claims to exactly one process', async () => {
		const results = await runWorkers<{ won: number[] }>(dbPath, 'claims');
		const allWon = results.flatMap((r) => r.won).sort((a, b) => a - b);
		expect(allWon).toEqual(Array.from({ length: 1000 }, (_, i) => i));

		const store = EmbeddedStateStore.open(dbPath);
		const owner = await store.get('claim:7');
		const winnerIndex = results.findIndex((r) => r.won.includes(7));
		expect(owner?.value).toBe(`w${winnerIndex}`);
	});

	it('never lets a bounded counter cross its max', async () => {
		const results = await runWorkers<{ applied: number; highest: number }>(dbPath, 'increments');
		expect(results.reduce((sum, r) => sum + r.applied, 0)).toBe(500);
		expect(Math.max(...results.map((r) => r.highest))).toBe(500);
		expect((await EmbeddedStateStore.open(dbPath).get('load'))?.value).toBe('500');
	});

	it('loses no read-modify-write update', async () => {
		await runWorkers<{ attempts: number }>(dbPath, 'updates');
		const doc = JSON.parse((await EmbeddedStateStore.open(dbPath).get('doc'))?.value ?? '{}');
		expect(doc.count).toBe(WORKERS * 50);
		expect(Object.values(doc.by)).toEqual(Array(WORKERS).fill(50));
	});

	it('hands out unique, increasing stream ids across processes', async () => {
		const results = await runWorkers<{ ids: string[] }>(dbPath, 'appends');
		const events = await EmbeddedStateStore.open(dbPath).readStream('events');
		expect(events).toHaveLength(WORKERS * 100);
		expect(new Set(events.map((e) => e.id)).size).toBe(WORKERS * 100);
		for (let i = 1; i < events.length; i++) {
			expect(events[i].id > events[i - 1].id).toBe(true);
			expect(events[i].at).toBeGreaterThanOrEqual(events[i - 1].at);
		}
		for (const { ids } of results) expect([...ids].sort()).toEqual(ids);
	});
});
