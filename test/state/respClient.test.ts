import { RedisReplyError } from '../../nodes/shared/state/respProtocol';
import { RespClient } from '../../nodes/shared/state/RespClient';
import { FakeRedisServer, resp, type FakeReply } from './fakeRedisServer';
import { concurrently, redisTestUrl } from './helpers';

/** Answers PING and ECHO like Redis; `extra` scripts anything else. */
function redisLike(
	extra: (command: string[]) => FakeReply = () => resp.error('ERR unknown command'),
) {
	return (command: string[]): FakeReply => {
		if (command[0] === 'PING') return resp.simple('PONG');
		if (command[0] === 'ECHO') return resp.bulk(command[1]);
		if (command[0] === 'AUTH' || command[0] === 'SELECT') return resp.simple('OK');
		return extra(command);
	};
}

describe('RespClient against a scripted server', () => {
	const servers: FakeRedisServer[] = [];
	const clients: RespClient[] = [];

	async function setUp(answer: (command: string[]) => FakeReply, options = {}, config = {}) {
		const server = await FakeRedisServer.start(answer, options);
		const client = new RespClient({ url: server.url, ...config });
		servers.push(server);
		clients.push(client);
		return { server, client };
	}

	afterEach(async () => {
		await Promise.all(clients.splice(0).map((c) => c.close()));
		await Promise.all(servers.splice(0).map((s) => s.stop()));
	});

	it('matches pipelined replies to their commands when replies arrive in 3-byte chunks', async () => {
		const { server, client } = await setUp(redisLike(), { chunkSize: 3 });
		const replies = await concurrently(100, (i) => client.command('ECHO', `reply-${i}-é`));
		expect(replies).toEqual(Array.from({ length: 100 }, (_, i) => `reply-${i}-é`));
		expect(server.connections).toBe(1);
	});

	it('passes nested arrays, nulls and integers through', async () => {
		const { client } = await setUp(
			redisLike(() =>
				resp.array([
					resp.integer(1),
					resp.array([resp.bulk('a'), resp.bulk(null)]),
					resp.array(null),
				]),
			),
			{ chunkSize: 1 },
		);
		expect(await client.command('NESTED')).toEqual([1, ['a', null], null]);
	});

	it('rejects only the command that got an error reply and keeps the connection', async () => {
		const { server, client } = await setUp(
			redisLike((c) => (c[0] === 'FAIL' ? resp.error('ERR boom') : undefined)),
		);
		const [before, failed, after] = await Promise.allSettled([
			client.command('PING'),
			client.command('FAIL'),
			client.command('PING'),
		]);
		expect(before).toEqual({ status: 'fulfilled', value: 'PONG' });
		expect(failed.status === 'rejected' && failed.reason).toBeInstanceOf(RedisReplyError);
		expect(failed.status === 'rejected' && (failed.reason as RedisReplyError).message).toBe(
			'ERR boom',
		);
		expect(after).toEqual({ status: 'fulfilled', value: 'PONG' });
		expect(server.connections).toBe(1);
	});

	it('rejects the commands in flight when the server drops the connection, then reconnects', async () => {
		const { server, client } = await setUp(
			redisLike((c) => (c[0] === 'DROP' ? 'close' : undefined)),
		);
		expect(await client.command('PING')).toBe('PONG');
		const results = await Promise.allSettled([client.command('DROP'), client.command('PING')]);
		for (const result of results) {
			expect(result.status).toBe('rejected');
			expect(result.status === 'rejected' && result.reason.message).toMatch(
				/Redis connection to 127\.0\.0\.1:\d+ lost .*may or may not have been applied/,
			);
		}
		expect(await client.command('PING')).toBe('PONG');
		expect(server.connections).toBe(2);
		expect(client.connectionsOpened).toBe(2);
	});

	it('authenticates and selects the database from the URL on every new connection', async () => {
		const server = await FakeRedisServer.start(
			redisLike((c) => (c[0] === 'DROP' ? 'close' : undefined)),
		);
		servers.push(server);
		const client = new RespClient(`redis://agent%40cs:p%3Ass@127.0.0.1:${server.port}/3`);
		clients.push(client);
		await client.command('PING');
		await client.command('DROP').catch(() => undefined);
		await client.command('PING');
		expect(server.received).toEqual([
			['AUTH', 'agent@cs', 'p:ss'],
			['SELECT', '3'],
			['PING'],
			['DROP'],
			['AUTH', 'agent@cs', 'p:ss'],
			['SELECT', '3'],
			['PING'],
		]);
	});

	it('sends AUTH with the password alone when there is no username', async () => {
		const { server, client } = await setUp(redisLike(), {}, { password: 'secret' });
		await client.command('PING');
		expect(server.received[0]).toEqual(['AUTH', 'secret']);
	});

	it('reports a refused AUTH as a connection failure', async () => {
		const { client } = await setUp(
			(c) =>
				c[0] === 'AUTH'
					? resp.error('WRONGPASS invalid username-password pair')
					: resp.simple('PONG'),
			{},
			{ password: 'wrong' },
		);
		await expect(client.command('PING')).rejects.toThrow(
			/Could not connect to Redis at .*WRONGPASS/,
		);
	});

	it('gives up connecting after connectTimeoutMs when the handshake gets no answer', async () => {
		const { client } = await setUp(() => undefined, {}, { password: 'x', connectTimeoutMs: 150 });
		await expect(client.command('PING')).rejects.toThrow(
			/Could not connect to Redis .*no connection within 150 ms/,
		);
	});

	it('reports a refused TCP connection', async () => {
		const { server, client } = await setUp(redisLike());
		await server.stop();
		await expect(client.command('PING')).rejects.toThrow(
			/Could not connect to Redis at 127\.0\.0\.1/,
		);
	});

	it('times a silent command out, and the next command uses a fresh connection', async () => {
		const { server, client } = await setUp(
			redisLike(() => undefined),
			{},
			{ commandTimeoutMs: 150 },
		);
		await expect(client.command('HANG')).rejects.toThrow(/HANG got no reply .* within 150 ms/);
		expect(await client.command('PING')).toBe('PONG');
		expect(server.connections).toBe(2);
	});

	it('lets the commands in flight finish on close, and refuses commands afterwards', async () => {
		const { client } = await setUp(redisLike(), { chunkSize: 2 });
		const pending = client.command('ECHO', 'last words');
		await client.close();
		expect(await pending).toBe('last words');
		await expect(client.command('PING')).rejects.toThrow(/closed/);
	});
});

describe('RespClient against Redis', () => {
	let client: RespClient;

	beforeAll(() => {
		client = new RespClient(redisTestUrl());
	});

	afterAll(async () => {
		await client.close();
	});

	it('keeps 1000 pipelined commands in order', async () => {
		const replies = await concurrently(1000, (i) => client.command('ECHO', String(i)));
		expect(replies).toEqual(Array.from({ length: 1000 }, (_, i) => String(i)));
		expect(client.connectionsOpened).toBe(1);
	});

	it('turns error replies into RedisReplyError and carries on', async () => {
		await expect(client.command('NO-SUCH-COMMAND')).rejects.toBeInstanceOf(RedisReplyError);
		await expect(client.command('INCR')).rejects.toThrow(/wrong number of arguments/);
		expect(await client.command('PING')).toBe('PONG');
	});

	it('selects the database given in the URL', async () => {
		const key = `xhs-test:resp-select:${process.pid}`;
		const db5 = new RespClient(`${redisTestUrl()}/5`);
		await db5.command('SET', key, 'in db 5');
		expect(await db5.command('GET', key)).toBe('in db 5');
		expect(await client.command('GET', key)).toBeNull();
		await db5.command('DEL', key);
		await db5.close();
	});

	it('reconnects after the server closed the connection', async () => {
		const victim = new RespClient(redisTestUrl());
		const id = await victim.command('CLIENT', 'ID');
		const killer = new RespClient(redisTestUrl());
		// By id: other test files share this Redis and must keep their connections.
		expect(await killer.command('CLIENT', 'KILL', 'ID', id as number)).toBe(1);
		await killer.close();
		// A command racing with the close notice may still be lost; the one after must not be.
		await victim.command('PING').catch(() => undefined);
		expect(await victim.command('PING')).toBe('PONG');
		expect(victim.connectionsOpened).toBe(2);
		await victim.close();
	});
});
