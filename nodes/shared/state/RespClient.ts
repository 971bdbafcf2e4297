/**
 * A small Redis client over node:net / node:tls. Written here because n8n community packages
 * may not have runtime dependencies; the state store needs only commands and replies.
 *
 * It connects lazily, authenticates and selects the database on each new connection, and
 * reconnects on the next command after a connection was lost. Commands are never retried on
 * their own: a lost command may or may not have been applied, only the caller can tell
 * whether repeating it is safe.
 */
import { once } from 'node:events';
import * as net from 'node:net';
import * as tls from 'node:tls';

import {
	resolveRedisOptions,
	type RedisClientConfig,
	type RedisConnectionOptions,
} from './redisConnectionOptions';
import { RespConnection } from './RespConnection';
import type { RespArg, RespValue } from './respProtocol';

export class RespClient {
	readonly options: RedisConnectionOptions;
	private connection?: RespConnection;
	private connecting?: Promise<RespConnection>;
	private closed = false;
	private connectionCount = 0;
	/** Commands issued and not yet answered, which close() waits for. */
	private readonly unanswered = new Set<Promise<RespValue>>();

	constructor(config: RedisClientConfig | string = {}) {
		this.options = resolveRedisOptions(config);
	}

	get isClosed(): boolean {
		return this.closed;
	}

	/** How many connections were opened so far (1 unless connections were lost). */
	get connectionsOpened(): number {
		return this.connectionCount;
	}

	/** Sends one command; resolves with its reply, rejects with RedisReplyError on "-ERR". */
	command(...args: RespArg[]): Promise<RespValue> {
		if (this.closed) return Promise.reject(new Error('This Redis client is closed'));
		const reply = this.openConnection().then((connection) =>
			connection.send(args, this.options.commandTimeoutMs),
		);
		this.unanswered.add(reply);
		const forget = () => this.unanswered.delete(reply);
		reply.then(forget, forget);
		return reply;
	}

	/** Lets every command issued so far get its answer, then closes. Later commands are refused. */
	async close(): Promise<void> {
		this.closed = true;
		await Promise.allSettled([...this.unanswered]);
		await this.connection?.end();
		this.connection = undefined;
	}

	private async openConnection(): Promise<RespConnection> {
		if (this.connection?.isOpen) return this.connection;
		// Commands issued while connecting share one attempt instead of opening one socket each.
		this.connecting ??= this.connect()
			.catch((error: Error) =>
				Promise.reject(new Error(`Could not connect to Redis at ${this.label}: ${error.message}`)),
			)
			.finally(() => {
				this.connecting = undefined;
			});
		return this.connecting;
	}

	private get label(): string {
		return `${this.options.host}:${this.options.port}`;
	}

	private async connect(): Promise<RespConnection> {
		const { host, port, connectTimeoutMs } = this.options;
		const socket = this.options.tls
			? tls.connect({
					servername: net.isIP(host) ? undefined : host,
					...this.options.tls,
					host,
					port,
				})
			: net.connect({ host, port });
		const timer = setTimeout(
			() => socket.destroy(new Error(`no connection within ${connectTimeoutMs} ms`)),
			connectTimeoutMs,
		);
		let connected = false;
		try {
			await once(socket, this.options.tls ? 'secureConnect' : 'connect');
			const connection = new RespConnection(socket, this.label);
			await this.handshake(connection);
			this.connection = connection;
			this.connectionCount++;
			connected = true;
			return connection;
		} finally {
			clearTimeout(timer);
			if (!connected) socket.destroy();
		}
	}

	private async handshake(connection: RespConnection): Promise<void> {
		const { username, password, db, connectTimeoutMs } = this.options;
		if (password !== undefined) {
			await connection.send(
				username ? ['AUTH', username, password] : ['AUTH', password],
				connectTimeoutMs,
			);
		}
		if (db !== 0) await connection.send(['SELECT', db], connectTimeoutMs);
	}
}
