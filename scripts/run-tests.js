#!/usr/bin/env node
// The README's test command (`npm test`): build, lint, every jest suite (unit, engine and
// sandbox tests), the end-to-end suites in a real n8n, then queue mode at scale (main + 2
// workers, Redis, PostgreSQL, 1,000 DMs; `npm run test:scale` runs only that). Build and lint count as one test each in the closing totals line,
// which CI reads: "N passed, N failed".
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const results = path.join(root, '.test-results');
fs.mkdirSync(results, { recursive: true });

function step(name, command, args) {
	console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
	const started = Date.now();
	const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
	const ok = run.status === 0;
	console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return ok;
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;
const count = (ok) => (ok ? passed++ : failed++);
const onlyScale = process.argv.includes('--only-scale');
const jestExtra = process.argv.slice(2).filter((a) => a !== '--only-scale');
// Always Node 24 (node:sqlite, n8n 2.x), even when this script was started by another Node.
const node24 = fs.existsSync(bin('node')) ? bin('node') : process.execPath;
const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');

console.log(`Node ${process.version} (${process.execPath})`);
count(step('build', 'npm', ['run', '-s', 'build']));
if (!onlyScale) {
	count(step('lint', 'npm', ['run', '-s', 'lint']));
	const jestJson = path.join(results, 'jest.json');
	fs.rmSync(jestJson, { force: true });
	const jestOk = step('jest', node24, [jestBin, '--json', `--outputFile=${jestJson}`, ...jestExtra]);
	tally(jestJson, jestOk);
}

function tally(reportFile, ok) {
	if (!fs.existsSync(reportFile)) {
		failed++;
		return;
	}
	const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests;
	// A suite that fails to load (or a global setup that fails) has no failed tests of its own.
	failed += report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed')).length;
	if (!ok && report.numFailedTests === 0 && report.numFailedTestSuites === 0) failed++;
}

// End-to-end tests in a real n8n (first run installs it into a cache: a few minutes), then
// queue mode at scale. XHS_SKIP_E2E=1 skips both.
function suite(name, config) {
	const json = path.join(results, `${path.basename(config, '.config.js')}.json`);
	fs.rmSync(json, { force: true });
	tally(json, step(name, node24, [jestBin, '--config', config, '--runInBand', '--json', `--outputFile=${json}`]));
}
if (process.env.XHS_SKIP_E2E !== '1') {
	if (!onlyScale) suite('e2e (real n8n)', 'jest.e2e.config.js');
	suite('queue mode at scale (n8n main + 2 workers, Redis, PostgreSQL)', 'jest.scale.config.js');
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
