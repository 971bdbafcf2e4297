// Private Redis topologies for the state store's tests, started from Debian's redis-server
// (and redis-cli for the Cluster): a 3-master Cluster, a primary + replica watched by a
// Sentinel, and a TLS server that wants a client certificate. Each lives in its own temp folder
// on free ports and is stopped by the test that started it.
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { freePort } = require('../../scripts/lib/processes');
const { aptInstall, which } = require('../../scripts/lib/services');

function binaries() {
	if (!which('redis-server') || !which('redis-cli'))
		aptInstall(['redis-server', 'redis-tools'], 'the Redis Cluster and Sentinel tests');
	return { server: which('redis-server'), cli: which('redis-cli') };
}

async function waitFor(what, check, timeoutMs = 20_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

const listening = (port) =>
	new Promise((resolve) => {
		const s = net.connect(port, '127.0.0.1', () => {
			s.end();
			resolve(true);
		});
		s.once('error', () => resolve(false));
	});

/** redis-cli's answer to one command, or '' when the server does not answer. */
function cli(port, ...args) {
	try {
		return execFileSync(binaries().cli, ['-p', String(port), ...args], {
			encoding: 'utf8',
			timeout: 5000,
		});
	} catch {
		return '';
	}
}

function topology(label) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `xhs-redis-${label}-`));
	const children = [];
	const start = async (args, port) => {
		const child = spawn(binaries().server, args, { cwd: dir, stdio: 'ignore' });
		children.push(child);
		await waitFor(`redis-server on ${port}`, () => listening(port));
		return child;
	};
	const stop = () => {
		for (const child of children) child.kill('SIGKILL');
		fs.rmSync(dir, { recursive: true, force: true });
	};
	return { dir, start, stop };
}

const BASE = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];

/** Three masters, no replicas, all 16384 slots assigned. */
async function startCluster() {
	const t = topology('cluster');
	const ports = [await freePort(), await freePort(), await freePort()];
	for (const port of ports)
		await t.start(
			[
				...BASE,
				'--port',
				String(port),
				'--cluster-enabled',
				'yes',
				'--cluster-config-file',
				`nodes-${port}.conf`,
			],
			port,
		);
	execFileSync(
		binaries().cli,
		[
			'--cluster',
			'create',
			...ports.map((p) => `127.0.0.1:${p}`),
			'--cluster-replicas',
			'0',
			'--cluster-yes',
		],
		{ stdio: 'ignore', timeout: 30_000 },
	);
	await waitFor('the cluster to be ok', () =>
		ports.every((p) => cli(p, 'CLUSTER', 'INFO').includes('cluster_state:ok')),
	);
	return { nodes: ports.map((port) => ({ host: '127.0.0.1', port })), stop: t.stop };
}

/** A primary, its replica, and one Sentinel (quorum 1) watching them as "xhs". */
async function startSentinel() {
	const t = topology('sentinel');
	const [primary, replica, sentinel] = [await freePort(), await freePort(), await freePort()];
	await t.start([...BASE, '--port', String(primary)], primary);
	await t.start(
		[...BASE, '--port', String(replica), '--replicaof', '127.0.0.1', String(primary)],
		replica,
	);
	await waitFor('the replica to sync', () =>
		cli(replica, 'INFO', 'replication').includes('master_link_status:up'),
	);
	const conf = path.join(t.dir, 'sentinel.conf');
	fs.writeFileSync(
		conf,
		[
			`port ${sentinel}`,
			'bind 127.0.0.1',
			`sentinel monitor xhs 127.0.0.1 ${primary} 1`,
			'sentinel down-after-milliseconds xhs 1000',
			'sentinel failover-timeout xhs 10000',
			'',
		].join('\n'),
	);
	await t.start([conf, '--sentinel'], sentinel);
	await waitFor('the Sentinel to know the replica', () =>
		cli(sentinel, 'SENTINEL', 'REPLICAS', 'xhs').includes(String(replica)),
	);
	return {
		sentinels: [{ host: '127.0.0.1', port: sentinel }],
		name: 'xhs',
		ports: { primary, replica, sentinel },
		/** Which port the Sentinel names as the primary now. */
		primaryPort: () =>
			Number(cli(sentinel, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'xhs').split('\n')[1]),
		cli,
		stop: t.stop,
	};
}

/** A throw-away CA, and a server and a client certificate it signed, made with openssl. */
function certificates(dir) {
	if (!which('openssl')) aptInstall(['openssl'], "the TLS tests' certificates");
	const run = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
	run(
		'req',
		'-x509',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-days',
		'1',
		'-subj',
		'/CN=xhs test CA',
		'-keyout',
		'ca.key',
		'-out',
		'ca.crt',
	);
	for (const [name, cn, ext] of [
		['server', 'redis.xhs.test', 'subjectAltName=DNS:redis.xhs.test'],
		['client', 'n8n', 'extendedKeyUsage=clientAuth'],
	]) {
		run(
			'req',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-subj',
			`/CN=${cn}`,
			'-keyout',
			`${name}.key`,
			'-out',
			`${name}.csr`,
		);
		fs.writeFileSync(path.join(dir, `${name}.ext`), `${ext}\n`);
		run(
			'x509',
			'-req',
			'-in',
			`${name}.csr`,
			'-CA',
			'ca.crt',
			'-CAkey',
			'ca.key',
			'-CAcreateserial',
			'-days',
			'1',
			'-extfile',
			`${name}.ext`,
			'-out',
			`${name}.crt`,
		);
	}
	const read = (file) => fs.readFileSync(path.join(dir, file), 'utf8');
	return { ca: read('ca.crt'), cert: read('client.crt'), key: read('client.key') };
}

/** TLS only, certificate for "redis.xhs.test" signed by a private CA, client certificates required. */
async function startTlsServer() {
	const t = topology('tls');
	const client = certificates(t.dir);
	const port = await freePort();
	await t.start(
		[
			...BASE,
			'--port',
			'0',
			'--tls-port',
			String(port),
			'--tls-cert-file',
			'server.crt',
			'--tls-key-file',
			'server.key',
			'--tls-ca-cert-file',
			'ca.crt',
			'--tls-auth-clients',
			'yes',
		],
		port,
	);
	return { host: '127.0.0.1', port, serverName: 'redis.xhs.test', ...client, stop: t.stop };
}

module.exports = { startCluster, startSentinel, startTlsServer };
