// Child processes of `npm start` and the end-to-end tests: started with a name, their output
// prefixed, and all stopped together (Ctrl-C, test teardown, or a failure half-way).
const { spawn } = require('node:child_process');
const net = require('node:net');

const children = new Set();

function startProcess(name, command, args, options = {}) {
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: { ...process.env, ...options.env },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // its own process group, so stopping it also stops what it started
	});
	children.add(child);
	const lines = [];
	const onLine = (line) => {
		if (!line.trim()) return;
		lines.push(line);
		if (lines.length > 400) lines.shift();
		options.onLine?.(line);
		if (options.echo === true || (typeof options.echo === 'function' && options.echo(line))) {
			console.log(`[${name}] ${line}`);
		}
	};
	// A chunk may end inside a line: the rest waits for the next chunk of the same stream.
	const lineReader = () => {
		let rest = '';
		return (chunk) => {
			const parts = (rest + chunk.toString()).split('\n');
			rest = parts.pop();
			for (const line of parts) onLine(line);
		};
	};
	child.stdout.on('data', lineReader());
	child.stderr.on('data', lineReader());
	child.on('exit', () => children.delete(child));
	child.recentOutput = () => lines.join('\n');
	child.name = name;
	child.service = options.service === true;
	return child;
}

async function stopProcess(child, signal = 'SIGTERM', graceMs = 10000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	try {
		process.kill(-child.pid, signal);
	} catch {
		child.kill(signal);
	}
	const timer = setTimeout(() => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			child.kill('SIGKILL');
		}
	}, graceMs);
	await exited;
	clearTimeout(timer);
}

/** Services (a child started with `service: true`) stop last, so n8n does not log their loss. */
async function stopAll() {
	const all = [...children];
	await Promise.all(all.filter((c) => !c.service).map((c) => stopProcess(c)));
	await Promise.all(all.filter((c) => c.service).map((c) => stopProcess(c)));
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function portIsFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

async function waitFor(what, check, { timeoutMs = 120000, intervalMs = 250, child } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		if (child && child.exitCode !== null) {
			throw new Error(
				`${child.name} exited (${child.exitCode}) while waiting for ${what}:\n${child.recentOutput()}`,
			);
		}
		try {
			const result = await check();
			if (result) return result;
		} catch (error) {
			lastError = error;
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	throw new Error(
		`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`,
	);
}

module.exports = { startProcess, stopProcess, stopAll, freePort, portIsFree, waitFor };
