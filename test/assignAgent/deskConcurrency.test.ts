/**
 * The routing desk under load, on both backends: hundreds of Assign calls at once over ten
 * agents while some agents flap between online, busy, away and offline, first within one
 * process (concurrent executions of one n8n, batched by the desk's group commit) and then
 * from several OS processes sharing one Redis or one SQLite file (versioned compare-and-set
 * between them).
 *
 * Nothing here depends on timing: pauses only spread the calls so that batches and processes
 * interleave; what is asserted holds for every interleaving.
 *  - a monitor reads the committed desk over and over during the run: every snapshot keeps
 *    the invariants (load = open conversations, load ≤ capacity, nothing both open and queued,
 *    nothing queued twice, an offline agent holds nothing), and no conversation, once seen,
 *    disappears while only Assign runs (or comes back once released);
 *  - every call's events are recorded: replayed in commit order (one process) they must
 *    describe legal moves only (a conversation given to an agent when it was new or queued,
 *    taken from the agent that held it, never given to an agent who was not online, nobody
 *    over capacity after any operation) and end exactly in the committed state; across
 *    processes, where the order between processes is unknown, their counts must add up to
 *    the committed state (per conversation and per agent);
 *  - once the Assigns settle, each conversation is open with one agent or queued, once;
 *    Releases then drain everything: every conversation is served and released exactly once
 *    and the desk ends empty.
 *
 * A failure prints the seed; DESK_TEST_SEED=<seed> repeats the same pauses and status changes
 * (the interleaving itself still depends on the machine).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { DeskEvent } from '../../nodes/shared/assignAgent/deskOperations';
import { checkInvariants, type DeskState } from '../../nodes/shared/assignAgent/deskState';
import { DeskStore, type DeskEnvironment } from '../../nodes/shared/assignAgent/deskStore';
import { rosterFromJson, type AgentStatus } from '../../nodes/shared/assignAgent/roster';
import { policyWith } from '../../nodes/shared/assignAgent/routingPolicy';
import { EmbeddedStateStore } from '../../nodes/shared/state/EmbeddedStateStore';
import { RedisStateStore } from '../../nodes/shared/state/RedisStateStore';
import type { StateStore } from '../../nodes/shared/state/StateStore';
import { redisTestUrl, sleep, tempDir, uniquePrefix } from '../state/helpers';
// The same generator fixtures/deskWorker.js loads.
import { mulberry32 as rng } from '../support/seededRandom';

jest.setTimeout(60_000);

const AGENT_COUNT = 10;
const CAPACITY = 3;
const ROWS = Array.from({ length: AGENT_COUNT }, (_, i) => ({
	id: `a${i}`,
	name: `客服${i}`,
	capacity: CAPACITY,
}));
const AGENT_IDS = ROWS.map((row) => row.id);
/** Agents whose status flaps during the run; the other seven stay online. */
const FLAPPERS = ['a0', 'a1', 'a2'];
/** Offline hands conversations on at once; a sweep takes them from an agent away at all. */
const POLICY_OVERRIDES = { reassignOnOffline: true, awayGraceMinutes: 0 };
const ENV: DeskEnvironment = { roster: rosterFromJson(ROWS), policy: policyWith(POLICY_OVERRIDES) };
/** Normal lane only, so no reserved slot is ever in use: the limit is the capacity itself. */
const capacityOf = (agent: string) => (AGENT_IDS.includes(agent) ? CAPACITY : 0);
const STATUSES: AgentStatus[] = ['online', 'busy', 'away', 'offline'];
/** Sticky customers: several conversations per customer, so sticky hints are written concurrently. */
const CUSTOMERS = 25;

const BASE_SEED = Number(process.env.DESK_TEST_SEED) || Date.now() % 1_000_000_007;

function assignRequest(conversationId: string, index: number) {
	return {
		conversationId,
		lane: 'normal' as const,
		skills: [],
		priority: 0,
		context: { customerUserId: `cust-${index % CUSTOMERS}` },
	};
}

// ---------------------------------------------------------------------------------------------
// Backends

interface Backend {
	/** A store on the shared desk: a new connection (Redis) or this process's handle on the file. */
	open(): StateStore;
	/** How a worker process reaches the same desk. */
	worker: Record<string, unknown>;
	close(): Promise<void>;
}

function embeddedBackend(): Backend {
	const dir = tempDir('desk');
	const dbPath = path.join(dir, 'state.sqlite');
	return {
		open: () => EmbeddedStateStore.open(dbPath),
		worker: { backend: 'embedded', dbPath },
		close: async () => {
			await EmbeddedStateStore.open(dbPath).close();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

function redisBackend(): Backend {
	const keyPrefix = uniquePrefix('desk');
	const stores: RedisStateStore[] = [];
	return {
		open: () => {
			const store = new RedisStateStore({ url: redisTestUrl(), keyPrefix });
			stores.push(store);
			return store;
		},
		worker: { backend: 'redis', redisUrl: redisTestUrl(), keyPrefix },
		close: async () => {
			await Promise.all(stores.map((store) => store.close()));
		},
	};
}

// ---------------------------------------------------------------------------------------------
// What the calls said, and checks of it

type Kind = 'assign' | 'status' | 'sweep' | 'release';

interface Entry {
	kind: Kind;
	/** The conversation (assign, release) or agent (status) the call was about. */
	subject: string;
	status?: AgentStatus;
	events: DeskEvent[];
}

/**
 * Records a call's events in the call's own reaction: one DeskStore resolves its jobs batch
 * after batch, each right after its commit, so entries of one DeskStore land in commit order.
 */
function recorder(log: Entry[]) {
	return (kind: Kind, subject: string, call: Promise<DeskEvent[]>, status?: AgentStatus) =>
		call.then((events) => {
			log.push({ kind, subject, status, events });
			return events;
		});
}
type Recorder = ReturnType<typeof recorder>;

type Where = { at: 'open'; agent: string } | { at: 'queue' } | { at: 'closed' };

function describeWhere(where: Where | undefined): string {
	if (!where) return 'unknown';
	return where.at === 'open' ? `open with ${where.agent}` : where.at;
}

/** Problems of one committed state, whatever the moment. */
function snapshotProblems(state: DeskState, ids: Set<string>): string[] {
	const problems = checkInvariants(state, capacityOf);
	for (const [agent, runtime] of Object.entries(state.agents)) {
		if (!AGENT_IDS.includes(agent)) problems.push(`unknown agent ${agent} in the state`);
		if (runtime.open > capacityOf(agent))
			problems.push(`${agent} holds ${runtime.open} > capacity ${capacityOf(agent)}`);
		if (runtime.status === 'offline' && runtime.open !== 0)
			problems.push(`${agent} is offline but holds ${runtime.open} (reassignOnOffline)`);
	}
	for (const [id, conversation] of Object.entries(state.open)) {
		if (!ids.has(id)) problems.push(`${id} is open but was never asked for`);
		if (!AGENT_IDS.includes(conversation.agent))
			problems.push(`${id} is open with unknown agent ${conversation.agent}`);
	}
	for (const entry of state.queue)
		if (!ids.has(entry.conversationId))
			problems.push(`${entry.conversationId} is queued but was never asked for`);
	return problems;
}

/** Every conversation, where the committed state has it: open or queued, each exactly once. */
function placedIds(state: DeskState): string[] {
	return [...Object.keys(state.open), ...state.queue.map((q) => q.conversationId)].sort();
}

/** No slot may stay free while a conversation that could take it waits. */
function idleWhileWaiting(state: DeskState): string[] {
	const problems: string[] = [];
	for (const agent of AGENT_IDS) {
		const runtime = state.agents[agent];
		if (!runtime || runtime.status !== 'online' || runtime.open >= CAPACITY) continue;
		const waiting = state.queue.filter((q) => !q.previousAgents.includes(agent));
		if (waiting.length)
			problems.push(
				`${agent} is online with ${runtime.open}/${CAPACITY} while ${waiting.length} could take it (first: ${waiting[0].conversationId})`,
			);
	}
	return problems;
}

/**
 * Reads the committed desk again and again until stopped. 'grow': only Assign (and status
 * changes) run, so a conversation once seen must stay open or queued. 'shrink': Releases run,
 * so a conversation once gone must not come back.
 */
function startMonitor(desk: DeskStore, ids: Set<string>, mode: 'grow' | 'shrink') {
	const problems: string[] = [];
	let stopping = false;
	let snapshots = 0;
	let lastVersion = 0;
	let previous = new Set<string>();
	const gone = new Set<string>();
	const note = (problem: string) => {
		if (problems.length < 30) problems.push(problem);
	};
	const loop = (async () => {
		do {
			const { state, version } = await desk.readState();
			snapshots++;
			if (version < lastVersion) note(`version went back from ${lastVersion} to ${version}`);
			lastVersion = version;
			for (const problem of snapshotProblems(state, ids)) note(`v${version}: ${problem}`);
			const now = new Set(placedIds(state));
			for (const id of previous) {
				if (now.has(id)) continue;
				if (mode === 'grow')
					note(`v${version}: ${id} disappeared (was open or queued, only Assign ran)`);
				else gone.add(id);
			}
			for (const id of gone)
				if (now.has(id)) note(`v${version}: ${id} came back after it was released`);
			previous = mode === 'grow' ? new Set([...previous, ...now]) : now;
			await new Promise((resolve) => setImmediate(resolve));
		} while (!stopping);
	})();
	return {
		async stop() {
			stopping = true;
			await loop;
			return { problems, snapshots };
		},
	};
}

/**
 * The events of one DeskStore replayed in commit order: each must be a legal move from where
 * the conversation was, and no operation may leave an agent over capacity or an offline agent
 * with conversations.
 */
class Ledger {
	readonly where = new Map<string, Where>();
	readonly load = new Map<string, number>(AGENT_IDS.map((a) => [a, 0]));
	readonly status = new Map<string, AgentStatus>(AGENT_IDS.map((a) => [a, 'online']));
	readonly problems: string[] = [];
	private step = 0;

	/** Starts from a committed state (after other processes wrote), or from an empty desk. */
	constructor(state?: DeskState) {
		if (!state) return;
		for (const [id, conversation] of Object.entries(state.open)) {
			this.where.set(id, { at: 'open', agent: conversation.agent });
			this.load.set(conversation.agent, (this.load.get(conversation.agent) ?? 0) + 1);
		}
		for (const entry of state.queue) this.where.set(entry.conversationId, { at: 'queue' });
		for (const [agent, runtime] of Object.entries(state.agents))
			this.status.set(agent, runtime.status);
	}

	private problem(message: string) {
		if (this.problems.length < 30) this.problems.push(message);
	}

	apply(entry: Entry) {
		const tag = `#${++this.step} ${entry.kind} ${entry.subject}${entry.status ? ` ${entry.status}` : ''}`;
		const [first] = entry.events;
		if (
			entry.kind === 'assign' &&
			!(
				first &&
				first.conversationId === entry.subject &&
				(first.type === 'assigned' || first.type === 'queued') &&
				!first.previousAgent
			)
		) {
			this.problem(`${tag}: first event should assign or queue it, got ${JSON.stringify(first)}`);
		}
		if (
			entry.kind === 'release' &&
			!(first && first.conversationId === entry.subject && first.type === 'released')
		) {
			this.problem(`${tag}: first event should release it, got ${JSON.stringify(first)}`);
		}
		if (
			entry.kind === 'status' &&
			!(
				first &&
				first.type === 'status' &&
				first.agent?.id === entry.subject &&
				first.status === entry.status
			)
		) {
			this.problem(`${tag}: first event should be its status, got ${JSON.stringify(first)}`);
		}
		for (const event of entry.events) this.event(event, tag);
		for (const agent of AGENT_IDS) {
			const load = this.load.get(agent) ?? 0;
			if (load > CAPACITY) this.problem(`${tag}: ${agent} holds ${load} > ${CAPACITY}`);
			if (this.status.get(agent) === 'offline' && load > 0)
				this.problem(`${tag}: ${agent} is offline and still holds ${load}`);
		}
	}

	private give(id: string, agent: string | undefined, tag: string, how: string) {
		if (!agent || !AGENT_IDS.includes(agent))
			return this.problem(`${tag}: ${id} ${how} to unknown agent ${agent}`);
		if (this.status.get(agent) !== 'online')
			this.problem(`${tag}: ${id} ${how} to ${agent}, who is ${this.status.get(agent)}`);
		this.where.set(id, { at: 'open', agent });
		this.load.set(agent, (this.load.get(agent) ?? 0) + 1);
	}

	private take(id: string, agent: string | undefined, tag: string, how: string) {
		const where = this.where.get(id);
		if (where?.at !== 'open' || where.agent !== agent)
			return this.problem(`${tag}: ${id} ${how} from ${agent} but it was ${describeWhere(where)}`);
		this.load.set(agent, (this.load.get(agent) ?? 0) - 1);
	}

	private event(event: DeskEvent, tag: string) {
		const id = event.conversationId ?? '';
		switch (event.type) {
			case 'status':
				if (event.agent && event.status) this.status.set(event.agent.id, event.status);
				return;
			case 'assigned':
				if (this.where.has(id))
					this.problem(`${tag}: ${id} assigned but it was ${describeWhere(this.where.get(id))}`);
				return this.give(id, event.agent?.id, tag, 'assigned');
			case 'queued':
				if (event.previousAgent) this.take(id, event.previousAgent.id, tag, 'queued again');
				else if (this.where.has(id))
					this.problem(
						`${tag}: ${id} queued as new but it was ${describeWhere(this.where.get(id))}`,
					);
				this.where.set(id, { at: 'queue' });
				return;
			case 'backfilled':
				if (this.where.get(id)?.at !== 'queue')
					this.problem(`${tag}: ${id} backfilled but it was ${describeWhere(this.where.get(id))}`);
				return this.give(id, event.agent?.id, tag, 'backfilled');
			case 'reassigned':
				if (event.agent?.id === event.previousAgent?.id)
					this.problem(`${tag}: ${id} reassigned to the agent it had`);
				this.take(id, event.previousAgent?.id, tag, 'reassigned');
				return this.give(id, event.agent?.id, tag, 'reassigned');
			case 'released':
				this.take(id, event.agent?.id, tag, 'released');
				this.where.set(id, { at: 'closed' });
				return;
			default:
				this.problem(`${tag}: unexpected event ${JSON.stringify(event)}`);
		}
	}

	/** Differences between the replay and a committed state. */
	compare(state: DeskState): string[] {
		const problems: string[] = [];
		const queued = new Set(state.queue.map((q) => q.conversationId));
		for (const [id, where] of this.where) {
			const actual: Where = state.open[id]
				? { at: 'open', agent: state.open[id].agent }
				: queued.has(id)
					? { at: 'queue' }
					: { at: 'closed' };
			if (describeWhere(actual) !== describeWhere(where))
				problems.push(
					`${id}: events say ${describeWhere(where)}, the desk says ${describeWhere(actual)}`,
				);
		}
		for (const id of placedIds(state))
			if (!this.where.has(id)) problems.push(`${id} is on the desk but no event put it there`);
		for (const agent of AGENT_IDS) {
			const runtime = state.agents[agent];
			if ((runtime?.open ?? 0) !== this.load.get(agent))
				problems.push(
					`${agent}: events say ${this.load.get(agent)} open, the desk says ${runtime?.open}`,
				);
			if ((runtime?.status ?? 'online') !== this.status.get(agent))
				problems.push(
					`${agent}: events say ${this.status.get(agent)}, the desk says ${runtime?.status}`,
				);
		}
		return problems;
	}
}

/**
 * Events counted without their order (several processes): per conversation, entries into and
 * exits from "open" and "queued"; per agent, conversations gained and lost.
 */
class Tally {
	private readonly per = new Map<
		string,
		{ assigned: number; queued: number; requeued: number; backfilled: number; released: number }
	>();
	private readonly agentNet = new Map<string, number>(AGENT_IDS.map((a) => [a, 0]));
	private readonly unexpected: string[] = [];

	private of(id: string) {
		let counts = this.per.get(id);
		if (!counts) {
			counts = { assigned: 0, queued: 0, requeued: 0, backfilled: 0, released: 0 };
			this.per.set(id, counts);
		}
		return counts;
	}

	private shift(agent: string | undefined, delta: number) {
		if (agent) this.agentNet.set(agent, (this.agentNet.get(agent) ?? 0) + delta);
	}

	add(events: DeskEvent[]) {
		for (const event of events) {
			const id = event.conversationId ?? '';
			switch (event.type) {
				case 'status':
					break;
				case 'assigned':
					this.of(id).assigned++;
					this.shift(event.agent?.id, 1);
					break;
				case 'queued':
					if (event.previousAgent) {
						this.of(id).requeued++;
						this.shift(event.previousAgent.id, -1);
					} else this.of(id).queued++;
					break;
				case 'backfilled':
					this.of(id).backfilled++;
					this.shift(event.agent?.id, 1);
					break;
				case 'reassigned':
					this.shift(event.previousAgent?.id, -1);
					this.shift(event.agent?.id, 1);
					break;
				case 'released':
					this.of(id).released++;
					this.shift(event.agent?.id, -1);
					break;
				default:
					if (this.unexpected.length < 10)
						this.unexpected.push(`unexpected event ${JSON.stringify(event)}`);
			}
		}
	}

	/** The counts must add up to the committed state, for every conversation and agent. */
	check(state: DeskState, ids: string[]): string[] {
		const problems = [...this.unexpected];
		const queued = new Set(state.queue.map((q) => q.conversationId));
		for (const id of this.per.keys())
			if (!ids.includes(id)) problems.push(`events about ${id}, which was never asked for`);
		for (const id of ids) {
			const c = this.of(id);
			const openNet = c.assigned + c.backfilled - c.requeued - c.released;
			const queueNet = c.queued + c.requeued - c.backfilled;
			const counts = JSON.stringify(c);
			if (c.assigned + c.queued !== 1)
				problems.push(`${id}: its Assign should have assigned or queued it once ${counts}`);
			if (c.released > 1) problems.push(`${id}: released ${c.released} times`);
			if (openNet !== (state.open[id] ? 1 : 0))
				problems.push(
					`${id}: events leave it open ${openNet} time(s), the desk has it ${state.open[id] ? 'open' : 'not open'} ${counts}`,
				);
			if (queueNet !== (queued.has(id) ? 1 : 0))
				problems.push(
					`${id}: events leave it queued ${queueNet} time(s), the desk has it ${queued.has(id) ? 'queued' : 'not queued'} ${counts}`,
				);
		}
		for (const agent of AGENT_IDS) {
			if ((state.agents[agent]?.open ?? 0) !== this.agentNet.get(agent))
				problems.push(
					`${agent}: events leave ${this.agentNet.get(agent)} open, the desk says ${state.agents[agent]?.open}`,
				);
		}
		return problems.slice(0, 30);
	}
}

// ---------------------------------------------------------------------------------------------
// The load

/**
 * Each flapping agent moves through random statuses among `statuses` (never the one it has)
 * with short random pauses, sometimes followed by a sweep, and ends online. All chosen up
 * front from the seed.
 */
async function flap(
	desk: DeskStore,
	record: Recorder,
	seed: number,
	options: { statuses?: AgentStatus[]; sweeps?: boolean } = {},
): Promise<void> {
	const { statuses = STATUSES, sweeps = true } = options;
	const steps = 10;
	await Promise.all(
		FLAPPERS.map(async (agent, k) => {
			const random = rng(seed * 31 + k + 1);
			let current: AgentStatus = 'online';
			const plan: Array<{ status: AgentStatus; pause: number; sweep: boolean }> = [];
			for (let i = 0; i < steps; i++) {
				const choices = statuses.filter((s) => s !== current);
				current = choices[Math.floor(random() * choices.length)];
				plan.push({
					status: current,
					pause: Math.floor(random() * 15),
					sweep: sweeps && random() < 0.3,
				});
			}
			if (current !== 'online') plan.push({ status: 'online', pause: 0, sweep: false });
			for (const { status, pause, sweep } of plan) {
				await sleep(pause);
				await record('status', agent, desk.setStatus(agent, status, ENV), status);
				if (sweep) await record('sweep', agent, desk.sweep(ENV));
			}
		}),
	);
}

/**
 * Everyone online, then Releases of whatever is open, in concurrent rounds, until the desk is
 * empty (a queue nobody can drain ends the loop and fails the test). Meanwhile the flapping
 * agents keep changing between online, busy and away (not offline and no sweep: nothing may
 * leave its agent now, so every Release finds its conversation open), so backfills meet
 * agents who are not available. Returns how many Releases it sent.
 */
async function releaseEverything(desk: DeskStore, record: Recorder, seed: number): Promise<number> {
	await Promise.all(
		AGENT_IDS.map((agent) =>
			record('status', agent, desk.setStatus(agent, 'online', ENV), 'online'),
		),
	);
	const flapping = flap(desk, record, seed, {
		statuses: ['online', 'busy', 'away'],
		sweeps: false,
	});
	let releases = 0;
	for (let round = 0; round < 1000; round++) {
		const { state } = await desk.readState();
		const open = Object.keys(state.open);
		if (open.length === 0) break;
		await Promise.all(open.map((id) => record('release', id, desk.release(id, ENV))));
		releases += open.length;
	}
	await flapping;
	return releases;
}

// ---------------------------------------------------------------------------------------------
// Worker processes

interface WorkerResult {
	calls: Array<{ conversationId: string; events: DeskEvent[] }>;
	errors: Array<{ conversationId: string; message: string }>;
}

const workerScript = path.join(__dirname, 'fixtures', 'deskWorker.js');

function startWorker(config: object) {
	// process.execPath: the Node.js running jest (>= 22.13, see package.json engines).
	const child = spawn(process.execPath, [workerScript, JSON.stringify(config)], {
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	let signalReady: () => void = () => undefined;
	const ready = new Promise<void>((resolve) => (signalReady = resolve));
	child.stdout?.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
		if (stdout.startsWith('ready\n')) signalReady();
	});
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const result = new Promise<WorkerResult>((resolve, reject) => {
		child.on('exit', (code) => {
			if (code !== 0) reject(new Error(`desk worker exited with ${code}: ${stderr}`));
			else resolve(JSON.parse(stdout.slice('ready\n'.length)) as WorkerResult);
		});
	});
	// Surfaces a crash during start-up instead of waiting for "ready" forever.
	return { child, ready: Promise.race([ready, result.then(() => undefined)]), result };
}

// ---------------------------------------------------------------------------------------------

let deskCounter = 0;

describe.each([
	['embedded SQLite', embeddedBackend],
	['Redis', redisBackend],
])('routing desk under concurrency (%s)', (_name, makeBackend) => {
	let backend: Backend;

	beforeEach(() => {
		backend = makeBackend();
	});

	afterEach(async () => {
		await backend.close();
	});

	it('200 concurrent Assigns over 10 agents × 3 with status flapping, then Releases drain the queue', async () => {
		const seed = BASE_SEED + 1;
		const deskName = `load-${++deskCounter}`;
		const desk = DeskStore.for(backend.open(), deskName);
		const observer = new DeskStore(backend.open(), deskName);
		const ids = Array.from({ length: 200 }, (_, i) => `c${i}`);
		const idSet = new Set(ids);
		const log: Entry[] = [];
		const record = recorder(log);
		const random = rng(seed);
		const pauses = ids.map(() => Math.floor(random() * 120));

		const growing = startMonitor(observer, idSet, 'grow');
		await Promise.all([
			Promise.all(
				ids.map(async (id, i) => {
					await sleep(pauses[i]);
					await record('assign', id, desk.assign(assignRequest(id, i), ENV));
				}),
			),
			flap(desk, record, seed),
		]);
		const whileAssigning = await growing.stop();

		// Settled: each conversation open with one agent or queued, once; the events say the same.
		const settled = (await desk.readState()).state;
		const ledger = new Ledger();
		for (const entry of log) ledger.apply(entry);
		const tally = new Tally();
		for (const entry of log) tally.add(entry.events);
		expect(placedIds(settled)).toEqual([...ids].sort());
		expect(log.filter((e) => e.kind === 'assign')).toHaveLength(200);
		expect({
			seed,
			monitor: whileAssigning.problems,
			snapshot: snapshotProblems(settled, idSet),
			idle: idleWhileWaiting(settled),
			replay: ledger.problems,
			replayVsDesk: ledger.compare(settled),
			counts: tally.check(settled, ids),
		}).toEqual({
			seed,
			monitor: [],
			snapshot: [],
			idle: [],
			replay: [],
			replayVsDesk: [],
			counts: [],
		});
		expect(whileAssigning.snapshots).toBeGreaterThan(0);
		expect(Object.keys(settled.open).length).toBeLessThanOrEqual(AGENT_COUNT * CAPACITY);

		// Releases: every conversation served by exactly one agent at a time and released once.
		const settledAt = log.length;
		const shrinking = startMonitor(observer, idSet, 'shrink');
		const releases = await releaseEverything(desk, record, seed + 1000);
		const whileReleasing = await shrinking.stop();
		for (const entry of log.slice(settledAt)) {
			ledger.apply(entry);
			tally.add(entry.events);
		}
		const final = (await desk.readState()).state;
		expect(final.open).toEqual({});
		expect(final.queue).toEqual([]);
		expect(releases).toBe(200);
		expect(
			log
				.filter((e) => e.kind === 'release')
				.map((e) => e.subject)
				.sort(),
		).toEqual([...ids].sort());
		expect([...ledger.where.values()].every((w) => w.at === 'closed')).toBe(true);
		expect({
			seed,
			monitor: whileReleasing.problems,
			snapshot: snapshotProblems(final, idSet),
			replay: ledger.problems,
			replayVsDesk: ledger.compare(final),
			counts: tally.check(final, ids),
		}).toEqual({ seed, monitor: [], snapshot: [], replay: [], replayVsDesk: [], counts: [] });
		for (const agent of AGENT_IDS)
			expect(final.agents[agent]).toMatchObject({ open: 0, status: 'online' });
	});

	it('3 processes × 70 concurrent Assigns on one desk with status flapping, then Releases drain the queue', async () => {
		const seed = BASE_SEED + 2;
		const deskName = `shared-${++deskCounter}`;
		const workerIds = ['w0', 'w1', 'w2'];
		const perWorker = 70;
		const ids = workerIds.flatMap((w) => Array.from({ length: perWorker }, (_, i) => `${w}-c${i}`));
		const idSet = new Set(ids);

		const workers = workerIds.map((workerId, k) =>
			startWorker({
				...backend.worker,
				desk: deskName,
				workerId,
				count: perWorker,
				seed: seed * 7 + k + 1,
				maxDelayMs: 150,
				customers: CUSTOMERS,
				rows: ROWS,
				policy: POLICY_OVERRIDES,
			}),
		);
		// The parent is one more n8n process on the same desk: it changes statuses meanwhile.
		const desk = DeskStore.for(backend.open(), deskName);
		const observer = new DeskStore(backend.open(), deskName);
		const log: Entry[] = [];
		const record = recorder(log);
		try {
			await Promise.all(workers.map((w) => w.ready));
		} catch (error) {
			for (const w of workers) w.child.kill();
			throw error;
		}
		const startAt = Date.now() + 150;
		for (const w of workers) w.child.stdin?.end(`go ${startAt}\n`);

		const growing = startMonitor(observer, idSet, 'grow');
		const [results] = await Promise.all([
			Promise.all(workers.map((w) => w.result)),
			sleep(startAt - Date.now()).then(() => flap(desk, record, seed)),
		]);
		const whileAssigning = await growing.stop();

		expect(results.flatMap((r) => r.errors)).toEqual([]);
		results.forEach((result, k) => {
			expect(result.calls.map((c) => c.conversationId).sort()).toEqual(
				ids.filter((id) => id.startsWith(`${workerIds[k]}-`)).sort(),
			);
		});
		const badFirst = results
			.flatMap((r) => r.calls)
			.filter(
				({ conversationId, events: [first] }) =>
					!(
						first &&
						first.conversationId === conversationId &&
						(first.type === 'assigned' || first.type === 'queued') &&
						!first.previousAgent
					),
			);
		expect(badFirst).toEqual([]);

		// Settled: the union of open and queued is all 210, each once; the counts of every
		// process's events add up to the committed desk.
		const settled = (await desk.readState()).state;
		const tally = new Tally();
		for (const result of results) for (const call of result.calls) tally.add(call.events);
		for (const entry of log) tally.add(entry.events);
		expect(placedIds(settled)).toEqual([...ids].sort());
		expect({
			seed,
			monitor: whileAssigning.problems,
			snapshot: snapshotProblems(settled, idSet),
			idle: idleWhileWaiting(settled),
			counts: tally.check(settled, ids),
		}).toEqual({ seed, monitor: [], snapshot: [], idle: [], counts: [] });
		expect(whileAssigning.snapshots).toBeGreaterThan(0);
		for (const agent of AGENT_IDS)
			expect(settled.agents[agent]?.open ?? 0).toBeLessThanOrEqual(CAPACITY);

		// Releases from this process alone: its events are in commit order again.
		const settledAt = log.length;
		const ledger = new Ledger(settled);
		const shrinking = startMonitor(observer, idSet, 'shrink');
		const releases = await releaseEverything(desk, record, seed + 1000);
		const whileReleasing = await shrinking.stop();
		for (const entry of log.slice(settledAt)) {
			ledger.apply(entry);
			tally.add(entry.events);
		}
		const final = (await desk.readState()).state;
		expect(final.open).toEqual({});
		expect(final.queue).toEqual([]);
		expect(releases).toBe(ids.length);
		expect(
			log
				.filter((e) => e.kind === 'release')
				.map((e) => e.subject)
				.sort(),
		).toEqual([...ids].sort());
		expect([...ledger.where.values()].every((w) => w.at === 'closed')).toBe(true);
		expect({
			seed,
			monitor: whileReleasing.problems,
			snapshot: snapshotProblems(final, idSet),
			replay: ledger.problems,
			replayVsDesk: ledger.compare(final),
			counts: tally.check(final, ids),
		}).toEqual({ seed, monitor: [], snapshot: [], replay: [], replayVsDesk: [], counts: [] });
		for (const agent of AGENT_IDS)
			expect(final.agents[agent]).toMatchObject({ open: 0, status: 'online' });
	});
});
