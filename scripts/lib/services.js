// Debian packages on demand (one apt-get path for Redis, PostgreSQL and Chromium), and
// Redis and PostgreSQL for n8n's queue mode, as private instances on free ports: the machine's
// own servers (if any) are never touched, and a machine without them gets Debian's packages.
// Both run as children of this process, so Ctrl-C or a test's teardown stops them with n8n.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { startProcess, freePort, waitFor } = require('./processes');

function aptInstall(packages, why) {
	console.log(`installing ${packages.join(' ')} from Debian (${why})…`);
	const asRoot = process.getuid?.() === 0;
	const command = asRoot ? 'apt-get' : 'sudo';
	const args = [
		...(asRoot ? [] : ['apt-get']),
		'install',
		'-y',
		'--no-install-recommends',
		...packages,
	];
	let r = spawnSync(command, args, {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	if (r.status !== 0) {
		// A fresh container has no package lists yet.
		spawnSync(command, [...(asRoot ? [] : ['apt-get']), 'update'], { stdio: 'inherit' });
		r = spawnSync(command, args, {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	}
	if (r.status !== 0)
		throw new Error(`could not install ${packages.join(' ')}: apt-get exited ${r.status}`);
}

function which(binary) {
	const r = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('data', (d) => {
			answer += d;
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
		socket.write('PING\r\n');
	});
}

/** A Redis that keeps nothing on disk (the queue and the state store start empty each time). */
async function startRedis({ port } = {}) {
	if (!which('redis-server'))
		aptInstall(['redis-server'], 'the queue and the state store of queue mode');
	const chosen = port ?? (await freePort());
	const child = startProcess(
		'redis',
		'redis-server',
		['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{
			echo: (line) => /# (Warning|Error)|FATAL/i.test(line) && !/overcommit|TCP backlog/.test(line),
			service: true,
		},
	);
	await waitFor('Redis to answer PING', () => redisPing(chosen), { child, timeoutMs: 15000 });
	return { child, host: '127.0.0.1', port: chosen };
}

function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	const versions = fs.existsSync(base)
		? fs
				.readdirSync(base)
				.filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	return versions.length ? path.join(base, versions[0], 'bin') : undefined;
}

/**
 * PostgreSQL refuses to run as root; as root the cluster belongs to Debian's `postgres` user
 * (created by the package), otherwise to whoever runs this.
 */
function asClusterOwner(command, args, options = {}) {
	if (process.getuid?.() !== 0) return { command, args };
	return { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args], ...options };
}

function run(command, args, what) {
	const r = spawnSync(command, args, { encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(`${what} failed (${command} ${args.join(' ')}):\n${r.stdout}${r.stderr}`);
	return r.stdout;
}

/**
 * As root the cluster runs as `postgres`, who may not be able to reach a folder under a private
 * home or a mkdtemp folder: it then lives in postgres's own home, one folder per wanted path.
 */
function clusterFolder(wanted) {
	if (process.getuid?.() !== 0) return wanted;
	const home = fs.existsSync('/var/lib/postgresql')
		? '/var/lib/postgresql'
		: require('node:os').tmpdir();
	const id = require('node:crypto')
		.createHash('sha256')
		.update(path.resolve(wanted))
		.digest('hex')
		.slice(0, 12);
	return path.join(home, 'xhs-n8n-clusters', id);
}

/**
 * A private cluster in `dataDir` (created on first use, kept for the next start when the
 * caller keeps the folder), trust authentication on 127.0.0.1 only, and an empty database.
 */
async function startPostgres({ dataDir: wanted, port, database = 'n8n', fresh = false }) {
	let bin = postgresBinDir();
	if (!bin) {
		aptInstall(['postgresql'], 'the database of n8n in queue mode');
		bin = postgresBinDir();
		if (!bin) throw new Error('postgresql installed, but no /usr/lib/postgresql/*/bin/initdb');
	}
	const dataDir = clusterFolder(wanted);
	if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });
	const socketDir = path.join(dataDir, 'socket');
	if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
		fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
		if (process.getuid?.() === 0)
			run(
				'chown',
				['-R', 'postgres:postgres', path.dirname(dataDir)],
				'giving the cluster folder to postgres',
			);
		const init = asClusterOwner(path.join(bin, 'initdb'), [
			'-D',
			dataDir,
			'-A',
			'trust',
			'-U',
			'postgres',
			'-E',
			'UTF8',
			'--no-locale',
		]);
		run(init.command, init.args, 'initdb');
	}
	fs.mkdirSync(socketDir, { recursive: true });
	if (process.getuid?.() === 0)
		run('chown', ['postgres:postgres', socketDir], 'giving the socket folder to postgres');
	const chosen = port ?? (await freePort());
	const server = asClusterOwner(path.join(bin, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(chosen),
		'-k',
		socketDir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'max_connections=200',
	]);
	const child = startProcess('postgres', server.command, server.args, {
		echo: (line) => /FATAL|PANIC/.test(line),
		service: true,
	});
	const psql = (sql, db = 'postgres') =>
		spawnSync(
			path.join(bin, 'psql'),
			['-h', '127.0.0.1', '-p', String(chosen), '-U', 'postgres', '-d', db, '-tAc', sql],
			{ encoding: 'utf8' },
		);
	await waitFor('PostgreSQL to accept connections', () => psql('select 1').status === 0, {
		child,
		timeoutMs: 30000,
	});
	const exists =
		psql(`select 1 from pg_database where datname = '${database}'`).stdout.trim() === '1';
	if (!exists) {
		const created = psql(`create database "${database}"`);
		if (created.status !== 0) throw new Error(`create database ${database}: ${created.stderr}`);
	}
	return { child, host: '127.0.0.1', port: chosen, user: 'postgres', database, psql, dataDir };
}

module.exports = { startRedis, startPostgres, redisPing, aptInstall, which };
