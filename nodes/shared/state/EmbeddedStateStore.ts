/**
 * The default state store: a SQLite file opened with Node's built-in `node:sqlite`, so a
 * single n8n needs no extra service. Atomic across executions, and across OS processes sharing
 * the file (n8n workers on one machine), because every multi-step write runs in
 * `BEGIN IMMEDIATE`, which takes SQLite's write lock before the first read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';

import { defaultStatePath } from './defaultStatePath';
import { SCHEMA, SCHEMA_VERSION, SQL } from './embeddedSql';
import type {
	BoundedIncrementOptions,
	CommitWrite,
	IncrementResult,
	StateStore,
	StoredEntry,
	StreamEvent,
	StreamReadOptions,
} from './StateStore';
import {
	assertDistinctKeys,
	assertFiniteDelta,
	expiryFor,
	isLive,
	nextBoundedValue,
	parseCounter,
	sortableSequenceId,
	wantsNoEvents,
} from './storeRules';

type SqliteModule = typeof import('node:sqlite');
type Params = Record<string, SQLInputValue>;

/** How long a write waits for another process holding the lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;
/** Reads already ignore expired keys; the purge only keeps the file from growing. */
const PURGE_INTERVAL_MS = 60_000;

/** One store per file in this process, so all workflows of one n8n share one connection. */
const openStores = new Map<string, EmbeddedStateStore>();

/**
 * Loaded on first use rather than imported, so that loading this package on a Node.js without
 * `node:sqlite` only fails when the embedded backend is actually chosen. getBuiltinModule
 * answers undefined (instead of throwing) when the module is missing or behind a flag.
 */
function loadSqlite(): SqliteModule {
	const sqlite = process.getBuiltinModule?.('node:sqlite') as SqliteModule | undefined;
	if (!sqlite?.DatabaseSync) {
		throw new Error(
			`The embedded state store needs node:sqlite (Node.js >= 22.13), but this n8n runs on ` +
				`Node.js ${process.versions.node}. Upgrade Node.js or use the Redis backend.`,
		);
	}
	return sqlite;
}

export class EmbeddedStateStore implements StateStore {
	readonly backend = 'embedded' as const;

	/** The shared store for this file (default: see defaultStatePath), opened on first use. */
	static open(filePath: string = defaultStatePath()): EmbeddedStateStore {
		const resolved = filePath === ':memory:' ? filePath : path.resolve(filePath);
		let store = openStores.get(resolved);
		if (!store) {
			store = new EmbeddedStateStore(resolved);
			openStores.set(resolved, store);
		}
		return store;
	}

	private readonly db: DatabaseSync;
	private readonly statements = new Map<keyof typeof SQL, StatementSync>();
	private lastPurgeAt = 0;
	private closed = false;

	private constructor(readonly filePath: string) {
		const { DatabaseSync } = loadSqlite();
		if (filePath !== ':memory:') fs.mkdirSync(path.dirname(filePath), { recursive: true });
		this.db = new DatabaseSync(filePath);
		// busy_timeout first: switching to WAL and creating tables already need the lock that
		// another process may be holding.
		this.db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
		this.db.exec('PRAGMA journal_mode = WAL');
		// NORMAL is durable in WAL mode except for the last commits on power loss, and avoids an
		// fsync per write.
		this.db.exec('PRAGMA synchronous = NORMAL');
		this.transaction(() => {
			this.db.exec(SCHEMA);
			this.db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
		});
	}

	get isClosed(): boolean {
		return this.closed;
	}

	async get(key: string): Promise<StoredEntry | undefined> {
		return this.liveEntry(key, this.now());
	}

	async getMany(keys: string[]): Promise<Array<StoredEntry | undefined>> {
		if (keys.length === 0) return [];
		const rows = this.statement('selectManyLive').all({
			keys: JSON.stringify(keys),
			now: this.now(),
		});
		const byKey = new Map(rows.map((row) => [row.key as string, row]));
		return keys.map((key) => {
			const row = byKey.get(key);
			if (!row) return undefined;
			const entry: StoredEntry = { value: row.value as string, version: row.version as number };
			if (row.expires_at !== null) entry.expiresAt = row.expires_at as number;
			return entry;
		});
	}

	async set(key: string, value: string, ttlMs?: number): Promise<void> {
		const now = this.now();
		this.run('set', { key, value, expiresAt: expiryFor(now, ttlMs) ?? null, now });
		this.purgeIfDue(now);
	}

	async claim(key: string, value: string, ttlMs?: number): Promise<boolean> {
		const now = this.now();
		const { changes } = this.run('claim', {
			key,
			value,
			expiresAt: expiryFor(now, ttlMs) ?? null,
			now,
		});
		this.purgeIfDue(now);
		return Number(changes) > 0;
	}

	async delete(key: string): Promise<boolean> {
		const now = this.now();
		const row = this.statement('delete').get({ key });
		return row !== undefined && isLive(row.expires_at as number | null, now);
	}

	async increment(
		key: string,
		delta: number,
		options: BoundedIncrementOptions = {},
	): Promise<IncrementResult> {
		assertFiniteDelta(key, delta);
		return this.transaction(() => {
			const now = this.now();
			const entry = this.liveEntry(key, now);
			const current = parseCounter(key, entry?.value);
			const next = nextBoundedValue(current, delta, options);
			if (next === undefined) return { applied: false, value: current };
			this.write(key, String(next), (entry?.version ?? 0) + 1, expiryFor(now, options.ttlMs));
			return { applied: true, value: next };
		});
	}

	async commit(writes: CommitWrite[]): Promise<boolean> {
		assertDistinctKeys(writes);
		if (writes.length === 0) return true;
		return this.transaction(() => {
			const now = this.now();
			const checked = writes.filter((write) => write.expectVersion !== 'any');
			const versions = checked.map((write) => this.liveEntry(write.key, now)?.version ?? null);
			if (checked.some((write, i) => write.expectVersion !== versions[i])) return false;
			checked.forEach((write, i) => {
				if (write.value === undefined) this.statement('delete').get({ key: write.key });
				else
					this.write(write.key, write.value, (versions[i] ?? 0) + 1, expiryFor(now, write.ttlMs));
			});
			// Hints written whatever they held: one statement for all of them.
			const unchecked = writes.filter((write) => write.expectVersion === 'any');
			for (const write of unchecked)
				if (write.value === undefined) this.statement('delete').get({ key: write.key });
			const rows = unchecked
				.filter((write) => write.value !== undefined)
				.map((write) => [write.key, write.value, expiryFor(now, write.ttlMs) ?? null]);
			if (rows.length) this.run('upsertMany', { rows: JSON.stringify(rows), now });
			return true;
		});
	}

	async append(
		stream: string,
		value: string,
		options: { retentionMs?: number; maxLength?: number } = {},
	): Promise<StreamEvent> {
		return this.transaction(() => {
			const last = this.statement('lastEventTime').get({ stream })?.at as number | null | undefined;
			// Never let `at` go backwards within a stream (clock adjustments, or another process
			// whose clock is slightly ahead), so time ranges and append order agree.
			const at = Math.max(this.now(), last ?? 0);
			const { lastInsertRowid } = this.run('insertEvent', { stream, at, value });
			if (options.retentionMs !== undefined && options.retentionMs > 0) {
				this.run('trimEventsBefore', { stream, oldestKept: at - options.retentionMs });
			}
			if (options.maxLength !== undefined && options.maxLength > 0) {
				this.run('trimEventsBeyond', { stream, keep: options.maxLength });
			}
			return { at, id: sortableSequenceId(Number(lastInsertRowid)), value };
		});
	}

	async readStream(stream: string, options: StreamReadOptions = {}): Promise<StreamEvent[]> {
		if (wantsNoEvents(options.limit)) return [];
		const rows = this.statement('readEvents').all({
			stream,
			since: options.sinceMs ?? Number.MIN_SAFE_INTEGER,
			until: options.untilMs ?? Number.MAX_SAFE_INTEGER,
			limit: options.limit ?? -1,
		});
		return rows.map((row) => ({
			at: row.at as number,
			id: sortableSequenceId(row.id as number),
			value: row.value as string,
		}));
	}

	/** Closes the file for every user in this process; meant for shutdown and tests. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		if (openStores.get(this.filePath) === this) openStores.delete(this.filePath);
		this.db.close();
	}

	private liveEntry(key: string, now: number): StoredEntry | undefined {
		const row = this.statement('selectLive').get({ key, now });
		if (!row) return undefined;
		const entry: StoredEntry = { value: row.value as string, version: row.version as number };
		if (row.expires_at !== null) entry.expiresAt = row.expires_at as number;
		return entry;
	}

	private write(key: string, value: string, version: number, expiresAt: number | undefined): void {
		this.run('upsert', { key, value, version, expiresAt: expiresAt ?? null });
	}

	private purgeIfDue(now: number): void {
		if (now - this.lastPurgeAt < PURGE_INTERVAL_MS) return;
		this.lastPurgeAt = now;
		this.run('purgeExpired', { now });
	}

	/**
	 * Runs `work` holding SQLite's write lock from the start: with a plain BEGIN, two processes
	 * could both read, then one would fail to upgrade to a writer (SQLITE_BUSY, no waiting).
	 */
	private transaction<T>(work: () => T): T {
		this.assertOpen();
		this.db.exec('BEGIN IMMEDIATE');
		let committed = false;
		try {
			const result = work();
			this.purgeIfDue(this.now());
			this.db.exec('COMMIT');
			committed = true;
			return result;
		} finally {
			// Whatever failed (a bad counter value, SQLITE_BUSY, ...) leaves no partial write.
			if (!committed && this.db.isTransaction) this.db.exec('ROLLBACK');
		}
	}

	private run(name: keyof typeof SQL, params: Params) {
		return this.statement(name).run(params);
	}

	private statement(name: keyof typeof SQL): StatementSync {
		this.assertOpen();
		let statement = this.statements.get(name);
		if (!statement) {
			statement = this.db.prepare(SQL[name]);
			this.statements.set(name, statement);
		}
		return statement;
	}

	private now(): number {
		return Date.now();
	}

	private assertOpen(): void {
		if (this.closed) throw new Error(`The embedded state store at ${this.filePath} is closed`);
	}
}

/** Closes every embedded store of this process (tests, shutdown). */
export async function closeAllEmbeddedStateStores(): Promise<void> {
	await Promise.all([...openStores.values()].map((store) => store.close()));
}
