#!/usr/bin/env node
// npm run bench:metrics — what service metrics cost.
// 1. Recording: every DM appends one event to the log. Its cost is set against the write the
//    trigger already makes for every DM (the atomic dedup claim), on the embedded SQLite store
//    and on a private Redis, sequentially (per-DM latency is what the webhook feels).
// 2. Reporting: a day of 10,000 DMs (about 40,000 events) read back and turned into a report
//    with its SVG chart, against just reading and parsing the same events (the floor); the PNG
//    (resvg drawing that SVG with the Chinese font) is timed on its own as png_ms.
// Medians over interleaved rounds; the last line is one JSON object.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startRedisServer } = require('../test/setup/redis-server');

require('../scripts/lib/requireTs');
const shared = path.join(__dirname, '..', 'nodes', 'shared');
const { EmbeddedStateStore } = require(path.join(shared, 'state', 'EmbeddedStateStore.ts'));
const { RedisStateStore } = require(path.join(shared, 'state', 'RedisStateStore.ts'));
const { EventLog, EVENT_STREAM } = require(path.join(shared, 'serviceMetrics', 'eventLog.ts'));
const { computeMetrics } = require(path.join(shared, 'serviceMetrics', 'serviceMetrics.ts'));
const { reportChartModel } = require(path.join(shared, 'serviceMetrics', 'reportChart.ts'));
const { renderPng, renderSvg } = require(path.join(shared, 'serviceMetrics', 'chart', 'index.ts'));
const { parseWorkingHours } = require(path.join(shared, 'hours', 'windows.ts'));

const N = Number(process.env.BENCH_N || 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const DAY_DMS = Number(process.env.BENCH_DAY_DMS || 10_000);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function inboundEvent(i) {
	return {
		type: 'message_in',
		at: Date.now(),
		conversationId: `biz:c${i}`,
		customerUserId: `c${i}`,
		messageId: `m${i}_${Math.random()}`,
		text: '这个面霜多少钱？',
		ackMs: 40,
		delayMs: 300,
	};
}

/** µs per DM: the dedup claim alone, and the claim plus the event append. */
async function recordingRound(store, tag) {
	const log = new EventLog(store);
	let t = process.hrtime.bigint();
	for (let i = 0; i < N; i++) await store.claim(`seen:bench:${tag}:${i}`, '1', 3_600_000);
	const claimUs = Number(process.hrtime.bigint() - t) / 1000 / N;
	t = process.hrtime.bigint();
	for (let i = 0; i < N; i++) {
		await store.claim(`seen:bench:${tag}:b${i}`, '1', 3_600_000);
		await log.record([inboundEvent(i)]);
	}
	const bothUs = Number(process.hrtime.bigint() - t) / 1000 / N;
	return { claimUs, appendUs: bothUs - claimUs };
}

/** A day of traffic: 60% answered automatically, the rest handed to 8 agents, most closed and rated. */
function dayOfEvents(start) {
	const events = [];
	for (let i = 0; i < DAY_DMS; i++) {
		const at = start + Math.floor((i / DAY_DMS) * 86_400_000);
		const c = `biz:c${i}`;
		events.push({
			type: 'message_in',
			at,
			conversationId: c,
			messageId: `m${i}`,
			text: '这个面霜多少钱？',
			ackMs: 30 + (i % 50),
			delayMs: 200 + (i % 300),
		});
		if (i % 5 < 3) {
			events.push({
				type: 'classified',
				at,
				conversationId: c,
				messageId: `m${i}`,
				route: 'matched',
				tags: ['价格'],
			});
			events.push({
				type: 'reply_sent',
				at: at + 800,
				conversationId: c,
				messageId: `m${i}`,
				by: 'auto',
			});
		} else {
			const agent = `a${i % 8}`;
			events.push({
				type: 'classified',
				at,
				conversationId: c,
				messageId: `m${i}`,
				route: 'noMatch',
				tags: [['售后', '物流', '投诉'][i % 3]],
			});
			events.push({
				type: 'assigned',
				at: at + 500,
				conversationId: c,
				agentId: agent,
				agentName: `客服${i % 8}`,
			});
			events.push({
				type: 'agent_reply',
				at: at + 60_000 + (i % 600) * 1000,
				conversationId: c,
				agentId: agent,
			});
			if (i % 4)
				events.push(
					{ type: 'closed', at: at + 900_000, conversationId: c, agentId: agent },
					{ type: 'csat', at: at + 960_000, conversationId: c, score: 1 + (i % 5) },
				);
		}
	}
	return events;
}

async function reportRound(store, start) {
	const range = { sinceMs: start, untilMs: start + 86_400_000 };
	let t = process.hrtime.bigint();
	const entries = await store.readStream(EVENT_STREAM, { sinceMs: 0 });
	const parsed = entries.map((e) => JSON.parse(e.value));
	const floorMs = Number(process.hrtime.bigint() - t) / 1e6;
	t = process.hrtime.bigint();
	const events = await new EventLog(store).read({ sinceMs: 0, untilMs: Date.now() + 1 });
	const metrics = computeMetrics(events, {
		...range,
		nowMs: range.untilMs,
		timeZone: 'Asia/Shanghai',
		windows: parseWorkingHours('09:00-21:00'),
	});
	const model = reportChartModel(metrics, 'bench');
	renderSvg(model);
	const reportMs = Number(process.hrtime.bigint() - t) / 1e6;
	// The PNG apart: resvg draws the SVG with the Chinese font (its WebAssembly is compiled on a
	// process's first chart, outside the timing, as for an n8n that has drawn one before).
	t = process.hrtime.bigint();
	await renderPng(model);
	const pngMs = Number(process.hrtime.bigint() - t) / 1e6;
	if (metrics.messages.inbound !== DAY_DMS || parsed.length < DAY_DMS)
		throw new Error(`report counted ${metrics.messages.inbound} of ${DAY_DMS} DMs`);
	return { floorMs, reportMs, pngMs, events: parsed.length };
}

async function main() {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xhs-bench-metrics-'));
	const redis = await startRedisServer();
	const stores = {
		embedded: EmbeddedStateStore.open(path.join(tmp, 'state.sqlite')),
		redis: new RedisStateStore({ url: redis.url, keyPrefix: `bench${process.pid}:` }),
	};
	const out = {};
	try {
		const rec = { embedded: [], redis: [] };
		for (let r = 0; r < ROUNDS; r++)
			for (const [name, store] of Object.entries(stores))
				rec[name].push(await recordingRound(store, `${name}${r}`));
		for (const [name, runs] of Object.entries(rec)) {
			const claimUs = median(runs.map((x) => x.claimUs));
			const appendUs = median(runs.map((x) => x.appendUs));
			out[`${name}_claim_us`] = round(claimUs);
			out[`${name}_append_us`] = round(appendUs);
			out[`${name}_append_vs_claim`] = round(appendUs / claimUs, 2);
			console.log(
				`${name.padEnd(8)} per DM: dedup claim ${round(claimUs)} µs, event append ${round(appendUs)} µs (${round(appendUs / claimUs, 2)}× the claim)`,
			);
		}
		// A fresh store for the report, holding exactly one day.
		const dayStore = EmbeddedStateStore.open(path.join(tmp, 'day.sqlite'));
		const start = Date.now() - 86_400_000;
		const day = dayOfEvents(start);
		for (const event of day) await dayStore.append(EVENT_STREAM, JSON.stringify(event), {});
		await renderPng({ title: 'warm-up 预热', panels: [] });
		const reps = [];
		for (let r = 0; r < ROUNDS; r++) reps.push(await reportRound(dayStore, start));
		const floorMs = median(reps.map((x) => x.floorMs));
		const reportMs = median(reps.map((x) => x.reportMs));
		const pngMs = median(reps.map((x) => x.pngMs));
		Object.assign(out, {
			day_dms: DAY_DMS,
			day_events: reps[0].events,
			report_floor_ms: round(floorMs),
			report_ms: round(reportMs),
			report_vs_floor: round(reportMs / floorMs, 2),
			png_ms: round(pngMs),
		});
		console.log(
			`report   a day of ${DAY_DMS} DMs (${reps[0].events} events): read+parse ${round(floorMs)} ms, whole report with SVG chart ${round(reportMs)} ms (${round(reportMs / floorMs, 2)}× the floor), PNG ${round(pngMs)} ms`,
		);
		await dayStore.close();
	} finally {
		for (const store of Object.values(stores)) await store.close();
		redis.stop();
		fs.rmSync(tmp, { recursive: true, force: true });
	}
	console.log(JSON.stringify(out));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
