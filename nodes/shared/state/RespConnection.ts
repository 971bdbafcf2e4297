/**
 * One socket to Redis, pipelined: commands are written as soon as they are issued and Redis
 * answers them strictly in order, so the n-th reply belongs to the n-th command in flight.
 *
 * Once anything goes wrong (socket error, close, a command timing out, bytes that are not
 * RESP) the connection is finished for good: the order of the remaining replies can no longer
 * be trusted. Every command still in flight is rejected and RespClient opens a new connection
 * for the next one.
 */
import type { Socket } from 'node:net';

import {
	encodeCommand,
	RedisReplyError,
	RespParser,
	type RespArg,
	type RespValue,
} from './respProtocol';

interface InFlightCommand {
	name: string;
	resolve: (value: RespValue) => void;
	reject: (error: Error) => void;
	timer?: NodeJS.Timeout;
}

export class RespConnection {
	private readonly parser = new RespParser();
	private readonly inFlight: InFlightCommand[] = [];
	private failure?: Error;
	private ending = false;
	private readonly finished: Promise<void>;
	private markFinished!: () => void;

	/** @param label host:port, for error messages */
	constructor(
		private readonly socket: Socket,
		private readonly label: string,
	) {
		this.finished = new Promise((resolve) => (this.markFinished = resolve));
		socket.setNoDelay(true);
		socket.setKeepAlive(true, 30_000);
		socket.on('data', (chunk: Buffer) => this.onData(chunk));
		socket.on('error', (error) => this.finish(error));
		socket.on('close', () => this.finish(new Error('the server closed the connection')));
	}

	get isOpen(): boolean {
		return this.failure === undefined && !this.ending;
	}

	get inFlightCount(): number {
		return this.inFlight.length;
	}

	send(args: readonly RespArg[], timeoutMs: number): Promise<RespValue> {
		if (!this.isOpen) {
			return Promise.reject(
				this.failure ?? new Error(`Redis connection to ${this.label} is closing`),
			);
		}
		return new Promise((resolve, reject) => {
			const command: InFlightCommand = { name: String(args[0]).toUpperCase(), resolve, reject };
			if (timeoutMs > 0) {
				command.timer = setTimeout(() => this.onTimeout(command, timeoutMs), timeoutMs);
			}
			this.inFlight.push(command);
			this.socket.write(encodeCommand(args));
		});
	}

	/** Lets the commands in flight get their replies, then closes the socket. */
	end(): Promise<void> {
		this.ending = true;
		if (this.inFlight.length === 0) this.socket.destroy();
		return this.finished;
	}

	/** Closes at once; commands in flight are rejected with `reason`. */
	destroy(reason: Error): void {
		this.finish(reason);
	}

	private onData(chunk: Buffer): void {
		let replies: RespValue[];
		try {
			replies = this.parser.push(chunk);
		} catch (error) {
			this.finish(error as Error);
			return;
		}
		for (const reply of replies) {
			const command = this.inFlight.shift();
			if (!command) {
				this.finish(new Error('Redis sent a reply nobody asked for'));
				return;
			}
			clearTimeout(command.timer);
			if (reply instanceof RedisReplyError) command.reject(reply);
			else command.resolve(reply);
		}
		if (this.ending && this.inFlight.length === 0) this.socket.destroy();
	}

	private onTimeout(command: InFlightCommand, timeoutMs: number): void {
		const index = this.inFlight.indexOf(command);
		if (index < 0) return;
		this.inFlight.splice(index, 1);
		command.reject(
			new Error(
				`Redis command ${command.name} got no reply from ${this.label} within ${timeoutMs} ms; ` +
					'it may or may not have been applied',
			),
		);
		// Its reply may still come and would then be taken for the next command's: start afresh.
		this.finish(new Error(`command ${command.name} timed out`));
	}

	private finish(reason: Error): void {
		if (this.failure) return;
		const inFlightCount = this.inFlight.length;
		this.failure = new Error(
			`Redis connection to ${this.label} lost (${reason.message})` +
				(inFlightCount > 0
					? `; ${inFlightCount} command(s) in flight may or may not have been applied`
					: ''),
		);
		this.socket.destroy();
		for (const command of this.inFlight.splice(0)) {
			clearTimeout(command.timer);
			command.reject(this.failure);
		}
		this.markFinished();
	}
}
