/**
 * An in-process state store for unit tests of the engines built on StateStore. Every method
 * runs synchronously inside a single JavaScript turn, which is what makes it atomic.
 */
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

export interface MemoryStateStoreOptions {
	/** Clock in epoch ms; tests of time-dependent engines can pass a fake one. */
	now?: () => number;
}

/** How often expired keys are dropped; reads already ignore them, this only frees memory. */
const PURGE_INTERVAL_MS = 60_000;

export class MemoryStateStore implements StateStore {
	readonly backend = 'memory' as const;

	private readonly entries = new Map<string, StoredEntry>();
	private readonly streams = new Map<string, StreamEvent[]>();
	private readonly now: () => number;
	private lastEventSequence = 0;
	private lastPurgeAt = 0;
	private closed = false;

	constructor(options: MemoryStateStoreOptions = {}) {
		this.now = options.now ?? Date.now;
	}

	get isClosed(): boolean {
		return this.closed;
	}

	async getMany(keys: string[]): Promise<Array<StoredEntry | undefined>> {
		return Promise.all(keys.map((key) => this.get(key)));
	}

	async get(key: string): Promise<StoredEntry | undefined> {
		this.assertOpen();
		const entry = this.liveEntry(key, this.now());
		return entry && { ...entry };
	}

	async set(key: string, value: string, ttlMs?: number): Promise<void> {
		const now = this.beginWrite();
		this.write(key, value, (this.liveEntry(key, now)?.version ?? 0) + 1, expiryFor(now, ttlMs));
	}

	async claim(key: string, value: string, ttlMs?: number): Promise<boolean> {
		const now = this.beginWrite();
		if (this.liveEntry(key, now)) return false;
		this.write(key, value, 1, expiryFor(now, ttlMs));
		return true;
	}

	async delete(key: string): Promise<boolean> {
		const now = this.beginWrite();
		const wasLive = this.liveEntry(key, now) !== undefined;
		this.entries.delete(key);
		return wasLive;
	}

	async increment(
		key: string,
		delta: number,
		options: BoundedIncrementOptions = {},
	): Promise<IncrementResult> {
		assertFiniteDelta(key, delta);
		const now = this.beginWrite();
		const entry = this.liveEntry(key, now);
		const current = parseCounter(key, entry?.value);
		const next = nextBoundedValue(current, delta, options);
		if (next === undefined) return { applied: false, value: current };
		this.write(key, String(next), (entry?.version ?? 0) + 1, expiryFor(now, options.ttlMs));
		return { applied: true, value: next };
	}

	async commit(writes: CommitWrite[]): Promise<boolean> {
		assertDistinctKeys(writes);
		const now = this.beginWrite();
		const versions = writes.map((write) => this.liveEntry(write.key, now)?.version ?? null);
		if (
			writes.some(
				(write, i) => write.expectVersion !== 'any' && write.expectVersion !== versions[i],
			)
		)
			return false;
		writes.forEach((write, i) => {
			if (write.value === undefined) this.entries.delete(write.key);
			else this.write(write.key, write.value, (versions[i] ?? 0) + 1, expiryFor(now, write.ttlMs));
		});
		return true;
	}

	async append(
		stream: string,
		value: string,
		options: { retentionMs?: number; maxLength?: number } = {},
	): Promise<StreamEvent> {
		const now = this.beginWrite();
		const events = this.streams.get(stream) ?? [];
		this.streams.set(stream, events);
		// Never let `at` go backwards within a stream (clock adjustments), so time ranges and
		// append order agree.
		const at = Math.max(now, events[events.length - 1]?.at ?? 0);
		const event: StreamEvent = { at, id: sortableSequenceId(++this.lastEventSequence), value };
		events.push(event);
		if (options.retentionMs !== undefined && options.retentionMs > 0) {
			const oldestKept = at - options.retentionMs;
			const firstKept = events.findIndex((e) => e.at >= oldestKept);
			events.splice(0, firstKept);
		}
		if (
			options.maxLength !== undefined &&
			options.maxLength > 0 &&
			events.length > options.maxLength
		) {
			events.splice(0, events.length - options.maxLength);
		}
		return { ...event };
	}

	async readStream(stream: string, options: StreamReadOptions = {}): Promise<StreamEvent[]> {
		this.assertOpen();
		if (wantsNoEvents(options.limit)) return [];
		const since = options.sinceMs ?? -Infinity;
		const until = options.untilMs ?? Infinity;
		const matching = (this.streams.get(stream) ?? []).filter((e) => e.at >= since && e.at < until);
		return matching.slice(0, options.limit ?? matching.length).map((e) => ({ ...e }));
	}

	async close(): Promise<void> {
		this.closed = true;
		this.entries.clear();
		this.streams.clear();
	}

	private liveEntry(key: string, now: number): StoredEntry | undefined {
		const entry = this.entries.get(key);
		return entry && isLive(entry.expiresAt, now) ? entry : undefined;
	}

	private write(key: string, value: string, version: number, expiresAt: number | undefined): void {
		this.entries.set(
			key,
			expiresAt === undefined ? { value, version } : { value, version, expiresAt },
		);
	}

	private beginWrite(): number {
		this.assertOpen();
		const now = this.now();
		if (now - this.lastPurgeAt >= PURGE_INTERVAL_MS) {
			this.lastPurgeAt = now;
			for (const [key, entry] of this.entries) {
				if (!isLive(entry.expiresAt, now)) this.entries.delete(key);
			}
		}
		return now;
	}

	private assertOpen(): void {
		if (this.closed) throw new Error('This memory state store is closed');
	}
}
