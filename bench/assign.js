#!/usr/bin/env node
// npm run bench:assign — the routing engine's atomic Assign (DeskStore) under concurrency, on
// the embedded SQLite store and on a private Redis, against a naive read-then-write version on
// the same stores in the same run. 50 agents, capacity 5 each: workers assign fresh
// conversations and release the oldest open ones, so the desk sits near capacity and some
// conversations queue and are backfilled. Every run of ours is checked during and after (desk
// invariants, one agent per conversation, nothing left queued); the naive version's capacity
// overruns and lost updates are counted, because they are the point of atomicity. Medians
// over interleaved rounds. The last line is one JSON object.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startRedisServer } = require('../test/setup/redis-server');

require('../scripts/lib/requireTs');
const shared = path.join(__dirname, '..', 'nodes', 'shared');
const { DeskStore } = require(path.join(shared, 'assignAgent', 'deskStore.ts'));
const { checkInvariants } = require(path.join(shared, 'assignAgent', 'deskState.ts'));
const { rosterFromJson } = require(path.join(shared, 'assignAgent', 'roster.ts'));
const { DEFAULT_POLICY } = require(path.join(shared, 'assignAgent', 'routingPolicy.ts'));
const { EmbeddedStateStore } = require(path.join(shared, 'state', 'EmbeddedStateStore.ts'));
const { RedisStateStore } = require(path.join(shared, 'state', 'RedisStateStore.ts'));

const N = Number(process.env.BENCH_N || 30_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
// The naive version is several times slower (on Redis ~1k/s: six round trips per cycle), and
// its rate settles within a few hundred conversations: fewer of them keep the run short.
const NAIVE_N = Number(process.env.BENCH_NAIVE_N || Math.min(N, 5_000));
// A short unreported run per backend first, so round 1 does not pay for the JIT and the
// first Redis connection.
const WARMUP = Number(process.env.BENCH_WARMUP || 2_000);
const AGENTS = 50;
const CAPACITY = 5;
const TOTAL_CAPACITY = AGENTS * CAPACITY;
// Live conversations (open or queued) kept before the oldest open one is released. Up to
// CONCURRENCY assigns arrive on top of these at once, so live swings between HOLD and
// HOLD + CONCURRENCY: centred on the desk's capacity, it is full about half the time and some
// conversations queue and are backfilled. The figures depend a lot on this (a longer queue
// costs more per release); BENCH_HOLD changes it.
const HOLD = Number(
	process.env.BENCH_HOLD ?? Math.max(0, TOTAL_CAPACITY - Math.round(CONCURRENCY / 2)),
);
// One committed desk state in this many conversations is read back and checked mid-run.
const SAMPLE_EVERY = 1_000;
const GOALS = { embedded: 100_000, redis: 10_000 };
const LEGAL = '法律';
const AFTER_SALES = '售后';

// Every 5th agent is a lawyer; every 10th request needs one (with the default ladder
// skill → anyone, a legal question still goes to anyone when every lawyer is full).
const ROSTER = rosterFromJson(
	Array.from({ length: AGENTS }, (_, i) => ({
		id: `a${String(i + 1).padStart(2, '0')}`,
		name: `客服${i + 1}`,
		skills: i % 5 === 0 ? [LEGAL] : [AFTER_SALES],
		capacity: CAPACITY,
	})),
);
// One array for every call: the desk caches the roster's hash by array identity.
const ENV = { roster: ROSTER, policy: DEFAULT_POLICY };
const skillsFor = (i) => (i % 10 === 0 ? [LEGAL] : [AFTER_SALES]);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (sorted, p) =>
	sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

function latencySummary(latencies, count) {
	const sorted = Float64Array.from(latencies.subarray(0, count)).sort();
	return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Conversations open with an agent, released oldest first (an array and a head index). */
class Fifo {
	items = [];
	head = 0;
	get size() {
		return this.items.length - this.head;
	}
	push(x) {
		this.items.push(x);
	}
	shift() {
		return this.items[this.head++];
	}
}

/** Runs `cycle(i)` for i in 0..n-1 on `concurrency` workers sharing one counter. */
async function runWorkers(n, concurrency, cycle) {
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < n) await cycle(next++);
		}),
	);
}

/**
 * Ours: DeskStore.assign / release. Returns throughput, Assign latency and every problem
 * found (a problem is a violation of the engine's guarantees).
 */
async function runOurs(store, desk, n) {
	const deskStore = new DeskStore(store, desk);
	const served = new Map(); // conversation → agent, from 'assigned' and 'backfilled' events
	const problems = [];
	const open = new Fifo();
	const latencies = new Float64Array(n);
	let queued = 0;
	let backfilled = 0;
	let live = 0; // assigned or queued, not yet released

	// Backfills arrive in the answers of other calls (releases, assigns), so every answer is read.
	const see = (events) => {
		for (const event of events) {
			const id = event.conversationId;
			if (event.type === 'assigned' || event.type === 'backfilled') {
				if (served.has(id))
					problems.push(`${id} got a second agent (${served.get(id)}, then ${event.agent.id})`);
				served.set(id, event.agent.id);
				open.push(id);
				if (event.type === 'backfilled') backfilled++;
				if (event.load && event.load.open > event.load.capacity)
					problems.push(`${id}: ${event.agent.id} at ${event.load.open}/${event.load.capacity}`);
			} else if (event.type === 'queued') {
				queued++;
			} else if (event.type !== 'released') {
				problems.push(`${id}: unexpected event ${event.type} (${event.reason})`);
			}
		}
	};
	const release = (id) =>
		deskStore
			.release(id, ENV)
			.then(see, (error) => problems.push(`release ${id}: ${error.message}`));

	const started = performance.now();
	await runWorkers(n, CONCURRENCY, async (i) => {
		const conversationId = `${desk}-c${i}`;
		const request = {
			conversationId,
			lane: 'normal',
			skills: skillsFor(i),
			priority: 0,
			context: { customerUserId: `${desk}-u${i}` },
		};
		const t0 = performance.now();
		const events = await deskStore.assign(request, ENV).catch((error) => {
			problems.push(`assign ${conversationId}: ${error.message}`);
			return [];
		});
		latencies[i] = performance.now() - t0;
		see(events);
		// The desk as committed, now and then while it is full: loads match the open
		// conversations, nobody above capacity, nothing both open and queued.
		if (i % SAMPLE_EVERY === SAMPLE_EVERY - 1) {
			const { state } = await deskStore.readState();
			problems.push(
				...checkInvariants(state, () => CAPACITY).map((p) => `desk after ${i + 1}: ${p}`),
			);
		}
		// Queued conversations count as live too: counting only the open ones would release
		// just as many as got a slot, and the queue would grow without end.
		if (++live > HOLD && open.size > 0) {
			live--;
			await release(open.shift());
		}
	});

	// Once the workers stop: the desk holds exactly what this process thinks is open or queued.
	const busy = (await deskStore.readState()).state;
	problems.push(...checkInvariants(busy, () => CAPACITY).map((p) => `busy desk: ${p}`));
	const waiting = n - served.size;
	if (busy.queue.length !== waiting)
		problems.push(`busy desk: ${busy.queue.length} queued, expected ${waiting}`);
	if (Object.keys(busy.open).length !== open.size)
		problems.push(`busy desk: ${Object.keys(busy.open).length} open, expected ${open.size}`);
	const queueWhenBusy = busy.queue.length;

	// Close everything; the releases backfill what still waits, which is then closed in turn.
	while (open.size > 0) {
		const batch = [];
		while (open.size > 0) batch.push(release(open.shift()));
		await Promise.all(batch);
	}
	const wallMs = performance.now() - started;

	const { state } = await deskStore.readState();
	problems.push(...checkInvariants(state, () => CAPACITY));
	if (state.queue.length)
		problems.push(`${state.queue.length} conversations still queued at the end`);
	if (Object.keys(state.open).length)
		problems.push(`${Object.keys(state.open).length} conversations still open at the end`);
	if (served.size !== n)
		problems.push(`${n - served.size} of ${n} conversations never got an agent`);
	if (backfilled !== queued)
		problems.push(`${queued} conversations queued but ${backfilled} backfilled`);
	return {
		perS: (served.size / wallMs) * 1000,
		wallMs,
		...latencySummary(latencies, n),
		problems,
		queued,
		backfilled,
		queueWhenBusy,
	};
}

/**
 * The naive baseline: what a workflow does with plain get/set (or n8n's static data). Read
 * every agent's load (one getMany: the fastest honest read), pick the least loaded in JS,
 * write load + 1 and the conversation. No queue: when every load read is full, the
 * conversation is refused. The bench knows each agent's true load, so it counts assignments
 * beyond capacity and, at the end, how far the stored loads drifted from the truth.
 */
async function runNaive(store, prefix, n) {
	const loadKeys = ROSTER.map((a) => `${prefix}load:${a.id}`);
	const convKey = (id) => `${prefix}conv:${id}`;
	for (const key of loadKeys) await store.set(key, '0');
	const trueLoad = new Array(AGENTS).fill(0);
	const open = new Fifo();
	const latencies = new Float64Array(n);
	let served = 0;
	let refused = 0;
	let overCapacity = 0;

	// Ties broken at random, as anyone would write it: picking the first of equals would send
	// every worker that read the same loads to the same agent and overstate the damage.
	const leastLoaded = (loads, eligible) => {
		let best = -1;
		let ties = 0;
		for (let a = 0; a < AGENTS; a++) {
			if (!eligible(a) || loads[a] >= CAPACITY) continue;
			if (best < 0 || loads[a] < loads[best]) {
				best = a;
				ties = 1;
			} else if (loads[a] === loads[best] && Math.random() * ++ties < 1) {
				best = a;
			}
		}
		return best;
	};
	const release = async ({ id, agent }) => {
		trueLoad[agent]--;
		const entry = await store.get(loadKeys[agent]);
		await store.set(loadKeys[agent], String(Number(entry?.value ?? 0) - 1));
		await store.delete(convKey(id));
	};

	const started = performance.now();
	await runWorkers(n, CONCURRENCY, async (i) => {
		const id = `${prefix}c${i}`;
		const skills = skillsFor(i);
		const t0 = performance.now();
		const loads = (await store.getMany(loadKeys)).map((entry) => Number(entry?.value ?? 0));
		// The same ladder as the engine's default: skill first, then anyone.
		let agent = leastLoaded(loads, (a) => ROSTER[a].skills.includes(skills[0]));
		if (agent < 0) agent = leastLoaded(loads, () => true);
		if (agent >= 0) {
			if (++trueLoad[agent] > CAPACITY) overCapacity++;
			await store.set(loadKeys[agent], String(loads[agent] + 1));
			await store.set(convKey(id), ROSTER[agent].id);
			served++;
			open.push({ id, agent });
		} else {
			refused++;
		}
		latencies[i] = performance.now() - t0;
		if (open.size > HOLD) await release(open.shift());
	});
	// Drift = |stored load − true load| summed over agents: each unit is an update lost (or
	// counted twice) by two workers writing from the same read. Measured busy and at the end.
	const drift = async () =>
		(await store.getMany(loadKeys)).reduce(
			(sum, entry, a) => sum + Math.abs(Number(entry?.value ?? 0) - trueLoad[a]),
			0,
		);
	const busyDrift = await drift();
	while (open.size > 0) {
		const batch = [];
		while (open.size > 0) batch.push(release(open.shift()));
		await Promise.all(batch);
	}
	const wallMs = performance.now() - started;

	// Everything is closed, so every stored load should be back at 0 (lost increments and lost
	// decrements may cancel out here, hence the busy measurement too).
	const lostUpdates = busyDrift + (await drift());
	return {
		perS: (served / wallMs) * 1000,
		wallMs,
		...latencySummary(latencies, n),
		served,
		refused,
		overCapacity,
		lostUpdates,
		violations: overCapacity + lostUpdates,
	};
}

const fmt = (x, digits = 0) =>
	x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main() {
	const redis = await startRedisServer();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xhs-bench-assign-'));
	// A private server: stop it even when the bench fails half way.
	const stopRedis = () => {
		if (redis.stopped) return;
		redis.stopped = true;
		redis.stop();
	};
	process.on('exit', stopRedis);
	let run = 0;
	// Every run starts from empty state: a new SQLite file, a new Redis key prefix.
	const backends = {
		embedded: () => EmbeddedStateStore.open(path.join(tmp, `run${++run}.sqlite`)),
		redis: () => new RedisStateStore({ url: redis.url, keyPrefix: `bench${++run}:` }),
	};
	const withStore = async (backend, work) => {
		const store = backends[backend]();
		try {
			return await work(store);
		} finally {
			await store.close();
		}
	};

	console.log(
		`bench:assign — ${AGENTS} agents × capacity ${CAPACITY}, ${fmt(N)} conversations per run (naive ${fmt(NAIVE_N)}), ${CONCURRENCY} concurrent, ${ROUNDS} rounds, release the oldest above ${HOLD} live`,
	);
	console.log(
		`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), redis ${redis.url}\n`,
	);

	const results = { embedded: { ours: [], naive: [] }, redis: { ours: [], naive: [] } };
	// Warm-up figures are not reported, but a violation there still counts.
	const warmupProblems = [];
	try {
		for (const backend of Object.keys(backends)) {
			const warm = await withStore(backend, (store) => runOurs(store, `warm${run}`, WARMUP));
			warmupProblems.push(...warm.problems.map((p) => `warm-up ${backend}: ${p}`));
			await withStore(backend, (store) => runNaive(store, `warm${run}:`, WARMUP));
		}
		for (const problem of warmupProblems.slice(0, 5)) console.log(`  ! ${problem}`);
		for (let round = 1; round <= ROUNDS; round++) {
			for (const backend of Object.keys(backends)) {
				const ours = await withStore(backend, (store) => runOurs(store, `desk${run}`, N));
				const naive = await withStore(backend, (store) => runNaive(store, `naive${run}:`, NAIVE_N));
				results[backend].ours.push(ours);
				results[backend].naive.push(naive);
				console.log(
					`round ${round} ${backend.padEnd(8)}  ours ${fmt(ours.perS).padStart(8)}/s p99 ${fmt(ours.p99, 2).padStart(6)} ms ` +
						`(${fmt(ours.wallMs)} ms, ${fmt((100 * ours.backfilled) / N)}% via the queue, problems ${ours.problems.length})  ` +
						`naive ${fmt(naive.perS).padStart(8)}/s p99 ${fmt(naive.p99, 2).padStart(6)} ms (over capacity ${naive.overCapacity}, lost ${naive.lostUpdates}, refused ${naive.refused})`,
				);
				for (const problem of ours.problems.slice(0, 5)) console.log(`  ! ${problem}`);
			}
		}
	} finally {
		stopRedis();
		fs.rmSync(tmp, { recursive: true, force: true });
	}

	const summary = {};
	for (const backend of Object.keys(results)) {
		const { ours, naive } = results[backend];
		summary[backend] = {
			perS: median(ours.map((r) => r.perS)),
			p50: median(ours.map((r) => r.p50)),
			p99: median(ours.map((r) => r.p99)),
			violations: ours.reduce((sum, r) => sum + r.problems.length, 0),
			backfilled: median(ours.map((r) => r.backfilled)),
			queueWhenBusy: median(ours.map((r) => r.queueWhenBusy)),
			naivePerS: median(naive.map((r) => r.perS)),
			naiveP50: median(naive.map((r) => r.p50)),
			naiveP99: median(naive.map((r) => r.p99)),
			naiveOver: naive.reduce((sum, r) => sum + r.overCapacity, 0),
			naiveLost: naive.reduce((sum, r) => sum + r.lostUpdates, 0),
			naiveRefused: naive.reduce((sum, r) => sum + r.refused, 0),
		};
	}
	const e = summary.embedded;
	const r = summary.redis;
	const row = (cells) =>
		console.log(
			cells.map((c, i) => (i === 0 ? String(c).padEnd(24) : String(c).padStart(12))).join(''),
		);
	console.log(`\nmedians over ${ROUNDS} rounds (violations summed over all rounds)`);
	row(['', 'assign/s', 'p50 ms', 'p99 ms', 'violations', 'ours/naive']);
	for (const [name, s] of [
		['embedded', e],
		['redis', r],
	]) {
		row([
			`${name}: ours (atomic)`,
			fmt(s.perS),
			fmt(s.p50, 2),
			fmt(s.p99, 2),
			s.violations,
			`${fmt(s.perS / s.naivePerS, 2)}×`,
		]);
		row([
			`${name}: naive`,
			fmt(s.naivePerS),
			fmt(s.naiveP50, 2),
			fmt(s.naiveP99, 2),
			s.naiveOver + s.naiveLost,
			'',
		]);
	}
	console.log(
		`naive violations: embedded ${e.naiveOver} over capacity + ${e.naiveLost} lost load updates; redis ${r.naiveOver} + ${r.naiveLost} (refused for "all full": ${e.naiveRefused} / ${r.naiveRefused})`,
	);
	console.log(
		`ours: ${fmt((100 * e.backfilled) / N)}% of conversations went through the queue (backfilled by a release); queue ${e.queueWhenBusy} long when the workers stopped`,
	);
	console.log(
		`embedded / redis: ours ${fmt(e.perS / r.perS, 1)}×, naive ${fmt(e.naivePerS / r.naivePerS, 1)}×`,
	);
	const met = { embedded: e.perS >= GOALS.embedded, redis: r.perS >= GOALS.redis };
	console.log(
		`goal embedded ≥ ${fmt(GOALS.embedded)}/s: ${met.embedded ? 'met' : 'NOT met'} (${fmt(e.perS)}/s); goal redis ≥ ${fmt(GOALS.redis)}/s: ${met.redis ? 'met' : 'NOT met'} (${fmt(r.perS)}/s)`,
	);

	const round2 = (x) => Math.round(x * 100) / 100;
	console.log(
		JSON.stringify({
			embedded_per_s: Math.round(e.perS),
			redis_per_s: Math.round(r.perS),
			embedded_p50_ms: round2(e.p50),
			embedded_p99_ms: round2(e.p99),
			redis_p50_ms: round2(r.p50),
			redis_p99_ms: round2(r.p99),
			violations: e.violations + r.violations + warmupProblems.length,
			naive_embedded_per_s: Math.round(e.naivePerS),
			naive_redis_per_s: Math.round(r.naivePerS),
			naive_embedded_p99_ms: round2(e.naiveP99),
			naive_redis_p99_ms: round2(r.naiveP99),
			naive_violations: e.naiveOver + e.naiveLost + r.naiveOver + r.naiveLost,
			naive_over_capacity: e.naiveOver + r.naiveOver,
			naive_lost_updates: e.naiveLost + r.naiveLost,
			embedded_vs_naive: round2(e.perS / e.naivePerS),
			redis_vs_naive: round2(r.perS / r.naivePerS),
			embedded_goal_met: met.embedded,
			redis_goal_met: met.redis,
			agents: AGENTS,
			capacity: CAPACITY,
			concurrency: CONCURRENCY,
			conversations: N,
			naive_conversations: NAIVE_N,
			rounds: ROUNDS,
		}),
	);
}

// No process.exit on success: the process ending by itself shows every store was closed.
main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
