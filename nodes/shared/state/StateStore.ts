/**
 * The project's shared, atomic state: what several executions (and, on Redis, several n8n
 * processes) must agree on — claimed message ids, token pairs, cooldowns, agent load,
 * queues, conversation state and metric events.
 *
 * n8n's own options (workflow static data, the dedup helper) are read-modify-write without
 * locks, so every operation here is atomic on its own, and `commit` makes small multi-key
 * changes atomic by optimistic versioning.
 *
 * Keys are plain strings; callers namespace them ("dedup:<messageId>"). Values are strings
 * (callers JSON-encode). A TTL of 0 or undefined means "keep".
 */
export interface StoredEntry {
	value: string;
	/** Increases on every write of the key; starts at 1. */
	version: number;
	/** Epoch ms, or undefined when the key does not expire. */
	expiresAt?: number;
}

export interface BoundedIncrementOptions {
	/** The result must stay >= min (default: no lower bound). */
	min?: number;
	/** The result must stay <= max (default: no upper bound). */
	max?: number;
	/** TTL applied when the counter is written. */
	ttlMs?: number;
}

export interface IncrementResult {
	/** False when the bound would have been crossed; the counter is then unchanged. */
	applied: boolean;
	/** The counter's value after the call (unchanged when not applied). */
	value: number;
}

export interface CommitWrite {
	key: string;
	/**
	 * The version read before; null means "the key must be absent"; 'any' writes the key
	 * whatever it holds (a hint kept alongside the checked keys, in the same atomic step).
	 */
	expectVersion: number | null | 'any';
	/** New value; undefined deletes the key. */
	value?: string;
	ttlMs?: number;
}

export interface StreamEvent {
	/** Epoch ms when appended (store clock). */
	at: number;
	/** Unique, increasing within a stream. */
	id: string;
	value: string;
}

export interface StreamReadOptions {
	sinceMs?: number;
	untilMs?: number;
	limit?: number;
}

export interface StateStore {
	readonly backend: 'embedded' | 'redis' | 'memory';
	get(key: string): Promise<StoredEntry | undefined>;
	/** Several keys in one round trip; the answers in the order of the keys. */
	getMany(keys: string[]): Promise<Array<StoredEntry | undefined>>;
	set(key: string, value: string, ttlMs?: number): Promise<void>;
	/** Set only if absent (or expired). True when this caller won the claim. */
	claim(key: string, value: string, ttlMs?: number): Promise<boolean>;
	delete(key: string): Promise<boolean>;
	/** Atomic add within bounds; the key starts at 0 when absent. */
	increment(
		key: string,
		delta: number,
		options?: BoundedIncrementOptions,
	): Promise<IncrementResult>;
	/** All-or-nothing: applied only if every key still has its expected version. */
	commit(writes: CommitWrite[]): Promise<boolean>;
	/** Append to a time-ordered stream, trimming entries older than retentionMs / beyond maxLength. */
	append(
		stream: string,
		value: string,
		options?: { retentionMs?: number; maxLength?: number },
	): Promise<StreamEvent>;
	readStream(stream: string, options?: StreamReadOptions): Promise<StreamEvent[]>;
	close(): Promise<void>;
}
