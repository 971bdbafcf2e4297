/**
 * Where and how to reach Redis: a URL (`redis://[user:pass@]host:port[/db]`, `rediss://` for
 * TLS), explicit fields, or both (explicit fields win over the URL).
 */
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';

export interface RedisClientConfig {
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
	/** Per command; on expiry the connection is dropped (see RespConnection). Default 10000. */
	commandTimeoutMs?: number;
}

export interface RedisConnectionOptions {
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
	return {
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

/** For error messages and logs: never print a password that was part of a URL. */
export function redactPassword(url: string): string {
	return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
