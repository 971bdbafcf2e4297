/**
 * The state store for several n8n processes (queue mode, several main instances): every
 * operation is one Lua script or one native command, hence atomic on the Redis server.
 *
 * Layout under the key prefix (default "xhs:"): `<prefix>kv:<key>` is a hash {value, version}
 * with the entry's TTL as the key's expiry; `<prefix>stream:<name>` is a Redis stream whose ids
 * give each event's time. On a Redis Cluster the prefix is a hash tag ("{xhs:}kv:…"), so every
 * key of the store lives in one slot and the multi-key scripts (commit, getMany) stay atomic;
 * the store's data is small, one Cluster node holds it easily.
 */
import type { RedisClientConfig } from './redisConnectionOptions';
import { APPEND, CLAIM, COMMIT, GET, GET_MANY, INCREMENT, SET } from './redisScripts';
import { RedisClient, type RedisReply } from './RedisClient';
import type {
	BoundedIncrementOptions,
	CommitWrite,
	IncrementResult,
	StateStore,
	StoredEntry,
	StreamEvent,
	StreamReadOptions,
} from './StateStore';
import { assertDistinctKeys, assertFiniteDelta, wantsNoEvents } from './storeRules';

export interface RedisStateStoreOptions extends RedisClientConfig {
	/** Prepended to every Redis key, so several installations can share one Redis. */
	keyPrefix?: string;
}

export const DEFAULT_KEY_PREFIX = 'xhs:';

/** On a Cluster, the whole prefix becomes the hash tag unless the admin wrote one already. */
function keyPrefixFor(prefix: string, cluster: boolean): string {
	if (!cluster || /\{[^}]+\}/.test(prefix)) return prefix;
	return `{${prefix}}`;
}

/** PEXPIRE takes whole milliseconds; 0 means "no expiry" to the scripts. */
function ttlArgument(ttlMs: number | undefined): number {
	return ttlMs !== undefined && ttlMs > 0 ? Math.max(1, Math.ceil(ttlMs)) : 0;
}

/**
 * Redis ids ("<ms>-<seq>") compare as numbers, not as strings; padding both parts makes
 * string order follow append order, as for the other backends.
 */
function sortableStreamId(redisId: string): { id: string; at: number } {
	const [ms, seq] = redisId.split('-');
	return { id: `${ms.padStart(15, '0')}-${seq.padStart(10, '0')}`, at: Number(ms) };
}

export class RedisStateStore implements StateStore {
	readonly backend = 'redis' as const;
	readonly keyPrefix: string;
	private readonly client: RedisClient;

	constructor(options: RedisStateStoreOptions | string = {}) {
		const config = typeof options === 'string' ? { url: options } : options;
		this.client = new RedisClient(config);
		this.keyPrefix = keyPrefixFor(
			config.keyPrefix ?? DEFAULT_KEY_PREFIX,
			this.client.options.mode === 'cluster',
		);
	}

	get isClosed(): boolean {
		return this.client.isClosed;
	}

	async get(key: string): Promise<StoredEntry | undefined> {
		return entryOf(await GET.run(this.client, [this.entryKey(key)], []));
	}

	async getMany(keys: string[]): Promise<Array<StoredEntry | undefined>> {
		if (keys.length === 0) return [];
		const reply = (await GET_MANY.run(
			this.client,
			keys.map((key) => this.entryKey(key)),
			[],
		)) as RedisReply[];
		return reply.map(entryOf);
	}

	async set(key: string, value: string, ttlMs?: number): Promise<void> {
		await SET.run(this.client, [this.entryKey(key)], [value, ttlArgument(ttlMs)]);
	}

	async claim(key: string, value: string, ttlMs?: number): Promise<boolean> {
		const reply = await CLAIM.run(this.client, [this.entryKey(key)], [value, ttlArgument(ttlMs)]);
		return reply === 1;
	}

	async delete(key: string): Promise<boolean> {
		return (await this.client.command('DEL', this.entryKey(key))) === 1;
	}

	async increment(
		key: string,
		delta: number,
		options: BoundedIncrementOptions = {},
	): Promise<IncrementResult> {
		assertFiniteDelta(key, delta);
		const reply = await INCREMENT.run(
			this.client,
			[this.entryKey(key)],
			[delta, options.min ?? '', options.max ?? '', ttlArgument(options.ttlMs)],
		);
		const [applied, value] = reply as [number, string];
		return { applied: applied === 1, value: Number(value) };
	}

	async commit(writes: CommitWrite[]): Promise<boolean> {
		assertDistinctKeys(writes);
		if (writes.length === 0) return true;
		const plan = writes.map((write) => ({
			// -1: written whatever the version ('any').
			e: write.expectVersion === 'any' ? -1 : (write.expectVersion ?? 0),
			d: write.value === undefined,
			t: ttlArgument(write.ttlMs),
		}));
		const reply = await COMMIT.run(
			this.client,
			writes.map((write) => this.entryKey(write.key)),
			[JSON.stringify(plan), ...writes.map((write) => write.value ?? '')],
		);
		return reply === 1;
	}

	async append(
		stream: string,
		value: string,
		options: { retentionMs?: number; maxLength?: number } = {},
	): Promise<StreamEvent> {
		const redisId = await APPEND.run(
			this.client,
			[this.streamKey(stream)],
			[value, ttlArgument(options.retentionMs), Math.max(0, Math.floor(options.maxLength ?? 0))],
		);
		return { ...sortableStreamId(redisId as string), value };
	}

	/** sinceMs is inclusive and untilMs exclusive, so consecutive windows never overlap. */
	async readStream(stream: string, options: StreamReadOptions = {}): Promise<StreamEvent[]> {
		const start = options.sinceMs === undefined ? 0 : Math.max(0, Math.ceil(options.sinceMs));
		const lastMs = options.untilMs === undefined ? undefined : Math.ceil(options.untilMs) - 1;
		if (lastMs !== undefined && lastMs < start) return [];
		if (wantsNoEvents(options.limit)) return [];
		const args: Array<string | number> = [this.streamKey(stream), start, lastMs ?? '+'];
		if (options.limit !== undefined) args.push('COUNT', Math.floor(options.limit));
		const reply = (await this.client.command('XRANGE', ...args)) as RedisReply[][];
		return reply.map(([redisId, fields]) => ({
			...sortableStreamId(redisId as string),
			value: fieldValue(fields as string[], 'v'),
		}));
	}

	async close(): Promise<void> {
		await this.client.close();
	}

	private entryKey(key: string): string {
		return `${this.keyPrefix}kv:${key}`;
	}

	private streamKey(stream: string): string {
		return `${this.keyPrefix}stream:${stream}`;
	}
}

/** A script's {value, version, pttl}; Lua's false arrives as null. */
function entryOf(reply: RedisReply): StoredEntry | undefined {
	if (reply === null || reply === undefined) return undefined;
	const [value, version, pttl] = reply as [string, string, number];
	const entry: StoredEntry = { value, version: Number(version) };
	// Expressed on this process's clock, so callers can compare it with Date.now().
	if (pttl > 0) entry.expiresAt = Date.now() + pttl;
	return entry;
}

function fieldValue(fields: string[], name: string): string {
	for (let i = 0; i + 1 < fields.length; i += 2) {
		if (fields[i] === name) return fields[i + 1];
	}
	return '';
}
