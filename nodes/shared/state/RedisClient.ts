/**
 * The state store's connection to Redis, through ioredis: one server, a Sentinel-watched
 * primary, or a Cluster, each with TLS options. What matters for the store's guarantees:
 *
 * - A command already sent when the connection drops is not sent again on its own
 *   (autoResendUnfulfilledCommands off): it may or may not have been applied, and only the
 *   caller can tell whether repeating it is safe (a claim repeated would look lost).
 * - A command the server refused with READONLY was not applied: the server it reached is a
 *   replica now (a failover). The client reconnects, asking the Sentinels for the primary
 *   again, and sends that command once more.
 * - Commands issued while reconnecting wait (up to maxRetriesPerRequest attempts), so a
 *   failover is a pause, not a burst of errors.
 */
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';

import type { Cluster, ClusterOptions, Redis, RedisOptions } from '../vendor/ioredis';
import {
	resolveRedisOptions,
	type RedisClientConfig,
	type RedisConnectionOptions,
} from './redisConnectionOptions';

export type RedisArg = string | number;
export type RedisReply = string | number | null | RedisReply[];

/** An error reply of the server ("NOSCRIPT …", "READONLY …"), with its code. */
export class RedisReplyError extends Error {
	readonly code: string;

	constructor(message: string) {
		super(message);
		this.name = 'RedisReplyError';
		this.code = message.split(' ')[0];
	}
}

const isReadOnly = (error: Error) => error.message.startsWith('READONLY');

/** Reconnection: quick at first, then once a second. */
const retryStrategy = (attempt: number) => Math.min(attempt * 100, 1000);

function serverOptions(
	o: RedisConnectionOptions,
	tls: TlsConnectionOptions | undefined,
): RedisOptions {
	return {
		username: o.username,
		password: o.password,
		tls,
		connectTimeout: o.connectTimeoutMs,
		commandTimeout: o.commandTimeoutMs,
		maxRetriesPerRequest: o.maxRetriesPerRequest,
		autoResendUnfulfilledCommands: false,
		reconnectOnError: (error) => (isReadOnly(error) ? 2 : false),
		retryStrategy,
	};
}

/**
 * ioredis is loaded on the first command, not with the package: most installations keep their
 * state in the embedded store and should not pay for parsing a Redis client when n8n starts.
 */
async function connect(o: RedisConnectionOptions): Promise<Redis | Cluster> {
	const { Cluster, Redis } = await import('../vendor/ioredis');
	const tls = o.tls === false ? undefined : o.tls;
	const common = serverOptions(o, tls);
	if (o.mode === 'cluster') {
		const options: ClusterOptions = {
			redisOptions: common,
			clusterRetryStrategy: retryStrategy,
			// Managed clusters behind TLS announce names their certificates are issued for.
			dnsLookup: (address, callback) => callback(null, address),
		};
		return new Cluster(o.nodes, options);
	}
	if (o.mode === 'sentinel') {
		return new Redis({
			...common,
			db: o.db,
			sentinels: o.nodes,
			name: o.sentinelName,
			sentinelPassword: o.sentinelPassword,
			enableTLSForSentinelMode: tls !== undefined,
			sentinelTLS: tls,
			sentinelRetryStrategy: retryStrategy,
			sentinelReconnectStrategy: retryStrategy,
			// Ask the Sentinels again when the primary moves, without waiting for an error.
			failoverDetector: true,
		});
	}
	return new Redis({ ...common, host: o.host, port: o.port, db: o.db });
}

export class RedisClient {
	readonly options: RedisConnectionOptions;
	private redis?: Promise<Redis | Cluster>;
	private closed = false;

	constructor(config: RedisClientConfig | string = {}) {
		this.options = resolveRedisOptions(config);
		if (this.options.mode === 'cluster' && this.options.db !== 0)
			throw new Error('Redis Cluster has database 0 only: set Database Number to 0');
	}

	private connection(): Promise<Redis | Cluster> {
		this.redis ??= connect(this.options).then((redis) => {
			// Connection trouble reaches callers as the failed command's error; without a
			// listener ioredis would print every reconnection attempt.
			redis.on('error', () => undefined);
			return redis;
		});
		return this.redis;
	}

	get isClosed(): boolean {
		return this.closed;
	}

	/** Sends one command; resolves with its reply, rejects with RedisReplyError on an error reply. */
	async command(name: string, ...args: RedisArg[]): Promise<RedisReply> {
		if (this.closed) throw new Error('This Redis client is closed');
		try {
			return (await (await this.connection()).call(name, ...args)) as RedisReply;
		} catch (error) {
			// An error reply starts with its code in capitals ("NOSCRIPT …", "READONLY …");
			// ioredis's own errors ("Connection is closed.", "connect ECONNREFUSED …") do not.
			const e = error as Error;
			throw /^[A-Z][A-Z_]+(?: |$)/.test(e.message) ? new RedisReplyError(e.message) : e;
		}
	}

	/** Lets every command issued so far get its answer, then closes. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		if (!this.redis) return;
		const redis = await this.redis;
		// QUIT lets the commands already sent get their answers; without a connection there is
		// nobody to say goodbye to, and QUIT would only wait in the offline queue.
		if (redis.status === 'ready') await redis.quit().catch(() => undefined);
		// Also ends the Sentinel subscriptions that watch for failovers, and any reconnection.
		redis.disconnect();
	}
}
