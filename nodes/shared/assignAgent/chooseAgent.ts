import type { AgentRuntime, DeskState } from './deskState';
import type { Agent } from './roster';
import type { LaneName, LanePolicy, Rung, RoutingPolicy } from './routingPolicy';
import { isOnShift } from '../hours';

/**
 * The one place that decides who gets a conversation: sticky agent first, then the fast lane's
 * team, then the skill ladder, each time among agents who are online, on shift and have room,
 * picked by the desk's strategy. Pure: it reads the state and the roster and changes nothing
 * but the strategy's own cursor.
 */
export interface Roster {
	agents: Agent[];
	byId: Map<string, Agent>;
	/** Roster position, for round robin. */
	indexOf: Map<string, number>;
	/** Every skill some agent has: the only tags that can be requirements. */
	skills: Set<string>;
	/** poolsFor's answers; they depend on the roster, the policy and the request's shape only. */
	pools: WeakMap<RoutingPolicy, Map<string, Pool[]>>;
}

export function rosterOf(agents: Agent[]): Roster {
	return {
		agents,
		byId: new Map(agents.map((a) => [a.id, a])),
		indexOf: new Map(agents.map((a, i) => [a.id, i])),
		skills: new Set(agents.flatMap((a) => a.skills)),
		pools: new WeakMap(),
	};
}

export interface ChoiceRequest {
	lane: LaneName;
	skills: string[];
	/** A team asked for explicitly (else: the teams of the agents who have the skills). */
	team?: string;
	preferAgent?: string;
	/** Agents who gave this conversation up. */
	exclude?: string[];
}

export interface Choice {
	agent: Agent;
	reason: string;
	/** True when the slot is one of the lane's reserved ones. */
	reserved: boolean;
}

function lanePolicyOf(policy: RoutingPolicy, lane: LaneName): LanePolicy | undefined {
	return lane === 'normal' ? undefined : policy.lanes[lane];
}

export function capacityFor(agent: Agent, lane: LaneName, policy: RoutingPolicy): number {
	const lanePolicy = lanePolicyOf(policy, lane);
	return agent.capacity + (lanePolicy ? lanePolicy.reservedSlots : 0);
}

export function onShift(agent: Agent, policy: RoutingPolicy, now: number): boolean {
	return isOnShift(agent.shift, now, policy.timeZone, policy.calendar);
}

/** Online and on shift: may be given new conversations. */
export function isAvailable(
	agent: Agent,
	runtime: AgentRuntime | undefined,
	policy: RoutingPolicy,
	now: number,
): boolean {
	const status = runtime?.status ?? agent.status ?? 'online';
	return status === 'online' && onShift(agent, policy, now);
}

function inDedicatedGroup(agent: Agent, lane: LaneName, lanePolicy: LanePolicy): boolean {
	return agent.lanes.includes(lane) || (lanePolicy.team !== '' && agent.team === lanePolicy.team);
}

function hasAll(agent: Agent, skills: string[]): boolean {
	return skills.every((s) => agent.skills.includes(s));
}

interface Pool {
	label: string;
	agents: Agent[];
}

function rungPool(
	rung: Rung,
	agents: Agent[],
	request: ChoiceRequest,
	roster: Roster,
): Pool | undefined {
	if (request.skills.length === 0)
		return rung === 'anyone' || rung === 'skill' ? { label: '', agents } : undefined;
	const skillText = request.skills.join(' + ');
	if (rung === 'skill')
		return { label: `skill ${skillText}`, agents: agents.filter((a) => hasAll(a, request.skills)) };
	if (rung === 'team') {
		const teams = new Set(
			request.team
				? [request.team]
				: roster.agents.filter((a) => a.team && hasAll(a, request.skills)).map((a) => a.team),
		);
		if (teams.size === 0) return undefined;
		return {
			label: `team ${[...teams].join('/')} (no free agent with ${skillText})`,
			agents: agents.filter((a) => teams.has(a.team)),
		};
	}
	return { label: `anyone (no free agent with ${skillText})`, agents };
}

/** The pools in the order they are tried, without repeats (no skills: "skill" is "anyone"). */
function poolsFor(request: ChoiceRequest, roster: Roster, policy: RoutingPolicy): Pool[] {
	let byShape = roster.pools.get(policy);
	if (!byShape) {
		byShape = new Map();
		roster.pools.set(policy, byShape);
	}
	const shape = `${request.lane}|${request.team ?? ''}|${request.skills.join('\u0000')}`;
	let pools = byShape.get(shape);
	if (!pools) {
		pools = buildPools(request, roster, policy).filter(
			(pool, i, all) => i === 0 || !samePool(pool, all[i - 1]),
		);
		if (byShape.size > 1000) byShape.clear();
		byShape.set(shape, pools);
	}
	return pools;
}

function samePool(a: Pool, b: Pool): boolean {
	return a.agents.length === b.agents.length && a.agents.every((agent, i) => agent === b.agents[i]);
}

function buildPools(request: ChoiceRequest, roster: Roster, policy: RoutingPolicy): Pool[] {
	const lanePolicy = lanePolicyOf(policy, request.lane);
	const qualified =
		lanePolicy && lanePolicy.minLevel > 0
			? roster.agents.filter((a) => a.level >= lanePolicy.minLevel)
			: roster.agents;
	const groups: Pool[] = [];
	if (lanePolicy) {
		const dedicated = qualified.filter((a) => inDedicatedGroup(a, request.lane, lanePolicy));
		const levelNote = lanePolicy.minLevel > 0 ? ` level ≥ ${lanePolicy.minLevel}` : '';
		if (dedicated.length)
			groups.push({ label: `${request.lane} lane team${levelNote}`, agents: dedicated });
		if (!lanePolicy.dedicatedOnly || dedicated.length === 0)
			groups.push({ label: `${request.lane} lane${levelNote}`, agents: qualified });
	} else {
		groups.push({ label: '', agents: qualified });
	}
	// Skill before dedication: a legal threat in the urgent lane goes to the lawyer, and to
	// the lane's own team only when no lawyer is free.
	const pools: Pool[] = [];
	for (const rung of policy.ladder) {
		for (const group of groups) {
			const pool = rungPool(rung, group.agents, request, roster);
			if (pool)
				pools.push({
					label: [group.label, pool.label].filter(Boolean).join('; '),
					agents: pool.agents,
				});
		}
	}
	return pools;
}

export function hasRoom(
	agent: Agent,
	runtime: AgentRuntime | undefined,
	lane: LaneName,
	policy: RoutingPolicy,
): boolean {
	return (runtime?.open ?? 0) < capacityFor(agent, lane, policy);
}

export function chooseAgent(
	state: DeskState,
	roster: Roster,
	policy: RoutingPolicy,
	request: ChoiceRequest,
	now: number,
): Choice | undefined {
	const usable = (agent: Agent) => {
		const runtime = state.agents[agent.id];
		return (
			!request.exclude?.includes(agent.id) &&
			isAvailable(agent, runtime, policy, now) &&
			hasRoom(agent, runtime, request.lane, policy)
		);
	};
	const describe = (agent: Agent, label: string, how: string): Choice => {
		const open = (state.agents[agent.id]?.open ?? 0) + 1;
		const reserved = open > agent.capacity;
		const load = `load ${open}/${agent.capacity}${reserved ? ` (reserved ${request.lane} slot)` : ''}`;
		return { agent, reserved, reason: [label, how, load].filter(Boolean).join('; ') };
	};

	if (policy.sticky && request.preferAgent) {
		const previous = roster.byId.get(request.preferAgent);
		const lanePolicy = lanePolicyOf(policy, request.lane);
		const qualifies =
			!lanePolicy ||
			(previous !== undefined &&
				previous.level >= lanePolicy.minLevel &&
				(!lanePolicy.dedicatedOnly || inDedicatedGroup(previous, request.lane, lanePolicy)));
		if (previous && qualifies && usable(previous)) {
			return describe(
				previous,
				request.lane === 'normal' ? '' : `${request.lane} lane`,
				'sticky: previous agent',
			);
		}
	}

	for (const pool of poolsFor(request, roster, policy)) {
		const picked = pick(pool.agents, usable, state, roster, policy, request.lane);
		if (picked) return describe(picked.agent, pool.label, picked.how);
	}
	return undefined;
}

/** The strategy's pick among the pool's usable agents, or undefined when none is. */
function pick(
	pool: Agent[],
	usable: (agent: Agent) => boolean,
	state: DeskState,
	roster: Roster,
	policy: RoutingPolicy,
	lane: LaneName,
): { agent: Agent; how: string } | undefined {
	if (policy.strategy === 'roundRobin') {
		const after = state.cursor === undefined ? -1 : (roster.indexOf.get(state.cursor) ?? -1);
		let first: Agent | undefined;
		let next: Agent | undefined;
		for (const agent of pool) {
			if (!usable(agent)) continue;
			first ??= agent;
			if ((roster.indexOf.get(agent.id) as number) > after) {
				next = agent;
				break;
			}
		}
		const chosen = next ?? first;
		if (!chosen) return undefined;
		state.cursor = chosen.id;
		return { agent: chosen, how: 'round robin' };
	}
	if (policy.strategy === 'weighted') {
		const candidates = pool.filter(usable);
		if (candidates.length === 0) return undefined;
		// Smooth weighted round robin (as in nginx): deterministic, and spreads each agent's
		// share evenly instead of in bursts. Weight 0 only takes work when nobody else can.
		const weighted = candidates.some((a) => a.weight > 0)
			? candidates.filter((a) => a.weight > 0)
			: candidates;
		let total = 0;
		let best: Agent | undefined;
		for (const agent of weighted) {
			const weight = agent.weight > 0 ? agent.weight : 1;
			total += weight;
			const score = (state.weights[agent.id] ?? 0) + weight;
			state.weights[agent.id] = score;
			if (best === undefined || score > state.weights[best.id]) best = agent;
		}
		const chosen = best as Agent;
		state.weights[chosen.id] -= total;
		return { agent: chosen, how: `weighted (${chosen.weight})` };
	}
	let best: Agent | undefined;
	let bestFree = -1;
	let bestIdleSince = 0;
	for (const agent of pool) {
		if (!usable(agent)) continue;
		const free = freeShare(agent, state, lane, policy);
		const idleSince = state.agents[agent.id]?.lastAssignedAt ?? 0;
		// Ties go to the agent idle longest (the earliest last assignment).
		if (free > bestFree || (free === bestFree && idleSince < bestIdleSince)) {
			best = agent;
			bestFree = free;
			bestIdleSince = idleSince;
		}
	}
	return best && { agent: best, how: 'least loaded' };
}

function freeShare(agent: Agent, state: DeskState, lane: LaneName, policy: RoutingPolicy): number {
	const capacity = capacityFor(agent, lane, policy);
	return capacity > 0 ? (capacity - (state.agents[agent.id]?.open ?? 0)) / capacity : 0;
}
