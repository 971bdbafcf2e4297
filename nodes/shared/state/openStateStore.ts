/**
 * Opens the state store a workflow is configured for. Stores are cached per distinct
 * configuration for the life of the process: an execution must not open a connection (or a
 * SQLite file) of its own, and all executions must share the one instance that serialises
 * their writes.
 */
import { closeAllEmbeddedStateStores, EmbeddedStateStore } from './EmbeddedStateStore';
import { resolveRedisOptions, type RedisClientConfig } from './redisConnectionOptions';
import { DEFAULT_KEY_PREFIX, RedisStateStore } from './RedisStateStore';
import type { StateStore } from './StateStore';

export interface EmbeddedStateStoreConfig {
	backend: 'embedded';
	/** SQLite file; default: env XHS_STATE_DB_PATH, else <n8n user folder>/.n8n/xiaohongshu-dm/state.sqlite */
	path?: string;
}

/** redis://[user:pass@]host:port[/db] or rediss:// (TLS) in `url`; the other fields override it. */
export interface RedisStateStoreConfig extends RedisClientConfig {
	backend: 'redis';
	keyPrefix?: string;
}

export type StateStoreConfig = EmbeddedStateStoreConfig | RedisStateStoreConfig;

const redisStores = new Map<string, RedisStateStore>();

export function openStateStore(config: StateStoreConfig): StateStore {
	if (config.backend === 'embedded') return EmbeddedStateStore.open(config.path);
	if (config.backend !== 'redis') {
		throw new Error(`Unknown state store backend "${(config as { backend: unknown }).backend}"`);
	}
	const cacheKey = redisCacheKey(config);
	const cached = redisStores.get(cacheKey);
	if (cached && !cached.isClosed) return cached;
	const store = new RedisStateStore(config);
	redisStores.set(cacheKey, store);
	return store;
}

/** Closes every store opened in this process; for tests and shutdown. */
export async function closeAllStateStores(): Promise<void> {
	const stores = [...redisStores.values()];
	redisStores.clear();
	await Promise.all([...stores.map((store) => store.close()), closeAllEmbeddedStateStores()]);
}

/** Normalised, so that a URL and the same server given as fields share one connection. */
function redisCacheKey(config: RedisStateStoreConfig): string {
	const o = resolveRedisOptions(config);
	const keyPrefix = config.keyPrefix ?? DEFAULT_KEY_PREFIX;
	return JSON.stringify([
		o.mode,
		o.mode === 'standalone' ? [o.host, o.port] : o.nodes,
		o.sentinelName ?? '',
		o.username ?? '',
		o.password ?? '',
		o.db,
		o.tls,
		o.maxRetriesPerRequest,
		keyPrefix,
	]);
}
