/**
 * Where and how to reach Redis: a URL (`redis://[user:pass@]host:port[/db]`, `rediss://` for
 * TLS), explicit fields, or both (explicit fields win over the URL); for Sentinel and Cluster,
 * the list of servers to ask first.
 */
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';

/** A server to ask first: a Sentinel, or any node of a Cluster. */
export interface RedisNode {
	host: string;
	port: number;
}

export interface RedisClientConfig {
	/** standalone (default): one server. sentinel: the primary Sentinel names. cluster: Redis Cluster. */
	mode?: 'standalone' | 'sentinel' | 'cluster';
	/** Sentinel mode: the Sentinels. Cluster mode: some of the Cluster's nodes. */
	nodes?: RedisNode[];
	/** Sentinel mode: the name the Sentinels monitor the primary under. */
	sentinelName?: string;
	/** Sentinel mode: the Sentinels' own password, when they have one. */
	sentinelPassword?: string;
	url?: string;
	host?: string;
	port?: number;
	username?: string;
	password?: string;
	db?: number;
	/** True for TLS with Node's defaults, or TLS options (ca, rejectUnauthorized, ...). */
	tls?: boolean | TlsConnectionOptions;
	/** Covers TCP/TLS connect plus AUTH and SELECT. Default 5000. */
	connectTimeoutMs?: number;
	/** Per command. Default 10000. */
	commandTimeoutMs?: number;
	/**
	 * How many reconnection attempts a waiting command sits through before it fails (during a
	 * failover commands wait for the new primary). Default 20, about 15 s.
	 */
	maxRetriesPerRequest?: number;
}

export interface RedisConnectionOptions {
	mode: 'standalone' | 'sentinel' | 'cluster';
	nodes: RedisNode[];
	sentinelName?: string;
	sentinelPassword?: string;
	maxRetriesPerRequest: number;
	host: string;
	port: number;
	username?: string;
	password?: string;
	db: number;
	tls: false | TlsConnectionOptions;
	connectTimeoutMs: number;
	commandTimeoutMs: number;
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function parseRedisUrl(url: string): RedisClientConfig {
	if (!URL.canParse(url)) {
		throw new Error(
			`Invalid Redis URL "${redactPassword(url)}": expected redis://[user:pass@]host:port[/db]`,
		);
	}
	const parsed = new URL(url);
	if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
		throw new Error(
			`Unsupported Redis URL scheme "${parsed.protocol}": use redis:// or rediss:// (TLS)`,
		);
	}
	const config: RedisClientConfig = {
		// IPv6 literals come back bracketed ("[::1]"), which net.connect does not accept.
		host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') || undefined,
		port: parsed.port ? Number(parsed.port) : undefined,
		username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
		password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
		tls: parsed.protocol === 'rediss:',
	};
	const dbPath = parsed.pathname.replace(/^\//, '');
	if (dbPath !== '') {
		const db = Number(dbPath);
		if (!Number.isInteger(db) || db < 0)
			throw new Error(`Invalid Redis database "${dbPath}" in URL`);
		config.db = db;
	}
	return config;
}

export function resolveRedisOptions(
	config: RedisClientConfig | string = {},
): RedisConnectionOptions {
	const explicit = typeof config === 'string' ? { url: config } : config;
	const fromUrl = parseRedisUrl(explicit.url ?? DEFAULT_REDIS_URL);
	const pick = <K extends keyof RedisClientConfig>(key: K) => explicit[key] ?? fromUrl[key];
	const tls = pick('tls');
	const mode = explicit.mode ?? 'standalone';
	const nodes = explicit.nodes ?? [];
	if (mode !== 'standalone' && nodes.length === 0)
		throw new Error(
			`Redis ${mode} mode needs at least one ${mode === 'sentinel' ? 'Sentinel' : 'Cluster node'} (host:port)`,
		);
	if (mode === 'sentinel' && !explicit.sentinelName)
		throw new Error('Redis Sentinel mode needs the name the Sentinels monitor the primary under');
	return {
		mode,
		nodes,
		sentinelName: explicit.sentinelName || undefined,
		sentinelPassword: explicit.sentinelPassword || undefined,
		maxRetriesPerRequest: explicit.maxRetriesPerRequest ?? 20,
		host: pick('host') ?? '127.0.0.1',
		port: pick('port') ?? 6379,
		username: pick('username') || undefined,
		password: pick('password') || undefined,
		db: pick('db') ?? 0,
		tls: tls === true ? {} : tls || false,
		connectTimeoutMs: explicit.connectTimeoutMs ?? 5000,
		commandTimeoutMs: explicit.commandTimeoutMs ?? 10000,
	};
}

/** "10.0.0.1:26379, sentinel-b:26379" → nodes; a missing port is `defaultPort`. */
export function parseRedisNodes(text: string, defaultPort: number): RedisNode[] {
	return text
		.split(/[\s,;]+/)
		.filter(Boolean)
		.map((entry) => {
			// host:port, or [ipv6]:port; the port may be left out.
			const m = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d+))?$/.exec(entry);
			const port = m?.[3] === undefined ? defaultPort : Number(m[3]);
			if (!m || !Number.isInteger(port) || port <= 0 || port > 65535)
				throw new Error(`"${entry}" is not a Redis server like 10.0.0.1:${defaultPort}`);
			return { host: m[1] ?? m[2], port };
		});
}

/** For error messages and logs: never print a password that was part of a URL. */
export function redactPassword(url: string): string {
	return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
