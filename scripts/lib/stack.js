// The whole local setup, shared by `npm start` and the end-to-end tests: build and pack this
// package, install it into a pinned n8n, start the sandbox and n8n, provision the credential
// and templates. Every step is idempotent so a second start reuses everything.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ensureN8nRuntime } = require('./n8nRuntime');
const { installPackage, startN8n, N8nApi } = require('./n8nServer');
const {
	ensureAdminWebhookCredential,
	ensurePageCredential,
	ensureLinkSigningCredential,
	ensureSandboxCredential,
	importTemplates,
} = require('./provision');
const { adminHeader, adminHeaders } = require('./adminWebhooks');
const { linkSigningSecret } = require('./linkSigning');
const { pageHeaders, pageLogin } = require('./reportPages');
const { ensureDataTables } = require('./dataTables');
const { startProcess, waitFor } = require('./processes');
const {
	startQueueServices,
	queueEnv,
	startWorkers,
	ensureStateStoreCredential,
} = require('./queueMode');
const { warmUp } = require('./warmUp');

const root = path.resolve(__dirname, '..', '..');

function buildAndPack(outDir, log) {
	log('Building the package and packing it as it is published (npm pack)');
	fs.mkdirSync(outDir, { recursive: true });
	const build = spawnSync('npm', ['run', '-s', 'build'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	if (build.status !== 0) throw new Error('npm run build failed');
	const pack = spawnSync('npm', ['pack', '--pack-destination', outDir, '--silent'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	if (pack.status !== 0) throw new Error('npm pack failed');
	return path.join(outDir, pack.stdout.trim().split('\n').pop());
}

function startSandbox({ port, redelivery, log }) {
	log(`Starting the sandbox on http://127.0.0.1:${port}`);
	const args = [path.join(root, 'sandbox', 'cli.js'), 'serve', '--port', String(port)];
	if (redelivery) args.push('--redelivery', redelivery);
	const child = startProcess('sandbox', process.execPath, args, {
		echo: log.verbose ? (line) => !/^\s/.test(line) : false,
	});
	return child;
}

/**
 * options: { runtimeHome, userFolder, n8nPort, sandboxPort, brokerPort, owner, redelivery,
 *            n8nEnv, log, queue?: { workers, concurrency, dataDir, fresh } }
 * With `queue`, n8n runs in queue mode (main + workers, Redis, PostgreSQL) and the templates'
 * nodes use the Redis state store.
 */
async function startStack(options) {
	const log = options.log ?? (() => {});
	fs.mkdirSync(options.userFolder, { recursive: true });
	log('n8n runtime (cached outside the clone; the first install takes a few minutes)');
	const runtimeDir = ensureN8nRuntime();
	const tgz = buildAndPack(options.runtimeHome, log);
	log("Installing the package into n8n's community nodes folder");
	installPackage(options.userFolder, tgz);

	// A caller may bring its own sandbox (the benchmark runs one in-process to see replies at once).
	const sandboxUrl = options.sandboxUrl ?? `http://127.0.0.1:${options.sandboxPort}`;
	const sandbox = options.sandboxUrl
		? undefined
		: startSandbox({ port: options.sandboxPort, redelivery: options.redelivery, log });
	await waitFor('the sandbox', async () => (await fetch(`${sandboxUrl}/sandbox/app`)).ok, {
		child: sandbox,
		timeoutMs: 20000,
	});
	const app = await (await fetch(`${sandboxUrl}/sandbox/app`)).json();

	const queue = options.queue;
	const services = queue
		? await startQueueServices({ dataDir: queue.dataDir, fresh: queue.fresh, log })
		: undefined;
	const modeEnv = services ? queueEnv({ ...services, userFolder: options.userFolder }) : {};
	log(`Starting n8n on http://127.0.0.1:${options.n8nPort}${queue ? ' (queue mode: main)' : ''}`);
	const n8n = await startN8n({
		runtimeDir,
		userFolder: options.userFolder,
		port: options.n8nPort,
		brokerPort: options.brokerPort,
		owner: options.owner,
		extra: { ...modeEnv, ...options.n8nEnv },
	});
	const api = new N8nApi(n8n.base, options.owner);
	await api.ensureApiKey(path.join(options.userFolder, 'xhs-api-key'));
	const workers = queue
		? await startWorkers({
				runtimeDir,
				env: n8n.env,
				count: queue.workers ?? 2,
				concurrency: queue.concurrency ?? 10,
				log,
			})
		: [];
	const stateStore = services ? await ensureStateStoreCredential(api, services.redis) : undefined;

	log('Creating the sandbox credential and importing the templates');
	const credentialId = await ensureSandboxCredential(api, app);
	// The admin webhooks (xhs-rules-check, xhs-agents-sync, xhs-kb-gaps-draft, xhs-assist) check
	// this header through n8n's Header Auth; its value stays in the user folder across starts.
	const admin = adminHeader(options.userFolder);
	if (admin.created) log(`Created the admin webhooks' header, kept in ${admin.file}`);
	const adminCredential = await ensureAdminWebhookCredential(api, admin);
	// The agents' close and away links are signed with this secret, kept in the user folder too.
	const signing = linkSigningSecret(options.userFolder);
	if (signing.created) log(`Created the secret that signs agents' links, kept in ${signing.file}`);
	const linkCredential = await ensureLinkSigningCredential(api, signing);
	// The report and gap pages ask the browser for this login (n8n's Basic Auth).
	const pages = pageLogin(options.userFolder);
	if (pages.created) log(`Created the report pages' login, kept in ${pages.file}`);
	const pageCredential = await ensurePageCredential(api, pages);
	const dataTables = await ensureDataTables(api);
	const workflows = await importTemplates(
		api,
		credentialId,
		{ sandboxUrl, n8nUrl: n8n.base },
		stateStore,
		adminCredential,
		linkCredential,
		pageCredential,
	);
	const webhookUrl = await waitFor(
		'the trigger to register its webhook with the sandbox',
		async () => (await (await fetch(`${sandboxUrl}/sandbox/webhook`)).json()).url,
		{ timeoutMs: 20000 },
	);
	// n8n may answer 404 for a moment after activation; wait until the push URL is live. The
	// probe is the console's URL check, which the trigger answers and keeps nothing of.
	const urlCheck = {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{"test": true}',
	};
	await waitFor(
		'the webhook to go live',
		async () => (await fetch(webhookUrl, urlCheck)).status !== 404,
		{
			timeoutMs: 20000,
		},
	);
	// The full service desk answers from the published knowledge base and the desk's saved roster:
	// publish and sync both now, so the first DM finds them.
	await warmUp(api, {
		n8nUrl: n8n.base,
		sandboxUrl,
		projectId: dataTables.projectId,
		workflows,
		adminHeader: admin,
		log,
	});
	// The sandbox's agent view (/sandbox/agent) asks the kb-agent-assist template for suggestions,
	// an admin webhook: the sandbox sends the header with each request.
	const assist = await fetch(`${sandboxUrl}/sandbox/assist-url`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ url: `${n8n.base}/webhook/xhs-assist`, headers: adminHeaders(admin) }),
	});
	if (!assist.ok)
		throw new Error(
			`the sandbox refused the assist URL: HTTP ${assist.status} ${await assist.text()}`,
		);
	log(`Agent view: ${sandboxUrl}/sandbox/agent (suggestions from ${n8n.base}/webhook/xhs-assist)`);
	// Its close button and the training page close conversations through the agent-desk template:
	// the sandbox posts the agent's own signed close link (from the agent's team chat notice), with
	// the team's browser login that the link webhooks check.
	const desk = await fetch(`${sandboxUrl}/sandbox/desk-url`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ url: n8n.base, headers: pageHeaders(pages) }),
	});
	if (!desk.ok)
		throw new Error(`the sandbox refused the desk URL: HTTP ${desk.status} ${await desk.text()}`);
	log(
		`Training page: ${sandboxUrl}/sandbox/training (closes conversations through ${n8n.base}/webhook/xhs-close)`,
	);
	return {
		runtimeDir,
		sandbox,
		sandboxUrl,
		n8n,
		api,
		credentialId,
		/** the header the admin webhooks check: {name, value, file, created, credential: {id, name}} */
		adminHeader: { ...admin, credential: adminCredential },
		/** the secret that signs agents' links: {secret, file, created, credential: {id, name}} */
		linkSigning: { ...signing, credential: linkCredential },
		/** the login the report pages ask for: {user, password, file, created, credential: {id, name}} */
		pageLogin: { ...pages, credential: pageCredential },
		workflows,
		webhookUrl,
		app,
		dataTables,
		workers,
		services,
		stateStore,
	};
}

module.exports = { root, startStack, buildAndPack };
