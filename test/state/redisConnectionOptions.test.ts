import {
	parseRedisUrl,
	redactPassword,
	resolveRedisOptions,
} from '../../nodes/shared/state/redisConnectionOptions';

describe('Redis connection options', () => {
	it('reads host, port, credentials and database from a URL', () => {
		expect(parseRedisUrl('redis://cs%2Fbot:p%40ss@redis.internal:6380/4')).toEqual({
			host: 'redis.internal',
			port: 6380,
			username: 'cs/bot',
			password: 'p@ss',
			db: 4,
			tls: false,
		});
	});

	it('turns on TLS for rediss:// and accepts IPv6 hosts', () => {
		expect(parseRedisUrl('rediss://[::1]:6379')).toMatchObject({
			host: '::1',
			port: 6379,
			tls: true,
		});
	});

	it('fills in defaults and lets explicit fields win over the URL', () => {
		expect(resolveRedisOptions({})).toMatchObject({
			host: '127.0.0.1',
			port: 6379,
			db: 0,
			tls: false,
		});
		expect(
			resolveRedisOptions({ url: 'redis://a:1/2', host: 'b', db: 3, password: 'pw' }),
		).toMatchObject({
			host: 'b',
			port: 1,
			db: 3,
			password: 'pw',
		});
		expect(resolveRedisOptions({ host: 'h', tls: true }).tls).toEqual({});
	});

	it('rejects what is not a Redis URL without echoing the password', () => {
		expect(() => parseRedisUrl('http://x:6379')).toThrow(/Unsupported Redis URL scheme "http:"/);
		expect(() => parseRedisUrl('redis://x:1/abc')).toThrow(/Invalid Redis database "abc"/);
		expect(() => parseRedisUrl('not a url :secret@')).toThrow(/Invalid Redis URL/);
		expect(redactPassword('redis://user:secret@host:1')).toBe('redis://user:***@host:1');
	});
});
