// Starts a private redis-server for the tests (never the machine's shared one on 6379, whose
// contents other work may rely on), installing Debian's package when the binary is missing.
const { spawn, spawnSync } = require('node:child_process');
const net = require('node:net');
const { freePort } = require('../../scripts/lib/processes');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function findRedisServer() {
	const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : undefined;
}

function installRedisServer() {
	console.log('[test setup] redis-server not found: installing Debian package redis-server');
	spawnSync('apt-get', ['update'], { stdio: 'inherit' });
	const r = spawnSync('apt-get', ['install', '-y', 'redis-server'], {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	if (r.status !== 0) throw new Error('could not install redis-server (apt-get install redis-server)');
	return findRedisServer();
}

async function waitForPort(port, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const ok = await new Promise((resolve) => {
			const s = net.connect(port, '127.0.0.1', () => {
				s.end();
				resolve(true);
			});
			s.once('error', () => resolve(false));
		});
		if (ok) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`);
}

async function startRedisServer() {
	const bin = findRedisServer() ?? installRedisServer();
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xhs-redis-'));
	const child = spawn(
		bin,
		['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir],
		{ stdio: 'ignore', detached: false },
	);
	await waitForPort(port, 10000);
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		pid: child.pid,
		stop: () => {
			child.kill('SIGTERM');
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { startRedisServer };
