#!/usr/bin/env node
// `npm start`: real n8n 2.x with this package installed as a community node, the sandbox,
// the sandbox credential and the templates, all on 127.0.0.1. Ctrl-C stops everything.
// `npm run start:queue` (`--queue`): the same in n8n's queue mode, main + 2 workers with Redis and
// PostgreSQL (private instances; Debian's packages are installed when missing).
const fs = require('node:fs');
const path = require('node:path');
const { N8N_VERSION } = require('./lib/n8nRuntime');
const { startStack } = require('./lib/stack');
const { stopAll, portIsFree } = require('./lib/processes');

const root = path.resolve(__dirname, '..');
const runtimeHome = path.join(root, '.runtime');
const ports = {
	n8n: Number(process.env.N8N_PORT || 5678),
	broker: Number(process.env.XHS_RUNNERS_BROKER_PORT || 5679),
	sandbox: Number(process.env.XHS_SANDBOX_PORT || 4780),
};
const owner = {
	email: process.env.XHS_OWNER_EMAIL || 'owner@example.com',
	password: process.env.XHS_OWNER_PASSWORD || 'Xiaohongshu-DM-2026',
};

const queueMode = process.argv.includes('--queue');
const workerCount = Number(process.env.XHS_WORKERS || 2);

const log = (message) => console.log(`\n▶ ${message}`);
log.verbose = true;

async function main() {
	const started = Date.now();
	for (const [name, port] of Object.entries(ports)) {
		if (!(await portIsFree(port)))
			throw new Error(`port ${port} (${name}) is taken: is another "npm start" running?`);
	}
	log(
		`n8n ${N8N_VERSION} with n8n-nodes-xiaohongshu-dm${queueMode ? `, queue mode (main + ${workerCount} workers)` : ''}`,
	);
	fs.mkdirSync(runtimeHome, { recursive: true });
	const stack = await startStack({
		runtimeHome,
		// Queue mode keeps its own n8n (PostgreSQL instead of SQLite, another encryption key).
		userFolder: path.join(runtimeHome, queueMode ? 'n8n-queue' : 'n8n'),
		n8nPort: ports.n8n,
		sandboxPort: ports.sandbox,
		brokerPort: ports.broker,
		owner,
		log,
		queue: queueMode
			? {
					workers: workerCount,
					concurrency: Number(process.env.XHS_WORKER_CONCURRENCY || 10),
					dataDir: path.join(runtimeHome, 'queue'),
				}
			: undefined,
	});
	for (const w of stack.workflows)
		console.log(`  ✓ ${w.name} (${w.active ? 'active' : 'imported, inactive'})`);
	console.log(`
────────────────────────────────────────────────────────────
 n8n editor      ${stack.n8n.base}/      (ready in ${Math.round((Date.now() - started) / 1000)} s)
 login           ${owner.email} / ${owner.password}
 sandbox         ${stack.sandboxUrl}/sandbox   (push URL: ${stack.webhookUrl})${
		queueMode
			? `
 queue mode      ${stack.workers.length} workers · Redis 127.0.0.1:${stack.services.redis.port} · PostgreSQL 127.0.0.1:${stack.services.postgres.port}`
			: ''
 }
 send a test DM  npm run sandbox:dm -- --as cust_1 --nickname 小红 "这个面霜多少钱？"
 admin webhooks  ${stack.adminHeader.name}: ${stack.adminHeader.value}
                 (n8n credential "${stack.adminHeader.credential.name}"; kept in ${path.relative(root, stack.adminHeader.file)}, mode 0600)
                 curl -X POST -H "${stack.adminHeader.name}: ${stack.adminHeader.value}" ${stack.n8n.base}/webhook/xhs-rules-check
 report pages    ${stack.n8n.base}/webhook/xhs-report?range=today · ${stack.n8n.base}/webhook/xhs-kb-gaps
                 login ${stack.pageLogin.user} / ${stack.pageLogin.password} (n8n credential "${stack.pageLogin.credential.name}"; kept in ${path.relative(root, stack.pageLogin.file)}, mode 0600)
 agent links     signed by n8n credential "${stack.linkSigning.credential.name}" (secret kept in ${path.relative(root, stack.linkSigning.file)}, mode 0600)
 Ctrl-C stops n8n and the sandbox.
────────────────────────────────────────────────────────────`);
	await new Promise((resolve) => {
		stack.n8n.child.once('exit', resolve);
		stack.sandbox.once('exit', resolve);
		// A worker that dies is what queue mode is for: the others go on.
		for (const worker of stack.workers) {
			worker.once('exit', (code, signal) =>
				console.log(`\n⚠ ${worker.name} stopped (${signal ?? code}); the other workers go on`),
			);
		}
	});
	if (!stopping) {
		throw new Error(
			`a process stopped unexpectedly:\n${stack.n8n.child.recentOutput().split('\n').slice(-20).join('\n')}`,
		);
	}
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
