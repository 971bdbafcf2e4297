#!/usr/bin/env node
// npm run bench:load — what the package costs n8n before the first execution: the packed
// tarball's size, and the time n8n takes to load it. n8n requires every node and credential
// file the package lists (package.json "n8n") when it starts; each is timed here in a fresh
// Node process with n8n-workflow already loaded (n8n has it before any community package),
// median of several processes. The baseline, measured in the same run, is n8n-workflow's own
// load. Budget (issue 20): load ≤ 150 ms, tarball ≤ 15 MB. Needs `npm run build` first.
// The last line is one JSON object.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS || 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** One fresh process: n8n-workflow's load time, then the package's, in ms. */
const PROBE = `
const t0 = process.hrtime.bigint();
require('n8n-workflow');
const t1 = process.hrtime.bigint();
const pkg = require('./package.json');
for (const file of [...pkg.n8n.credentials, ...pkg.n8n.nodes]) {
	const m = require('./' + file);
	for (const C of Object.values(m)) if (typeof C === 'function') new C();
}
const t2 = process.hrtime.bigint();
process.stdout.write(JSON.stringify([Number(t1 - t0) / 1e6, Number(t2 - t1) / 1e6]));`;

function loadTimes() {
	const base = [];
	const load = [];
	for (let i = 0; i < RUNS; i++) {
		const [b, l] = JSON.parse(execFileSync(process.execPath, ['-e', PROBE], { cwd: root }));
		base.push(b);
		load.push(l);
	}
	return { baseMs: median(base), loadMs: median(load) };
}

function tarball() {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [info] = JSON.parse(out);
	return { packedBytes: info.size, unpackedBytes: info.unpackedSize, files: info.entryCount };
}

const { baseMs, loadMs } = loadTimes();
const pack = tarball();
console.log(`package load in a fresh process (median of ${RUNS}): ${round(loadMs)} ms`);
console.log(
	`  baseline, n8n-workflow's own load: ${round(baseMs)} ms (ratio ${round(loadMs / baseMs, 2)})`,
);
console.log(
	`tarball: ${round(pack.packedBytes / 1e6, 2)} MB packed, ${round(pack.unpackedBytes / 1e6, 2)} MB unpacked, ${pack.files} files`,
);
console.log(
	JSON.stringify({
		load_ms: round(loadMs),
		baseline_n8n_workflow_ms: round(baseMs),
		load_ratio_vs_baseline: round(loadMs / baseMs, 2),
		tarball_mb: round(pack.packedBytes / 1e6, 2),
		unpacked_mb: round(pack.unpackedBytes / 1e6, 2),
	}),
);
