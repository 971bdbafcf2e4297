/** What is specific to the Redis backend; shared behaviour is in conformance.test.ts. */
import { RedisStateStore } from '../../nodes/shared/state/RedisStateStore';
import { RedisClient } from '../../nodes/shared/state/RedisClient';
import { redisTestUrl, uniquePrefix } from './helpers';

describe('RedisStateStore', () => {
	const prefix = uniquePrefix('redis-store');
	let store: RedisStateStore;
	let inspector: RedisClient;

	beforeAll(() => {
		store = new RedisStateStore({ url: redisTestUrl(), keyPrefix: prefix });
		inspector = new RedisClient(redisTestUrl());
	});

	afterAll(async () => {
		await store.close();
		await inspector.close();
	});

	it('keeps entries as hashes with the TTL on the key, under the prefix', async () => {
		await store.set('dedup:1', 'seen', 60_000);
		expect(await inspector.command('HGETALL', `${prefix}kv:dedup:1`)).toEqual([
			'version',
			'1',
			'value',
			'seen',
		]);
		const pttl = (await inspector.command('PTTL', `${prefix}kv:dedup:1`)) as number;
		expect(pttl).toBeGreaterThan(50_000);
	});

	it('keeps events in a Redis stream whose id carries the time', async () => {
		const event = await store.append('metrics', '{"n":1}');
		const raw = (await inspector.command('XRANGE', `${prefix}stream:metrics`, '-', '+')) as [
			string,
			string[],
		][];
		expect(raw).toHaveLength(1);
		expect(raw[0][1]).toEqual(['v', '{"n":1}']);
		expect(Number(raw[0][0].split('-')[0])).toBe(event.at);
	});

	it('still works after the server forgot its scripts (restart, failover, SCRIPT FLUSH)', async () => {
		await store.set('k', 'before');
		// SCRIPT FLUSH is server-wide, but every store falls back to EVAL, so other test files
		// running against this Redis are not disturbed.
		await inspector.command('SCRIPT', 'FLUSH');
		await store.set('k', 'after');
		expect(await store.get('k')).toEqual({ value: 'after', version: 2 });
		expect(await store.claim('c', 'x')).toBe(true);
		expect(await store.increment('n', 2, { max: 5 })).toEqual({ applied: true, value: 2 });
		expect(await store.commit([{ key: 'k', expectVersion: 2, value: 'committed' }])).toBe(true);
	});

	it('leaves keys of other prefixes alone', async () => {
		const neighbour = new RedisStateStore({
			url: redisTestUrl(),
			keyPrefix: uniquePrefix('neighbour'),
		});
		await store.set('shared-name', 'mine');
		expect(await neighbour.get('shared-name')).toBeUndefined();
		expect(await neighbour.claim('shared-name', 'theirs')).toBe(true);
		expect((await store.get('shared-name'))?.value).toBe('mine');
		await neighbour.close();
	});

	it('turns error replies into RedisReplyError with their code, whatever the bundle calls its classes', async () => {
		await expect(inspector.command('NOSUCHCOMMAND')).rejects.toMatchObject({
			name: 'RedisReplyError',
			code: 'ERR',
		});
		const nowhere = new RedisClient({
			host: '127.0.0.1',
			port: 1,
			maxRetriesPerRequest: 0,
			commandTimeoutMs: 200,
		});
		const refused = await nowhere.command('PING').catch((error: Error) => error);
		expect(refused).toBeInstanceOf(Error);
		expect((refused as Error).name).not.toBe('RedisReplyError');
		await nowhere.close();
	});

	it('keeps fractional counters exact', async () => {
		await store.increment('f', 0.1);
		expect(await store.increment('f', 0.2)).toEqual({ applied: true, value: 0.1 + 0.2 });
	});
});
