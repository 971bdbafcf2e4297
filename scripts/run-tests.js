#!/usr/bin/env node
// The README's test command (`npm test`): build, lint, every jest suite (unit, engine and
// sandbox tests), then the end-to-end suites in a real n8n. Build and lint count as one test each in the closing totals line,
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

console.log(`Node ${process.version} (${process.execPath})`);
count(step('build', 'npm', ['run', '-s', 'build']));
count(step('lint', 'npm', ['run', '-s', 'lint']));

const jestJson = path.join(results, 'jest.json');
fs.rmSync(jestJson, { force: true });
const jestArgs = ['--json', `--outputFile=${jestJson}`, ...process.argv.slice(2)];
// Always Node 24 (node:sqlite, n8n 2.x), even when this script was started by another Node.
const node24 = fs.existsSync(bin('node')) ? bin('node') : process.execPath;
const jestOk = step('jest', node24, [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...jestArgs]);
tally(jestJson, jestOk);

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

// End-to-end tests in a real n8n (first run installs it into a cache: a few minutes).
const e2eJson = path.join(results, 'jest-e2e.json');
fs.rmSync(e2eJson, { force: true });
const e2eOk = process.env.XHS_SKIP_E2E === '1'
	? true
	: step('e2e (real n8n)', node24, [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', 'jest.e2e.config.js', '--runInBand', '--json', `--outputFile=${e2eJson}`]);
if (process.env.XHS_SKIP_E2E !== '1') tally(e2eJson, e2eOk);

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
