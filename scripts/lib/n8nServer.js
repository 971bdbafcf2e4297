// A real n8n process for `npm start` and the end-to-end tests: this package installed the way
// users install community nodes, an owner from the environment, SQLite, loopback only.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { n8nBin, nodeBin } = require('./n8nRuntime');
const { startProcess, waitFor } = require('./processes');

const PACKAGE = 'n8n-nodes-xiaohongshu-dm';

function sha256File(file) {
	return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Installs the `npm pack` tarball the way n8n 2.x's own community-package installer does:
 * unpacked into <user folder>/.n8n/nodes/node_modules/<package>, dev/peer/optional
 * dependencies stripped (n8n itself provides n8n-workflow), then `npm install` inside it with
 * n8n's flags. Skipped when the tarball is unchanged, so a second `npm start` is fast.
 */
function installPackage(userFolder, tgz) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE);
	const stamp = path.join(nodesDir, '.xhs-package-hash');
	const hash = sha256File(tgz);
	if (
		fs.existsSync(path.join(packageDir, 'package.json')) &&
		fs.existsSync(stamp) &&
		fs.readFileSync(stamp, 'utf8') === hash
	) {
		return false;
	}
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	run('tar', ['-xzf', tgz, '-C', packageDir, '--strip-components=1'], nodesDir);
	const manifestPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		fs.readFileSync(manifestPath, 'utf8'),
	);
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		packageDir,
	);
	const nodesManifestPath = path.join(nodesDir, 'package.json');
	const nodesManifest = fs.existsSync(nodesManifestPath)
		? JSON.parse(fs.readFileSync(nodesManifestPath, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	nodesManifest.dependencies = { ...nodesManifest.dependencies, [PACKAGE]: manifest.version };
	fs.writeFileSync(nodesManifestPath, JSON.stringify(nodesManifest, null, 2));
	fs.writeFileSync(stamp, hash);
	return true;
}

function run(command, args, cwd) {
	const r = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
	if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
}

function ownerPasswordHash(runtimeDir, password) {
	const bcrypt = require(path.join(runtimeDir, 'node_modules', 'bcryptjs'));
	return bcrypt.hashSync(password, 10);
}

function n8nEnv({ runtimeDir, userFolder, port, brokerPort, owner, extra = {} }) {
	return {
		PATH: `${path.dirname(nodeBin(runtimeDir))}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerPasswordHash(runtimeDir, owner.password),
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn',
		// Jest sets NODE_ENV=test, under which n8n does not start as a server.
		NODE_ENV: 'production',
		DB_SQLITE_POOL_SIZE: '2',
		...extra,
	};
}

// n8n logs a lot that does not matter offline (api.n8n.io lookups, the Python runner): show
// only its own start line and real errors, never stack frames.
function quietN8nLog(line) {
	if (/^\s+at |ENOTFOUND|api\.n8n\.io|[Pp]ython|Strapi|system task run failed/.test(line))
		return false;
	return /Editor is now accessible|^Error|ERROR|failed to/i.test(line);
}

async function startN8n(options) {
	const env = n8nEnv(options);
	const child = startProcess(
		'n8n',
		nodeBin(options.runtimeDir),
		[n8nBin(options.runtimeDir), 'start'],
		{
			env,
			echo: options.echo ?? quietN8nLog,
		},
	);
	const base = `http://127.0.0.1:${options.port}`;
	await waitFor('n8n to answer', async () => (await fetch(`${base}/healthz/readiness`)).ok, {
		timeoutMs: options.timeoutMs ?? 180000,
		child,
	});
	return { child, base, env };
}

/** n8n's REST (cookie) and public API (key) as used by `npm start` and the tests. */
class N8nApi {
	constructor(base, owner) {
		this.base = base;
		this.owner = owner;
		this.cookie = undefined;
		this.apiKey = undefined;
	}

	async rest(method, urlPath, body) {
		if (!this.cookie) await this.login();
		return await this.call(method, `/rest${urlPath}`, body, { cookie: this.cookie });
	}

	async api(method, urlPath, body) {
		return await this.call(method, `/api/v1${urlPath}`, body, { 'X-N8N-API-KEY': this.apiKey });
	}

	async call(method, urlPath, body, headers) {
		const res = await fetch(`${this.base}${urlPath}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': 'xhs-dm-tools', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = text;
		}
		if (!res.ok) {
			const error = new Error(`${method} ${urlPath} → HTTP ${res.status}: ${text.slice(0, 300)}`);
			error.status = res.status;
			throw error;
		}
		return json;
	}

	async login() {
		const res = await fetch(`${this.base}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': 'xhs-dm-tools' },
			body: JSON.stringify({ emailOrLdapLoginId: this.owner.email, password: this.owner.password }),
		});
		if (!res.ok)
			throw new Error(
				`login as ${this.owner.email} failed: HTTP ${res.status} ${await res.text()}`,
			);
		const cookies = res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie')];
		this.cookie = cookies.map((c) => String(c).split(';')[0]).join('; ');
	}

	/** Reuses the key saved in the user folder (a second `npm start` creates nothing). */
	async ensureApiKey(keyFile) {
		if (fs.existsSync(keyFile)) {
			this.apiKey = fs.readFileSync(keyFile, 'utf8').trim();
			try {
				await this.api('GET', '/workflows?limit=1');
				return this.apiKey;
			} catch {
				this.apiKey = undefined;
			}
		}
		const scopes = (await this.rest('GET', '/api-keys/scopes')).data;
		const created = await this.rest('POST', '/api-keys', {
			label: `xhs-dm ${new Date().toISOString()}`,
			scopes,
			expiresAt: null,
		});
		this.apiKey = created.data.rawApiKey;
		fs.writeFileSync(keyFile, this.apiKey, { mode: 0o600 });
		return this.apiKey;
	}
}

module.exports = { PACKAGE, installPackage, startN8n, N8nApi };
