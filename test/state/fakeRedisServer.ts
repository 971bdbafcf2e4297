/**
 * A scripted stand-in for Redis, to provoke what a real server rarely does on demand: replies
 * cut into tiny TCP chunks, dropped connections, silence.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';

import { RespParser, type RespValue } from '../../nodes/shared/state/respProtocol';

/** The raw RESP bytes to answer with, 'close' to drop the connection, or undefined for silence. */
export type FakeReply = string | 'close' | undefined;

export interface FakeRedisOptions {
	/** Writes every reply in chunks of this many bytes, each in its own write. */
	chunkSize?: number;
	/** Serves TLS (rediss://) with this key and certificate. */
	tls?: { key: string; cert: string };
}

export class FakeRedisServer {
	readonly received: string[][] = [];
	connections = 0;
	private readonly sockets = new Set<net.Socket>();

	private constructor(
		private readonly server: net.Server,
		private readonly answer: (command: string[]) => FakeReply,
		private readonly options: FakeRedisOptions,
	) {
		server.on(options.tls ? 'secureConnection' : 'connection', (socket: net.Socket) =>
			this.serve(socket),
		);
	}

	static async start(answer: (command: string[]) => FakeReply, options: FakeRedisOptions = {}) {
		const server = options.tls ? tls.createServer(options.tls) : net.createServer();
		const fake = new FakeRedisServer(server, answer, options);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return fake;
	}

	get port(): number {
		return (this.server.address() as net.AddressInfo).port;
	}

	get url(): string {
		return `${this.options.tls ? 'rediss' : 'redis'}://127.0.0.1:${this.port}`;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private serve(socket: net.Socket): void {
		this.connections++;
		this.sockets.add(socket);
		socket.on('close', () => this.sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		const parser = new RespParser();
		// Replies go out one after the other even when written in chunks over several turns.
		let writing = Promise.resolve();
		socket.on('data', (chunk: Buffer) => {
			for (const command of parser.push(chunk) as RespValue[][]) {
				const args = command.map(String);
				this.received.push(args);
				const reply = this.answer(args);
				if (reply === undefined) continue;
				writing = writing.then(async () => {
					if (reply === 'close') socket.destroy();
					else await this.write(socket, Buffer.from(reply));
				});
			}
		});
	}

	private async write(socket: net.Socket, bytes: Buffer): Promise<void> {
		if (socket.destroyed) return;
		const size = this.options.chunkSize ?? bytes.length;
		for (let offset = 0; offset < bytes.length; offset += size) {
			socket.write(bytes.subarray(offset, offset + size));
			// Separate event-loop turns, so the chunks tend to arrive as separate TCP reads.
			if (size < bytes.length) await new Promise((resolve) => setImmediate(resolve));
		}
	}
}

/** RESP encodings for scripted replies. */
export const resp = {
	simple: (text: string) => `+${text}\r\n`,
	error: (text: string) => `-${text}\r\n`,
	integer: (n: number) => `:${n}\r\n`,
	bulk: (text: string | null) =>
		text === null ? '$-1\r\n' : `$${Buffer.byteLength(text)}\r\n${text}\r\n`,
	array: (items: string[] | null) =>
		items === null ? '*-1\r\n' : `*${items.length}\r\n${items.join('')}`,
};
