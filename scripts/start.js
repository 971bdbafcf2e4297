#!/usr/bin/env node
// `npm start`: real n8n 2.x with this package installed as a community node, the sandbox,
// the sandbox credential and the templates, all on 127.0.0.1. Ctrl-C stops everything.
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

const log = (message) => console.log(`\n▶ ${message}`);
log.verbose = true;

async function main() {
	const started = Date.now();
	for (const [name, port] of Object.entries(ports)) {
		if (!(await portIsFree(port))) throw new Error(`port ${port} (${name}) is taken: is another "npm start" running?`);
	}
	log(`n8n ${N8N_VERSION} with n8n-nodes-xiaohongshu-dm`);
	fs.mkdirSync(runtimeHome, { recursive: true });
	const stack = await startStack({
		runtimeHome,
		userFolder: path.join(runtimeHome, 'n8n'),
		n8nPort: ports.n8n,
		sandboxPort: ports.sandbox,
		brokerPort: ports.broker,
		owner,
		log,
	});
	for (const w of stack.workflows) console.log(`  ✓ ${w.name} (${w.active ? 'active' : 'imported, inactive'})`);
	console.log(`
────────────────────────────────────────────────────────────
 n8n editor      ${stack.n8n.base}/      (ready in ${Math.round((Date.now() - started) / 1000)} s)
 login           ${owner.email} / ${owner.password}
 sandbox         ${stack.sandboxUrl}/sandbox   (push URL: ${stack.webhookUrl})
 send a test DM  npm run sandbox:dm -- --as cust_1 --nickname 小红 "这个面霜多少钱？"
 Ctrl-C stops n8n and the sandbox.
────────────────────────────────────────────────────────────`);
	await new Promise((resolve) => {
		stack.n8n.child.once('exit', resolve);
		stack.sandbox.once('exit', resolve);
	});
	if (!stopping) {
		throw new Error(`a process stopped unexpectedly:\n${stack.n8n.child.recentOutput().split('\n').slice(-20).join('\n')}`);
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
