// A real n8n, pinned, installed once into a cache folder outside the clone (it is 2.8 GB and
// must never land in the project's node_modules). What works on these machines is recorded in
// shared/notes/n8n-runtime-here.md: install with --ignore-scripts (a kafka binary download
// fails offline), then rebuild only sqlite3 and put Node 24's binary in place.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const N8N_VERSION = process.env.XHS_N8N_VERSION || '2.41.1';
const NODE_VERSION = '24.21.0';

function cacheRoot() {
	return process.env.XHS_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-xiaohongshu-dm');
}

function runtimeDir(version = N8N_VERSION) {
	return path.join(cacheRoot(), `n8n-${version}`);
}

function n8nBin(dir = runtimeDir()) {
	return path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

function nodeBin(dir = runtimeDir()) {
	return path.join(dir, 'node_modules', '.bin', 'node');
}

function isInstalled(dir = runtimeDir()) {
	return (
		fs.existsSync(path.join(dir, '.installed')) &&
		fs.existsSync(n8nBin(dir)) &&
		fs.existsSync(nodeBin(dir))
	);
}

function npm(dir, args, label) {
	const started = Date.now();
	console.log(`[n8n runtime] ${label}: npm ${args.join(' ')}`);
	// Progress: npm's own output is shown; a heartbeat covers its long silent phases.
	const timer = setInterval(
		() =>
			console.log(
				`[n8n runtime] ${label}: still working (${Math.round((Date.now() - started) / 1000)} s)`,
			),
		15000,
	);
	const result = spawnSync('npm', args, {
		cwd: dir,
		stdio: ['ignore', 'inherit', 'inherit'],
		env: {
			...process.env,
			npm_config_audit: 'false',
			npm_config_fund: 'false',
			npm_config_update_notifier: 'false',
		},
	});
	clearInterval(timer);
	if (result.status !== 0)
		throw new Error(`[n8n runtime] ${label} failed (npm exit ${result.status})`);
	console.log(`[n8n runtime] ${label}: done in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Installs n8n (first time only, ~4–5 minutes) and returns the runtime folder. */
function ensureN8nRuntime() {
	const dir = runtimeDir();
	if (isInstalled(dir)) return dir;
	console.log(
		`[n8n runtime] installing n8n ${N8N_VERSION} on Node ${NODE_VERSION} into ${dir} (first run only)`,
	);
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'xhs-n8n-runtime',
				private: true,
				description: 'n8n runtime for n8n-nodes-xiaohongshu-dm',
			},
			null,
			2,
		),
	);
	npm(
		dir,
		['install', '--save-exact', '--ignore-scripts', `node@${NODE_VERSION}`, `n8n@${N8N_VERSION}`],
		'install n8n',
	);
	npm(dir, ['rebuild', 'node'], 'place the Node 24 binary');
	npm(dir, ['rebuild', 'sqlite3'], 'build sqlite3');
	fs.writeFileSync(path.join(dir, '.installed'), new Date().toISOString());
	return dir;
}

module.exports = {
	N8N_VERSION,
	cacheRoot,
	runtimeDir,
	n8nBin,
	nodeBin,
	isInstalled,
	ensureN8nRuntime,
};

if (require.main === module) {
	const dir = ensureN8nRuntime();
	console.log(`[n8n runtime] ready: ${dir}`);
}
