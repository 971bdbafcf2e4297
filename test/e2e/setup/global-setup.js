// Starts the real thing once for all end-to-end suites: n8n 2.x with this package installed
// as a community node, the sandbox, the credential and the templates, on free ports.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startStack, root } = require('../../../scripts/lib/stack');
const { freePort, stopAll } = require('../../../scripts/lib/processes');

module.exports = async function globalSetup() {
	const started = Date.now();
	const runtimeHome = path.join(root, '.runtime');
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'xhs-e2e-n8n-'));
	const owner = { email: 'e2e@example.com', password: 'E2e-Xiaohongshu-2026' };
	const ports = { n8n: await freePort(), sandbox: await freePort(), broker: await freePort() };
	const log = (message) => console.log(`[e2e setup] ${message}`);
	// When setup fails half-way, jest runs no teardown: stop what was started here.
	const stack = await startStack({
		runtimeHome,
		userFolder,
		n8nPort: ports.n8n,
		sandboxPort: ports.sandbox,
		brokerPort: ports.broker,
		owner,
		redelivery: '300,600,1200',
		log,
	}).catch(async (error) => {
		await stopAll();
		fs.rmSync(userFolder, { recursive: true, force: true });
		throw error;
	});
	globalThis.__XHS_E2E__ = { stack, userFolder };
	const info = {
		n8nBase: stack.n8n.base,
		sandboxUrl: stack.sandboxUrl,
		owner,
		userFolder,
		runtimeDir: stack.runtimeDir,
		apiKey: stack.api.apiKey,
		credentialId: stack.credentialId,
		// the header the admin webhooks check (n8n's Header Auth): {name, value, credentialId}
		adminHeader: {
			name: stack.adminHeader.name,
			value: stack.adminHeader.value,
			credentialId: stack.adminHeader.credential.id,
		},
		// the secret that signs agents' action links (the tests make their own status links with it)
		linkSigning: {
			secret: stack.linkSigning.secret,
			credentialId: stack.linkSigning.credential.id,
		},
		// the login the report pages check (n8n's Basic Auth): {user, password, credentialId}
		pageLogin: {
			user: stack.pageLogin.user,
			password: stack.pageLogin.password,
			credentialId: stack.pageLogin.credential.id,
		},
		workflows: stack.workflows,
		webhookUrl: stack.webhookUrl,
		dataTables: stack.dataTables,
		n8nEnv: stack.n8n.env,
	};
	fs.mkdirSync(path.join(root, '.test-results'), { recursive: true });
	fs.writeFileSync(
		path.join(root, '.test-results', 'e2e-stack.json'),
		JSON.stringify(info, null, 2),
	);
	log(
		`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: n8n ${stack.n8n.base}, sandbox ${stack.sandboxUrl}`,
	);
};
