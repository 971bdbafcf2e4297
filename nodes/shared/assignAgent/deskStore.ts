import { createHash } from 'node:crypto';

import { outcomeOf, type Outcome } from '../outcome';
import type { CommitWrite, StateStore } from '../state/StateStore';
import { rosterOf, type Roster } from './chooseAgent';
import { loadView, type DeskLoad } from './deskLoad';
import * as ops from './deskOperations';
import { emptyDesk, type DeskState } from './deskState';
import type { Agent } from './roster';
import type { RoutingPolicy } from './routingPolicy';

/**
 * A desk's state kept in the project's state store, changed atomically.
 *
 * The whole desk (loads, open conversations, queue) is one versioned document, so "capacity
 * never exceeded, each conversation once, nothing queued lost" holds by construction: every
 * change is a compare-and-set of that one key, on SQLite and on Redis alike, across all n8n
 * processes. Operations arriving while a write is in flight are applied together in the next
 * write (group commit), which is what keeps this fast under load: one read, one parse and one
 * write serve a whole batch.
 */
export interface DeskEnvironment {
	/** The roster to use; without one, the roster last given to this desk. */
	roster?: Agent[];
	policy: RoutingPolicy;
}

export class DeskBusyError extends Error {
	constructor(desk: string, attempts: number) {
		super(
			`desk "${desk}": other n8n processes kept changing it; gave up after ${attempts} attempts`,
		);
		this.name = 'DeskBusyError';
	}
}

interface Job<T> {
	env: DeskEnvironment;
	/** Whose previous agent to look up (sticky). */
	customerUserId?: string;
	apply(state: DeskState, ctx: ops.DeskContext, previousAgent: string | undefined): T;
	resolve(value: T): void;
	reject(error: unknown): void;
}

const OWNER_CHANGES = new Set<ops.DeskEventType>([
	'assigned',
	'backfilled',
	'reassigned',
	'transferred',
]);

function eventsOf(value: unknown): ops.DeskEvent[] {
	if (Array.isArray(value)) return value as ops.DeskEvent[];
	return (value as { events?: ops.DeskEvent[] }).events ?? [];
}

const MAX_BATCH = 500;
const NO_AGENTS: Agent[] = [];
const MAX_ATTEMPTS = 100;
const DAY_MS = 86_400_000;

const desks = new WeakMap<StateStore, Map<string, DeskStore>>();

/** Where the roster last given to a desk is kept ({hash, agents}). */
export const deskRosterKey = (desk: string) => `desk:${desk}:roster`;
const rosterCache = new WeakMap<Agent[], { hash: string; roster: Roster }>();

function rosterWithHash(agents: Agent[]): { hash: string; roster: Roster } {
	let cached = rosterCache.get(agents);
	if (!cached) {
		cached = {
			hash: createHash('sha1').update(JSON.stringify(agents)).digest('hex').slice(0, 16),
			roster: rosterOf(agents),
		};
		rosterCache.set(agents, cached);
	}
	return cached;
}

export class DeskStore {
	/** One per store and desk in this process, so that its operations batch together. */
	static for(store: StateStore, desk: string): DeskStore {
		let byName = desks.get(store);
		if (!byName) {
			byName = new Map();
			desks.set(store, byName);
		}
		let deskStore = byName.get(desk);
		if (!deskStore) {
			deskStore = new DeskStore(store, desk);
			byName.set(desk, deskStore);
		}
		return deskStore;
	}

	private pending: Array<Job<unknown>> = [];
	private running = false;
	/** The state this process wrote last, reused while nobody else has written since. */
	private cache?: { version: number; state: DeskState };
	private storedRoster?: { hash: string; agents: Agent[] };

	constructor(
		readonly store: StateStore,
		readonly desk: string,
		/** Tests move time; everyone else uses the clock. */
		private readonly clock: () => number = Date.now,
	) {}

	private get deskKey() {
		return `desk:${this.desk}`;
	}

	private get rosterKey() {
		return deskRosterKey(this.desk);
	}

	private customerKey(customerUserId: string) {
		return `desk:${this.desk}:customer:${customerUserId}`;
	}

	assign(request: ops.AssignRequest, env: DeskEnvironment): Promise<ops.DeskEvent[]> {
		return this.enqueue(
			env,
			(state, ctx, previousAgent) =>
				ops.assign(state, ctx, { ...request, preferAgent: previousAgent }),
			request.context.customerUserId,
		);
	}

	release(conversationId: string, env: DeskEnvironment): Promise<ops.DeskEvent[]> {
		return this.enqueue(env, (state, ctx) => ops.release(state, ctx, conversationId));
	}

	setStatus(
		agentId: string,
		status: Parameters<typeof ops.setStatus>[3],
		env: DeskEnvironment,
	): Promise<ops.DeskEvent[]> {
		return this.enqueue(env, (state, ctx) => ops.setStatus(state, ctx, agentId, status));
	}

	transfer(
		conversationId: string,
		toAgentId: string,
		env: DeskEnvironment,
		request?: ops.AssignRequest,
	): Promise<ops.DeskEvent[]> {
		return this.enqueue(env, (state, ctx) =>
			ops.transfer(state, ctx, conversationId, toAgentId, request),
		);
	}

	recordReply(conversationId: string, env: DeskEnvironment): Promise<ops.DeskEvent[]> {
		return this.enqueue(env, (state, ctx) => ops.recordReply(state, ctx, conversationId));
	}

	sweep(env: DeskEnvironment): Promise<ops.DeskEvent[]> {
		return this.enqueue(env, (state, ctx) => ops.sweep(state, ctx));
	}

	/** Load goes through a write too: a roster change or a shift start may free queued ones. */
	load(
		env: DeskEnvironment,
		queueLimit?: number,
	): Promise<{ load: DeskLoad; events: ops.DeskEvent[] }> {
		return this.enqueue(env, (state, ctx) => {
			const events = ops.drainQueue(state, ctx);
			return { load: loadView(state, ctx, queueLimit), events };
		});
	}

	/** The committed state as stored (tests, diagnostics). */
	async readState(): Promise<{ state: DeskState; version: number }> {
		const entry = await this.store.get(this.deskKey);
		return {
			state: entry ? (JSON.parse(entry.value) as DeskState) : emptyDesk(),
			version: entry?.version ?? 0,
		};
	}

	private enqueue<T>(
		env: DeskEnvironment,
		apply: Job<T>['apply'],
		customerUserId?: string,
	): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.pending.push({ env, apply, customerUserId, resolve, reject } as Job<unknown>);
			if (!this.running) void this.drain();
		});
	}

	private async drain(): Promise<void> {
		this.running = true;
		try {
			while (this.pending.length) await this.runBatch(this.pending.splice(0, MAX_BATCH));
		} finally {
			this.running = false;
		}
	}

	private async runBatch(jobs: Array<Job<unknown>>): Promise<void> {
		for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			// A store failure (Redis down, disk full) or a bug: nothing was written.
			const result = await this.tryBatch(jobs).catch((error: unknown) => ({ failed: error }));
			if (result === true) return;
			if (result !== false) {
				for (const job of jobs) job.reject(result.failed);
				return;
			}
			await new Promise((resolve) =>
				setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)),
			);
		}
		for (const job of jobs) job.reject(new DeskBusyError(this.desk, MAX_ATTEMPTS));
	}

	/** False when another process wrote the desk meanwhile; the caller retries from a fresh read. */
	private async tryBatch(jobs: Array<Job<unknown>>): Promise<boolean> {
		// Read every time it is needed: another process may have saved a newer roster.
		const needsStoredRoster = jobs.some((job) => !job.env.roster);
		const customers = [
			...new Set(
				jobs
					.filter((job) => job.customerUserId && job.env.policy.sticky)
					.map((job) => job.customerUserId as string),
			),
		];
		const keys = [this.deskKey, ...customers.map((c) => this.customerKey(c))];
		if (needsStoredRoster) keys.push(this.rosterKey);
		const entries = await this.store.getMany(keys);
		const deskEntry = entries[0];
		const customerEntries = entries.slice(1, 1 + customers.length);
		const rosterEntry = needsStoredRoster ? entries[keys.length - 1] : undefined;
		if (rosterEntry)
			this.storedRoster = JSON.parse(rosterEntry.value) as { hash: string; agents: Agent[] };
		const version = deskEntry?.version ?? 0;
		const state =
			this.cache?.version === version && deskEntry
				? this.cache.state
				: deskEntry
					? (JSON.parse(deskEntry.value) as DeskState)
					: emptyDesk();
		// The state is changed in place from here on; a failed commit must not leave it cached.
		this.cache = undefined;
		const previousAgents = new Map(customers.map((c, i) => [c, customerEntries[i]?.value]));
		const now = this.clock();

		const results: Array<Outcome<unknown>> = [];
		let rosterToSave: { hash: string; agents: Agent[] } | undefined;
		let stickyDays = 0;
		const assignedNow = new Map<string, string>();
		for (const job of jobs) {
			const outcome = outcomeOf(() => {
				const given = job.env.roster ? rosterWithHash(job.env.roster) : undefined;
				// A desk nobody has given agents yet has nothing to sweep or report: an empty roster.
				const agents =
					job.env.roster ??
					this.storedRoster?.agents ??
					(Object.keys(state.agents).length === 0 ? NO_AGENTS : undefined);
				if (!agents)
					throw new ops.DeskOperationError(
						`desk "${this.desk}" has no roster saved: give the agents`,
						'agents',
					);
				const { hash, roster } = given ?? rosterWithHash(agents);
				if (given && state.rosterHash !== hash && this.storedRoster?.hash !== hash)
					rosterToSave = { hash, agents };
				const ctx: ops.DeskContext = { roster, policy: job.env.policy, now };
				ops.applyRoster(state, ctx, hash);
				const value = job.apply(
					state,
					ctx,
					job.customerUserId ? previousAgents.get(job.customerUserId) : undefined,
				);
				for (const event of eventsOf(value)) {
					const customer = event.context?.customerUserId;
					if (customer && event.agent && OWNER_CHANGES.has(event.type)) {
						previousAgents.set(customer, event.agent.id);
						assignedNow.set(customer, event.agent.id);
					}
				}
				if (job.env.policy.sticky) stickyDays = Math.max(stickyDays, job.env.policy.stickyDays);
				return value;
			});
			// Operations check before they change anything, so a refused one leaves no trace;
			// any other error may have left the state half-changed, and nothing is written.
			if (!outcome.ok && !(outcome.error instanceof ops.DeskOperationError))
				return Promise.reject(outcome.error);
			results.push(outcome);
		}

		// Roster and sticky agents are hints, not invariants: written in the same atomic step
		// as the desk, but whatever they held before.
		const writes: CommitWrite[] = [
			{
				key: this.deskKey,
				expectVersion: deskEntry ? version : null,
				value: JSON.stringify(state),
			},
		];
		if (rosterToSave)
			writes.push({
				key: this.rosterKey,
				expectVersion: 'any',
				value: JSON.stringify(rosterToSave),
			});
		if (stickyDays > 0) {
			for (const [customer, agent] of assignedNow) {
				writes.push({
					key: this.customerKey(customer),
					expectVersion: 'any',
					value: agent,
					ttlMs: stickyDays * DAY_MS,
				});
			}
		}
		if (!(await this.store.commit(writes))) return false;
		this.cache = { version: version + 1, state };
		if (rosterToSave) this.storedRoster = rosterToSave;

		jobs.forEach((job, i) => {
			const result = results[i];
			if (result.ok) job.resolve(result.value);
			else job.reject(result.error);
		});
		return true;
	}
}
