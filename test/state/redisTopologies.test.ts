/**
 * The Redis state store on the topologies teams run besides one server: a 3-master Cluster, a
 * Sentinel-watched primary with a replica, and TLS with a private CA and client certificates,
 * each started by this file from Debian's redis-server. The shared conformance suite runs on
 * the Cluster and on Sentinel; then a failover in the middle of a run of writes.
 */
import { RedisClient } from '../../nodes/shared/state/RedisClient';
import { RedisStateStore } from '../../nodes/shared/state/RedisStateStore';
import type { StateStore } from '../../nodes/shared/state/StateStore';
import { redisConfigFromCredential } from '../../nodes/shared/n8n/stateStoreParameter';
import { describeConformance } from './conformanceSuite';
import { concurrently, sleep, uniquePrefix } from './helpers';
import * as topologies from '../setup/redis-topologies';
import type { ClusterTopology, SentinelTopology, TlsTopology } from '../setup/redis-topologies';

jest.setTimeout(60_000);

describe('Redis Cluster (3 masters)', () => {
	let cluster: ClusterTopology;
	let store: StateStore;
	beforeAll(async () => {
		cluster = await topologies.startCluster();
		store = new RedisStateStore({
			mode: 'cluster',
			nodes: cluster.nodes,
			keyPrefix: uniquePrefix('cluster'),
		});
	});
	afterAll(async () => {
		await store?.close();
		cluster?.stop();
	});

	it('keeps every key of the store in one slot, so commits across keys stay atomic', async () => {
		const prefixed = new RedisStateStore({ mode: 'cluster', nodes: cluster.nodes });
		expect(prefixed.keyPrefix).toBe('{xhs:}');
		await prefixed.close();
		// Keys that would hash to three different masters without the tag.
		const keys = ['agent:小李', 'agent:老张', 'queue:complaint'];
		expect(await store.commit(keys.map((key) => ({ key, expectVersion: 0, value: 'v1' })))).toBe(
			true,
		);
		expect((await store.getMany(keys)).map((e) => e?.value)).toEqual(['v1', 'v1', 'v1']);
	});

	describeConformance(() => store);
});

describe('Redis Sentinel (primary, replica, Sentinel)', () => {
	let sentinel: SentinelTopology;
	let store: RedisStateStore;
	beforeAll(async () => {
		sentinel = await topologies.startSentinel();
		store = new RedisStateStore({
			mode: 'sentinel',
			nodes: sentinel.sentinels,
			sentinelName: sentinel.name,
			keyPrefix: uniquePrefix('sentinel'),
		});
	});
	afterAll(async () => {
		await store?.close();
		sentinel?.stop();
	});

	describeConformance(() => store);

	it('follows a failover in the middle of a run: every write lands once, none fails', async () => {
		const failures: string[] = [];
		let acknowledged = 0;
		const before = sentinel.primaryPort();
		let failoverAt: number | undefined;
		let movedAt: number | undefined;
		let next = 0;
		// Writers keep going until the Sentinel names the new primary and 200 more writes landed.
		const more = () => movedAt === undefined || next < movedAt + 200;
		await concurrently(4, async () => {
			while (more() && next < 20_000) {
				const i = next++;
				if (i === 100) {
					failoverAt = i;
					// Demote the primary: the Sentinel promotes the replica and turns the old
					// primary into its replica, while the other writers keep writing.
					expect(
						sentinel.cli(sentinel.ports.sentinel, 'SENTINEL', 'FAILOVER', sentinel.name),
					).toMatch(/OK/);
				}
				if (failoverAt !== undefined && movedAt === undefined && i % 20 === 0)
					if (sentinel.primaryPort() !== before) movedAt = i;
				try {
					// A claim repeated after it landed answers false: a write sent twice would show.
					if (await store.claim(`failover:${i}`, `value ${i}`)) acknowledged++;
					else failures.push(`claim ${i} answered false`);
				} catch (error) {
					failures.push(`write ${i}: ${(error as Error).message}`);
				}
				await sleep(2);
			}
		});
		expect(movedAt).toBeDefined();
		expect(sentinel.primaryPort()).toBe(sentinel.ports.replica);
		expect(failures).toEqual([]);
		expect(acknowledged).toBe(next);
		// Read back from the new primary: every write is there, with its own value.
		const entries = await store.getMany(Array.from({ length: next }, (_, i) => `failover:${i}`));
		expect(entries.filter((e, i) => e?.value !== `value ${i}`)).toEqual([]);
	});
});

describe('Redis over TLS with a private CA and a client certificate', () => {
	let tls: TlsTopology;
	beforeAll(async () => {
		tls = await topologies.startTlsServer();
	});
	afterAll(() => tls?.stop());

	const credential = (extra: Record<string, unknown>) => ({
		host: tls.host,
		port: tls.port,
		ssl: true,
		tlsCa: tls.ca,
		tlsCert: tls.cert,
		tlsPrivateKey: tls.key,
		tlsServerName: tls.serverName,
		namespace: uniquePrefix('tls'),
		...extra,
	});
	const roundTrip = async (extra: Record<string, unknown>) => {
		const store = new RedisStateStore({
			...redisConfigFromCredential(credential(extra)),
			maxRetriesPerRequest: 0,
		});
		try {
			await store.set('k', 'over tls');
			return (await store.get('k'))?.value;
		} finally {
			await store.close();
		}
	};

	it('connects with the CA, the client certificate and the server name from the credential', async () => {
		expect(await roundTrip({})).toBe('over tls');
	});

	it('refuses a server its CA did not sign, unless verification is turned off', async () => {
		await expect(roundTrip({ tlsCa: '' })).rejects.toThrow();
		expect(await roundTrip({ tlsCa: '', tlsVerify: false })).toBe('over tls');
	});

	it('is refused by the server without a client certificate', async () => {
		await expect(roundTrip({ tlsCert: '', tlsPrivateKey: '' })).rejects.toThrow();
	});

	it('checks the name the certificate is issued for', async () => {
		await expect(roundTrip({ tlsServerName: 'other.example' })).rejects.toThrow();
	});
});

describe('RedisClient', () => {
	it('names the field when a Sentinel or Cluster list cannot be read', () => {
		expect(() =>
			redisConfigFromCredential({ mode: 'sentinel', sentinels: '10.0.0.1:notaport' }),
		).toThrow(expect.objectContaining({ field: 'Sentinels' }));
		expect(() => new RedisClient({ mode: 'cluster', nodes: [] })).toThrow(/Cluster node/);
		expect(() => new RedisClient({ mode: 'sentinel', nodes: [{ host: 'a', port: 1 }] })).toThrow(
			/name the Sentinels monitor/,
		);
	});
});
