/**
 * RESP2, the wire format of Redis: encoding commands, and an incremental parser for replies
 * that arrive in arbitrary TCP chunks. https://redis.io/docs/latest/develop/reference/protocol-spec/
 */

export type RespArg = string | number | Buffer;

/** A decoded reply. Bulk strings are decoded as UTF-8 (the state store stores text only). */
export type RespValue = string | number | null | RedisReplyError | RespValue[];

/** An error reply ("-ERR ..."): the command reached Redis and Redis refused it. */
export class RedisReplyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RedisReplyError';
	}

	/** The first word of the reply, e.g. "NOSCRIPT", "WRONGTYPE", "ERR". */
	get code(): string {
		return this.message.split(' ', 1)[0];
	}
}

/** The byte stream is not valid RESP; the connection cannot be trusted any more. */
export class RespProtocolError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RespProtocolError';
	}
}

const CRLF = '\r\n';

/** A command is always sent as an array of bulk strings, whatever the argument types. */
export function encodeCommand(args: readonly RespArg[]): Buffer {
	const parts: Buffer[] = [Buffer.from(`*${args.length}${CRLF}`)];
	for (const arg of args) {
		const bytes = Buffer.isBuffer(arg) ? arg : Buffer.from(String(arg), 'utf8');
		parts.push(Buffer.from(`$${bytes.length}${CRLF}`), bytes, Buffer.from(CRLF));
	}
	return Buffer.concat(parts);
}

interface Parsed {
	value: RespValue;
	/** Offset just after the parsed value. */
	end: number;
}

/**
 * Collects bytes and hands out complete replies. An incomplete reply is simply parsed again
 * from its start when more bytes arrive: replies of the state store are small, so this is
 * cheaper to get right than a resumable state machine.
 */
export class RespParser {
	private pending: Buffer = Buffer.alloc(0);

	/** Adds bytes read from the socket; returns every reply they complete, in order. */
	push(chunk: Buffer): RespValue[] {
		this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
		const replies: RespValue[] = [];
		let offset = 0;
		for (;;) {
			const parsed = parseValue(this.pending, offset);
			if (!parsed) break;
			replies.push(parsed.value);
			offset = parsed.end;
		}
		this.pending = this.pending.subarray(offset);
		return replies;
	}

	/** True when bytes of an unfinished reply are waiting for more. */
	get hasPartialReply(): boolean {
		return this.pending.length > 0;
	}
}

/** Parses one value starting at `offset`; undefined when the buffer ends before it does. */
function parseValue(buffer: Buffer, offset: number): Parsed | undefined {
	const lineEnd = buffer.indexOf(CRLF, offset);
	if (lineEnd < 0) return undefined;
	const type = String.fromCharCode(buffer[offset]);
	const line = buffer.toString('utf8', offset + 1, lineEnd);
	const afterLine = lineEnd + CRLF.length;
	switch (type) {
		case '+':
			return { value: line, end: afterLine };
		case '-':
			return { value: new RedisReplyError(line), end: afterLine };
		case ':':
			return { value: parseLength(line, type), end: afterLine };
		case '$':
			return parseBulkString(buffer, afterLine, parseLength(line, type));
		case '*':
			return parseArray(buffer, afterLine, parseLength(line, type));
		default:
			throw new RespProtocolError(
				`Unexpected reply type byte 0x${buffer[offset].toString(16)} from Redis`,
			);
	}
}

function parseLength(line: string, type: string): number {
	const value = Number(line);
	if (line === '' || !Number.isInteger(value)) {
		throw new RespProtocolError(`Malformed "${type}" header from Redis: "${line}"`);
	}
	return value;
}

function parseBulkString(buffer: Buffer, start: number, length: number): Parsed | undefined {
	if (length < 0) return { value: null, end: start };
	const end = start + length;
	if (buffer.length < end + CRLF.length) return undefined;
	// Decoded only once complete: a multi-byte UTF-8 character may straddle two TCP chunks.
	return { value: buffer.toString('utf8', start, end), end: end + CRLF.length };
}

function parseArray(buffer: Buffer, start: number, count: number): Parsed | undefined {
	if (count < 0) return { value: null, end: start };
	const items: RespValue[] = [];
	let offset = start;
	for (let i = 0; i < count; i++) {
		const item = parseValue(buffer, offset);
		if (!item) return undefined;
		items.push(item.value);
		offset = item.end;
	}
	return { value: items, end: offset };
}
