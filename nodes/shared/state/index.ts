export type {
	BoundedIncrementOptions,
	CommitWrite,
	IncrementResult,
	StateStore,
	StoredEntry,
	StreamEvent,
	StreamReadOptions,
} from './StateStore';
export { EmbeddedStateStore, closeAllEmbeddedStateStores } from './EmbeddedStateStore';
export { defaultStatePath } from './defaultStatePath';
export { MemoryStateStore, type MemoryStateStoreOptions } from './MemoryStateStore';
export {
	RedisStateStore,
	DEFAULT_KEY_PREFIX,
	type RedisStateStoreOptions,
} from './RedisStateStore';
export { RedisClient, RedisReplyError, type RedisArg, type RedisReply } from './RedisClient';
export {
	parseRedisNodes,
	parseRedisUrl,
	type RedisClientConfig,
	type RedisNode,
} from './redisConnectionOptions';
export {
	updateMany,
	UpdateConflictError,
	type NewValue,
	type Snapshot,
	type Updater,
	type UpdateManyOptions,
	type UpdateManyResult,
} from './updateMany';
export {
	openStateStore,
	closeAllStateStores,
	type StateStoreConfig,
	type EmbeddedStateStoreConfig,
	type RedisStateStoreConfig,
} from './openStateStore';
