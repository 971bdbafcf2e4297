import {
	encodeCommand,
	RedisReplyError,
	RespParser,
	RespProtocolError,
	type RespValue,
} from '../../nodes/shared/state/respProtocol';
import { resp } from './fakeRedisServer';

/** Feeds `bytes` to a fresh parser in the given chunk sizes (cycled) and collects the replies. */
function parseInChunks(bytes: Buffer, sizes: number[]): RespValue[] {
	const parser = new RespParser();
	const replies: RespValue[] = [];
	let offset = 0;
	for (let i = 0; offset < bytes.length; i++) {
		const size = sizes[i % sizes.length];
		replies.push(...parser.push(bytes.subarray(offset, offset + size)));
		offset += size;
	}
	expect(parser.hasPartialReply).toBe(false);
	return replies;
}

const composite = Buffer.from(
	resp.simple('OK') +
		resp.integer(-42) +
		resp.bulk('héllo 你好 👋') +
		resp.bulk(null) +
		resp.bulk('') +
		resp.bulk('line\r\nbreak') +
		resp.array([
			resp.integer(1),
			resp.array([resp.bulk('nested'), resp.bulk(null)]),
			resp.array([]),
		]) +
		resp.array(null) +
		resp.error('WRONGTYPE Operation against a key holding the wrong kind of value'),
);

function expectCompositeReplies(replies: RespValue[]): void {
	expect(replies.slice(0, 8)).toEqual([
		'OK',
		-42,
		'héllo 你好 👋',
		null,
		'',
		'line\r\nbreak',
		[1, ['nested', null], []],
		null,
	]);
	const error = replies[8] as RedisReplyError;
	expect(error).toBeInstanceOf(RedisReplyError);
	expect(error.code).toBe('WRONGTYPE');
	expect(replies).toHaveLength(9);
}

describe('RespParser', () => {
	it('parses every reply type from one chunk', () => {
		expectCompositeReplies(parseInChunks(composite, [composite.length]));
	});

	it('gives the same replies when the bytes arrive one at a time', () => {
		// One-byte chunks also split the multi-byte UTF-8 characters and every CRLF.
		expectCompositeReplies(parseInChunks(composite, [1]));
	});

	it('gives the same replies for every split point into two chunks', () => {
		for (let split = 1; split < composite.length; split++) {
			expectCompositeReplies(parseInChunks(composite, [split, composite.length]));
		}
	});

	it('gives the same replies for irregular chunk sizes', () => {
		expectCompositeReplies(parseInChunks(composite, [3, 7, 1, 2, 13, 5]));
	});

	it('holds back an unfinished reply until its last byte', () => {
		const parser = new RespParser();
		expect(parser.push(Buffer.from('*2\r\n$3\r\nfoo\r\n$3\r\nba'))).toEqual([]);
		expect(parser.hasPartialReply).toBe(true);
		expect(parser.push(Buffer.from('r\r\n:7'))).toEqual([['foo', 'bar']]);
		expect(parser.push(Buffer.from('\r\n'))).toEqual([7]);
	});

	it('rejects bytes that are not RESP', () => {
		expect(() => new RespParser().push(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toThrow(
			RespProtocolError,
		);
		expect(() => new RespParser().push(Buffer.from('$abc\r\n'))).toThrow(RespProtocolError);
	});
});

describe('encodeCommand', () => {
	it('sends every argument as a bulk string, counting bytes rather than characters', () => {
		expect(encodeCommand(['SET', 'clé', 12]).toString()).toBe(
			'*3\r\n$3\r\nSET\r\n$4\r\nclé\r\n$2\r\n12\r\n',
		);
	});

	it('round-trips through the parser', () => {
		const args = ['EVAL', 'return 1', '0', '你好\r\n', ''];
		expect(new RespParser().push(encodeCommand(args))).toEqual([args]);
	});
});
