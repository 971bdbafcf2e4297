#!/usr/bin/env node
// npm run bench:pipeline — in one run, on one n8n: n8n's own floor (Webhook → Respond to
// Webhook) and our path (a DM pushed by the sandbox → Xiaohongshu Trigger → IF → Xiaohongshu
// send → reply received at the sandbox), sequential and at 10 concurrent. The last line is
// one JSON object with the figures and the ratios ours/floor.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createSandbox } = require('../sandbox/server');
const { startStack, root } = require('../scripts/lib/stack');
const { freePort, stopAll } = require('../scripts/lib/processes');
const { floorWorkflow } = require('./lib/floorWorkflow');

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL || 150);
const CONCURRENT_TOTAL = Number(process.env.BENCH_CONCURRENT_TOTAL || 300);
const CONCURRENCY = 10;
const WARMUP = 20;

function percentile(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarise(latencies, wallMs) {
	const sorted = [...latencies].sort((a, b) => a - b);
	return {
		n: sorted.length,
		p50: +percentile(sorted, 50).toFixed(1),
		p90: +percentile(sorted, 90).toFixed(1),
		p99: +percentile(sorted, 99).toFixed(1),
		rps: +((sorted.length / wallMs) * 1000).toFixed(1),
	};
}

async function runLoad(total, concurrency, once) {
	const latencies = [];
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < total) {
				const i = next++;
				const t0 = performance.now();
				await once(i);
				latencies.push(performance.now() - t0);
			}
		}),
	);
	return summarise(latencies, performance.now() - started);
}

async function main() {
	const sb = await createSandbox({ port: 0, log: () => {} });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'xhs-bench-n8n-'));
	const owner = { email: 'bench@example.com', password: 'Bench-Xiaohongshu-2026' };
	console.log('starting n8n (EXECUTIONS_DATA_SAVE_ON_SUCCESS=none, as a production setup would)…');
	const stack = await startStack({
		runtimeHome: path.join(root, '.runtime'),
		userFolder,
		n8nPort: await freePort(),
		brokerPort: await freePort(),
		sandboxUrl: sb.url,
		owner,
		n8nEnv: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', N8N_LOG_LEVEL: 'warn' },
		log: (m) => console.log(`  ${m}`),
	});
	const floor = await stack.api.api('POST', '/workflows', floorWorkflow('bench-floor'));
	await stack.api.api('POST', `/workflows/${floor.id}/activate`);
	const floorUrl = `${stack.n8n.base}/webhook/bench-floor`;
	const floorOnce = async () => {
		const res = await fetch(floorUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"text":"这个面霜多少钱？"}',
		});
		if (!res.ok) throw new Error(`floor answered ${res.status}`);
		await res.text();
	};
	let seq = 0;
	// Replies are announced by the in-process sandbox, so waiting costs no CPU that n8n needs.
	const waiting = new Map();
	sb.events.on('sent', (send) => {
		waiting.get(send.to)?.();
		waiting.delete(send.to);
	});
	const oursOnce = async () => {
		const customer = `bench_${process.pid}_${seq++}`;
		const replied = new Promise((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`no reply to ${customer} within 30 s`)),
				30000,
			);
			waiting.set(customer, () => {
				clearTimeout(timer);
				resolve();
			});
		});
		sb.customerMessage(customer, { text: '这个面霜多少钱？', nickname: '小雨' });
		await replied;
	};
	const wait = async (until) => {
		for (let i = 0; i < 100 && !(await until()); i++) await new Promise((r) => setTimeout(r, 100));
	};
	await wait(async () => (await fetch(floorUrl, { method: 'POST', body: '{}' })).status === 200);

	console.log(`warming up (${WARMUP} each)…`);
	for (let i = 0; i < WARMUP; i++) {
		await floorOnce();
		await oursOnce();
	}
	const results = {};
	// Interleaved in blocks so that machine noise hits both paths alike.
	for (const [label, total, concurrency] of [
		['sequential', SEQUENTIAL, 1],
		['concurrent', CONCURRENT_TOTAL, CONCURRENCY],
	]) {
		console.log(`${label}: ${total} requests, ${concurrency} at a time…`);
		const half = Math.floor(total / 2);
		const f1 = await runLoad(half, concurrency, floorOnce);
		const o1 = await runLoad(half, concurrency, oursOnce);
		const o2 = await runLoad(total - half, concurrency, oursOnce);
		const f2 = await runLoad(total - half, concurrency, floorOnce);
		const merge = (a, b) => ({
			n: a.n + b.n,
			p50: (a.p50 + b.p50) / 2,
			p90: (a.p90 + b.p90) / 2,
			p99: Math.max(a.p99, b.p99),
			rps: (a.rps + b.rps) / 2,
		});
		results[label] = { floor: merge(f1, f2), ours: merge(o1, o2) };
	}
	const stats = sb.stats();
	const dup = sb.sent().length - seq;
	console.log('\n| run | path | n | p50 ms | p90 ms | p99 ms | req/s |');
	console.log('| --- | --- | --- | --- | --- | --- | --- |');
	for (const [label, r] of Object.entries(results)) {
		for (const [pathName, s] of Object.entries(r)) {
			console.log(
				`| ${label} | ${pathName} | ${s.n} | ${s.p50.toFixed(1)} | ${s.p90.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.rps.toFixed(1)} |`,
			);
		}
	}
	console.log(
		`\nDMs pushed: ${seq}, replies sent: ${sb.sent().length} (difference ${dup}), token refreshes: ${stats.refreshes}, push attempts: ${stats.pushAttempts}`,
	);
	const s = results.sequential;
	const c = results.concurrent;
	const line = {
		floor_p50_ms: s.floor.p50,
		ours_p50_ms: s.ours.p50,
		floor_p99_ms: s.floor.p99,
		ours_p99_ms: s.ours.p99,
		ratio_p50: +(s.ours.p50 / s.floor.p50).toFixed(2),
		ratio_p99: +(s.ours.p99 / s.floor.p99).toFixed(2),
		ours_rps: c.ours.rps,
		floor_rps: c.floor.rps,
		concurrent_floor_p50_ms: c.floor.p50,
		concurrent_ours_p50_ms: c.ours.p50,
		concurrent_ratio_p50: +(c.ours.p50 / c.floor.p50).toFixed(2),
		concurrent_ratio_p99: +(c.ours.p99 / c.floor.p99).toFixed(2),
	};
	await stopAll();
	await sb.close();
	fs.rmSync(userFolder, { recursive: true, force: true });
	console.log(JSON.stringify(line));
}

main().catch(async (error) => {
	console.error(error);
	await stopAll();
	process.exit(1);
});
