#!/usr/bin/env node
// `npm start`: real n8n 2.x with this package installed as a community node, the sandbox,
// the sandbox credential and the templates, all on 127.0.0.1. Ctrl-C stops everything.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ensureN8nRuntime, N8N_VERSION } = require('./lib/n8nRuntime');
const { installPackage, startN8n, N8nApi } = require('./lib/n8nServer');
const { ensureSandboxCredential, importTemplates } = require('./lib/provision');
const { startProcess, stopAll, portIsFree, waitFor } = require('./lib/processes');

const root = path.resolve(__dirname, '..');
const runtimeHome = path.join(root, '.runtime');
const userFolder = path.join(runtimeHome, 'n8n');
const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const BROKER_PORT = Number(process.env.XHS_RUNNERS_BROKER_PORT || 5679);
const SANDBOX_PORT = Number(process.env.XHS_SANDBOX_PORT || 4780);
const owner = {
	email: process.env.XHS_OWNER_EMAIL || 'owner@example.com',
	password: process.env.XHS_OWNER_PASSWORD || 'Xiaohongshu-DM-2026',
};

function step(message) {
	console.log(`\n▶ ${message}`);
}

function buildAndPack() {
	step('Building the package and packing it as users install it (npm pack)');
	for (const args of [['run', '-s', 'build'], ['pack', '--pack-destination', runtimeHome, '--silent']]) {
		const r = spawnSync('npm', args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed`);
		if (args[0] === 'pack') return path.join(runtimeHome, r.stdout.trim().split('\n').pop());
	}
	return undefined;
}

async function main() {
	const started = Date.now();
	fs.mkdirSync(userFolder, { recursive: true });
	for (const [name, port] of [['n8n', N8N_PORT], ['sandbox', SANDBOX_PORT], ['n8n task broker', BROKER_PORT]]) {
		if (!(await portIsFree(port))) throw new Error(`port ${port} (${name}) is taken: is another "npm start" running?`);
	}
	step(`n8n ${N8N_VERSION} runtime (cached outside the clone)`);
	const runtimeDir = ensureN8nRuntime();
	const tgz = buildAndPack();
	step('Installing the package into n8n\'s community nodes folder');
	console.log(installPackage(userFolder, tgz) ? `  installed ${path.basename(tgz)}` : '  unchanged, kept');

	step(`Starting the sandbox on http://127.0.0.1:${SANDBOX_PORT}`);
	const sandboxUrl = `http://127.0.0.1:${SANDBOX_PORT}`;
	const sandbox = startProcess('sandbox', process.execPath, [path.join(root, 'sandbox', 'cli.js'), 'serve', '--port', String(SANDBOX_PORT)], {
		echo: (line) => !/^\s/.test(line),
	});
	await waitFor('the sandbox', async () => (await fetch(`${sandboxUrl}/sandbox/app`)).ok, { child: sandbox, timeoutMs: 20000 });
	const app = await (await fetch(`${sandboxUrl}/sandbox/app`)).json();

	step(`Starting n8n on http://127.0.0.1:${N8N_PORT}`);
	const n8n = await startN8n({ runtimeDir, userFolder, port: N8N_PORT, brokerPort: BROKER_PORT, owner });
	const api = new N8nApi(n8n.base, owner);
	await api.ensureApiKey(path.join(userFolder, 'xhs-api-key'));

	step('Creating the sandbox credential and importing the templates');
	const credentialId = await ensureSandboxCredential(api, app);
	const workflows = await importTemplates(api, credentialId);
	for (const w of workflows) console.log(`  ✓ ${w.name} (active)`);
	const webhook = await waitFor('the trigger to register its webhook with the sandbox', async () => {
		const current = await (await fetch(`${sandboxUrl}/sandbox/webhook`)).json();
		return current.url;
	}, { timeoutMs: 15000 });

	console.log(`
────────────────────────────────────────────────────────────
 n8n editor      ${n8n.base}/      (ready in ${Math.round((Date.now() - started) / 1000)} s)
 login           ${owner.email} / ${owner.password}
 sandbox         ${sandboxUrl}/sandbox   (push URL: ${webhook})
 send a test DM  npm run sandbox:dm -- --as cust_1 --nickname 小红 "这个面霜多少钱？"
 Ctrl-C stops n8n and the sandbox.
────────────────────────────────────────────────────────────`);
	await new Promise((resolve) => {
		n8n.child.once('exit', resolve);
		sandbox.once('exit', resolve);
	});
	throw new Error(`a process stopped unexpectedly:\n${n8n.child.recentOutput().split('\n').slice(-20).join('\n')}`);
}

let stopping = false;
async function shutdown(code) {
	if (stopping) return;
	stopping = true;
	console.log('\nStopping n8n and the sandbox…');
	await stopAll();
	process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
main().catch(async (error) => {
	console.error(`\n✗ ${error.message}`);
	await shutdown(1);
});
