// Starts a private redis-server for the tests (never the machine's shared one on 6379, whose
// contents other work may rely on), installing Debian's package when the binary is missing.
const { spawn } = require('node:child_process');
const net = require('node:net');
const { freePort } = require('../../scripts/lib/processes');
const { aptInstall, which } = require('../../scripts/lib/services');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

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
	let bin = which('redis-server');
	if (!bin) {
		aptInstall(['redis-server'], 'the state store tests');
		bin = which('redis-server');
	}
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xhs-redis-'));
	const child = spawn(
		bin,
		[
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
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
