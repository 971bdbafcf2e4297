#!/usr/bin/env node
// The README's test command (`npm test`): build, lint, then every jest suite (unit, engine
// and sandbox tests). Build and lint count as one test each in the closing totals line,
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
if (fs.existsSync(jestJson)) {
	const report = JSON.parse(fs.readFileSync(jestJson, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests;
	// A suite that fails to load has no failed tests of its own: count it.
	failed += report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed')).length;
	if (!jestOk && report.numFailedTests === 0 && report.numFailedTestSuites === 0) failed++;
} else {
	failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
