import {
	capacityFor,
	chooseAgent,
	hasRoom,
	isAvailable,
	onShift,
	type Choice,
	type Roster,
} from './chooseAgent';
import {
	DeskOperationError,
	type AgentSummary,
	type AssignRequest,
	type DeskContext,
	type DeskEvent,
} from './deskEvents';
import {
	insertQueued,
	type ConversationContext,
	type DeskState,
	type OpenConversation,
	type QueuedConversation,
} from './deskState';
import type { Agent, AgentStatus } from './roster';
import type { LaneName } from './routingPolicy';

export { DeskOperationError } from './deskEvents';
export type {
	AgentSummary,
	AssignRequest,
	DeskContext,
	DeskEvent,
	DeskEventType,
} from './deskEvents';

/*
 * The desk's operations as pure functions over its state. Each validates before it changes
 * anything, so a refused operation leaves the state as it was, and several operations can be
 * applied one after the other to one state and written together (see deskStore).
 */

export function summary(agent: Agent | undefined, id: string): AgentSummary {
	return agent
		? {
				id: agent.id,
				name: agent.name,
				contact: agent.contact,
				team: agent.team,
				level: agent.level,
			}
		: { id, name: id, contact: '', team: '', level: 0 };
}

function loadOf(state: DeskState, agent: Agent) {
	return { open: state.agents[agent.id]?.open ?? 0, capacity: agent.capacity };
}

function runtimeOf(state: DeskState, id: string, now: number) {
	let runtime = state.agents[id];
	if (!runtime) {
		runtime = { open: 0, status: 'online', statusAt: now, lastAssignedAt: 0 };
		state.agents[id] = runtime;
	}
	return runtime;
}

/**
 * Brings the live state in line with a new roster: new agents start with the roster's status
 * (online when it has none), and a changed status column counts as that agent changing status.
 */
export function applyRoster(state: DeskState, ctx: DeskContext, rosterHash: string): void {
	if (state.rosterHash === rosterHash) return;
	state.rosterHash = rosterHash;
	state.dirty = true;
	for (const agent of ctx.roster.agents) {
		const known = state.agents[agent.id];
		if (!known) {
			state.agents[agent.id] = {
				open: 0,
				status: agent.status ?? 'online',
				statusAt: ctx.now,
				rosterStatus: agent.status,
				lastAssignedAt: 0,
			};
		} else if (agent.status !== undefined && agent.status !== known.rosterStatus) {
			known.rosterStatus = agent.status;
			known.status = agent.status;
			known.statusAt = ctx.now;
		}
	}
}

function open(
	state: DeskState,
	ctx: DeskContext,
	conversationId: string,
	choice: Choice,
	entry: Omit<OpenConversation, 'agent' | 'assignedAt'>,
) {
	const runtime = runtimeOf(state, choice.agent.id, ctx.now);
	runtime.open++;
	runtime.lastAssignedAt = ctx.now;
	state.open[conversationId] = { ...entry, agent: choice.agent.id, assignedAt: ctx.now };
}

function closeOpen(state: DeskState, conversationId: string): OpenConversation {
	const conversation = state.open[conversationId];
	delete state.open[conversationId];
	const runtime = state.agents[conversation.agent];
	if (runtime) runtime.open = Math.max(0, runtime.open - 1);
	state.dirty = true;
	return conversation;
}

function queueIndex(state: DeskState, conversationId: string): number {
	return state.queue.findIndex((q) => q.conversationId === conversationId);
}

function enqueue(state: DeskState, entry: QueuedConversation, reason: string): DeskEvent {
	const position = insertQueued(state.queue, entry);
	return {
		type: 'queued',
		conversationId: entry.conversationId,
		reason,
		lane: entry.lane,
		queue: { position: position + 1, length: state.queue.length },
		context: entry.context,
	};
}

function noAgentReason(request: { skills: string[]; lane: LaneName }, roster: Roster): string {
	// Waiting is right (the first roster serves the queue), but say what is missing.
	if (roster.agents.length === 0)
		return 'this desk has no agents yet: give it a roster (the "Agents table → desk" template does, every minute)';
	const skills = request.skills.length ? ` with ${request.skills.join(' + ')}` : '';
	return `no agent${skills} is online with a free slot${request.lane === 'normal' ? '' : ` (${request.lane} lane, high priority)`}`;
}

function sameDm(
	stored: ConversationContext | undefined,
	asked: ConversationContext | undefined,
): boolean {
	return !!stored?.messageId && stored.messageId === asked?.messageId;
}

export function assign(state: DeskState, ctx: DeskContext, asked: AssignRequest): DeskEvent[] {
	// Tags that no agent has as a skill (价格, 面霜 …) are topics, not requirements.
	const request = { ...asked, skills: asked.skills.filter((s) => ctx.roster.skills.has(s)) };
	const { conversationId } = request;
	const existing = state.open[conversationId];
	if (existing) {
		existing.lastCustomerAt = ctx.now;
		const agent = ctx.roster.byId.get(existing.agent);
		const status = state.agents[existing.agent]?.status;
		if (agent && status !== 'offline') {
			if (sameDm(existing.context, asked.context)) {
				return [
					{
						type: 'assigned',
						conversationId,
						agent: summary(agent, existing.agent),
						reason: 'this DM was assigned before (run again after a crash): the assignment stands',
						lane: existing.lane,
						load: loadOf(state, agent),
						context: existing.context,
						repeat: true,
					},
				];
			}
			return [
				{
					type: 'already',
					conversationId,
					agent: summary(agent, existing.agent),
					reason: 'already assigned: the conversation is open with this agent',
					lane: existing.lane,
					load: loadOf(state, agent),
					context: existing.context,
				},
			];
		}
		// Its agent left: the customer writing again is the moment to find someone else.
		return reassign(
			state,
			ctx,
			conversationId,
			agent ? 'agent offline' : 'agent no longer in the roster',
			false,
		);
	}
	const queuedAt = queueIndex(state, conversationId);
	if (queuedAt >= 0) {
		const entry = state.queue[queuedAt];
		const repeat = sameDm(entry.context, asked.context);
		return [
			{
				type: 'queued',
				conversationId,
				reason: 'already waiting in the queue',
				lane: entry.lane,
				queue: { position: queuedAt + 1, length: state.queue.length },
				context: entry.context,
				...(repeat ? { repeat } : {}),
			},
		];
	}

	const events = drainQueue(state, ctx);
	const choice = chooseAgent(
		state,
		ctx.roster,
		ctx.policy,
		{
			lane: request.lane,
			skills: request.skills,
			team: request.team,
			preferAgent: request.preferAgent,
		},
		ctx.now,
	);
	if (choice) {
		open(state, ctx, conversationId, choice, {
			lane: request.lane,
			skills: request.skills,
			priority: request.priority,
			lastCustomerAt: ctx.now,
			previousAgents: [],
			context: request.context,
		});
		events.unshift({
			type: 'assigned',
			conversationId,
			agent: summary(choice.agent, choice.agent.id),
			reason: choice.reason,
			lane: request.lane,
			load: loadOf(state, choice.agent),
			context: request.context,
		});
		return events;
	}
	events.unshift(
		enqueue(
			state,
			{
				conversationId,
				lane: request.lane,
				skills: request.skills,
				priority: request.priority,
				enqueuedAt: ctx.now,
				preferAgent: request.preferAgent,
				previousAgents: [],
				context: request.context,
			},
			noAgentReason(request, ctx.roster),
		),
	);
	return events;
}

/**
 * Serves the waiting queue in order (priority, then waiting time) wherever a slot fits; an
 * entry nobody can take yet does not hold up those behind it (a legal question waiting for the
 * one lawyer must not block a price question).
 */
export function drainQueue(state: DeskState, ctx: DeskContext, force = false): DeskEvent[] {
	const minute = Math.floor(ctx.now / 60_000);
	const shiftsMayHaveChanged =
		minute !== state.drainedMinute && ctx.roster.agents.some((a) => a.shift);
	if (!force && !state.dirty && !shiftsMayHaveChanged) return [];
	state.dirty = false;
	state.drainedMinute = minute;
	if (state.queue.length === 0) return [];
	// Free slots among agents who can take work now: a pass stops when none is left, and skips
	// normal conversations once only lane-reserved slots remain. Without this every release
	// would cost queue length × agents.
	const reserve = Math.max(
		ctx.policy.lanes.complaint.reservedSlots,
		ctx.policy.lanes.urgent.reservedSlots,
	);
	let freeNormal = 0;
	let freeAny = 0;
	for (const agent of ctx.roster.agents) {
		const runtime = state.agents[agent.id];
		if (!isAvailable(agent, runtime, ctx.policy, ctx.now)) continue;
		const open = runtime?.open ?? 0;
		freeNormal += Math.max(0, agent.capacity - open);
		freeAny += Math.max(0, agent.capacity + reserve - open);
	}
	if (freeAny === 0) return [];

	const events: DeskEvent[] = [];
	const waiting: QueuedConversation[] = [];
	// Slots only get used up during a pass: a request shape that found nobody finds nobody later.
	const hopeless = new Set<string>();
	for (let i = 0; i < state.queue.length; i++) {
		const entry = state.queue[i];
		const shape = `${entry.lane}|${entry.skills.join(',')}|${entry.preferAgent ?? ''}|${entry.previousAgents.join(',')}`;
		if (freeAny === 0) {
			waiting.push(...state.queue.slice(i));
			break;
		}
		if ((entry.lane === 'normal' && freeNormal === 0) || hopeless.has(shape)) {
			waiting.push(entry);
			continue;
		}
		const request = {
			lane: entry.lane,
			skills: entry.skills,
			preferAgent: entry.preferAgent,
			exclude: entry.previousAgents,
		};
		// Agents who gave it up are the last resort, not excluded: one back from offline may
		// take it again when nobody else can.
		const choice =
			chooseAgent(state, ctx.roster, ctx.policy, request, ctx.now) ??
			(entry.previousAgents.length
				? chooseAgent(state, ctx.roster, ctx.policy, { ...request, exclude: undefined }, ctx.now)
				: undefined);
		if (!choice) {
			hopeless.add(shape);
			waiting.push(entry);
			continue;
		}
		freeAny--;
		if (!choice.reserved) freeNormal--;
		open(state, ctx, entry.conversationId, choice, {
			lane: entry.lane,
			skills: entry.skills,
			priority: entry.priority,
			lastCustomerAt: entry.enqueuedAt,
			previousAgents: entry.previousAgents,
			context: entry.context,
		});
		events.push({
			type: 'backfilled',
			conversationId: entry.conversationId,
			agent: summary(choice.agent, choice.agent.id),
			reason: `from the queue; ${choice.reason}`,
			lane: entry.lane,
			load: loadOf(state, choice.agent),
			waitedMs: ctx.now - entry.enqueuedAt,
			context: entry.context,
		});
	}
	state.queue = waiting;
	return events;
}

/**
 * Takes a conversation from its agent and finds another. When nobody is free it goes back to
 * the queue at the place its waiting time earns it, unless `keepIfNobody` (a slow answer is
 * better than none).
 */
function reassign(
	state: DeskState,
	ctx: DeskContext,
	conversationId: string,
	why: string,
	keepIfNobody: boolean,
): DeskEvent[] {
	const conversation = state.open[conversationId];
	const previous = summary(ctx.roster.byId.get(conversation.agent), conversation.agent);
	const exclude = [...conversation.previousAgents, conversation.agent];
	const choice = chooseAgent(
		state,
		ctx.roster,
		ctx.policy,
		{ lane: conversation.lane, skills: conversation.skills, exclude },
		ctx.now,
	);
	if (!choice && keepIfNobody) return [];
	closeOpen(state, conversationId);
	if (choice) {
		open(state, ctx, conversationId, choice, { ...conversation, previousAgents: exclude });
		return [
			{
				type: 'reassigned',
				conversationId,
				agent: summary(choice.agent, choice.agent.id),
				previousAgent: previous,
				reason: `${why}; ${choice.reason}`,
				lane: conversation.lane,
				load: loadOf(state, choice.agent),
				context: conversation.context,
			},
		];
	}
	const event = enqueue(
		state,
		{
			conversationId,
			lane: conversation.lane,
			skills: conversation.skills,
			priority: conversation.priority,
			enqueuedAt: conversation.lastCustomerAt,
			previousAgents: exclude,
			context: conversation.context,
		},
		`${why}; ${noAgentReason(conversation, ctx.roster)}`,
	);
	return [{ ...event, previousAgent: previous }];
}

export function release(state: DeskState, ctx: DeskContext, conversationId: string): DeskEvent[] {
	if (state.open[conversationId]) {
		const closed = closeOpen(state, conversationId);
		const agent = ctx.roster.byId.get(closed.agent);
		const event: DeskEvent = {
			type: 'released',
			conversationId,
			agent: summary(agent, closed.agent),
			reason: 'conversation closed; its slot is free',
			lane: closed.lane,
			context: closed.context,
		};
		if (agent) event.load = loadOf(state, agent);
		return [event, ...drainQueue(state, ctx)];
	}
	const queuedAt = queueIndex(state, conversationId);
	if (queuedAt >= 0) {
		const [entry] = state.queue.splice(queuedAt, 1);
		return [
			{
				type: 'cancelled',
				conversationId,
				reason: 'closed while waiting in the queue',
				lane: entry.lane,
				context: entry.context,
			},
		];
	}
	return [
		{ type: 'notFound', conversationId, reason: 'not open and not queued (already closed?)' },
	];
}

export function setStatus(
	state: DeskState,
	ctx: DeskContext,
	agentId: string,
	status: AgentStatus,
): DeskEvent[] {
	const agent = ctx.roster.byId.get(agentId);
	if (!agent && !state.agents[agentId])
		throw new DeskOperationError(`agent "${agentId}" is not in the roster`, 'agentId');
	const runtime = runtimeOf(state, agentId, ctx.now);
	const changed = runtime.status !== status;
	runtime.status = status;
	if (changed) runtime.statusAt = ctx.now;
	if (status === 'online') state.dirty = true;
	const events: DeskEvent[] = [
		{
			type: 'status',
			agent: summary(agent, agentId),
			status,
			reason: changed ? `status set to ${status}` : `already ${status}`,
		},
	];
	if (status === 'offline' && ctx.policy.reassignOnOffline) {
		for (const id of Object.keys(state.open)) {
			if (state.open[id].agent === agentId)
				events.push(...reassign(state, ctx, id, 'agent went offline', false));
		}
	}
	events.push(...drainQueue(state, ctx));
	if (agent) events[0].load = loadOf(state, agent);
	return events;
}

export function transfer(
	state: DeskState,
	ctx: DeskContext,
	conversationId: string,
	toAgentId: string,
	request?: AssignRequest,
): DeskEvent[] {
	const target = ctx.roster.byId.get(toAgentId);
	if (!target) throw new DeskOperationError(`agent "${toAgentId}" is not in the roster`, 'toAgent');
	const runtime = state.agents[target.id];
	if ((runtime?.status ?? target.status) === 'offline')
		throw new DeskOperationError(`${target.name} is offline`, 'toAgent');
	const current = state.open[conversationId];
	if (current?.agent === target.id) {
		return [
			{
				type: 'already',
				conversationId,
				agent: summary(target, target.id),
				reason: 'already with this agent',
				lane: current.lane,
				load: loadOf(state, target),
				context: current.context,
			},
		];
	}
	const queuedAt = queueIndex(state, conversationId);
	const lane =
		current?.lane ?? (queuedAt >= 0 ? state.queue[queuedAt].lane : (request?.lane ?? 'normal'));
	if (!hasRoom(target, runtime, lane, ctx.policy)) {
		throw new DeskOperationError(
			`${target.name} has no free slot (${runtime?.open ?? 0}/${capacityFor(target, lane, ctx.policy)})`,
			'toAgent',
		);
	}
	const choice: Choice = { agent: target, reason: 'transferred by hand', reserved: false };
	let previousAgent: AgentSummary | undefined;
	let entry: Omit<OpenConversation, 'agent' | 'assignedAt'>;
	if (current) {
		previousAgent = summary(ctx.roster.byId.get(current.agent), current.agent);
		closeOpen(state, conversationId);
		entry = { ...current, previousAgents: [...current.previousAgents, current.agent] };
	} else if (queuedAt >= 0) {
		const [queued] = state.queue.splice(queuedAt, 1);
		entry = {
			lane: queued.lane,
			skills: queued.skills,
			priority: queued.priority,
			lastCustomerAt: queued.enqueuedAt,
			previousAgents: queued.previousAgents,
			context: queued.context,
		};
	} else {
		if (!request)
			throw new DeskOperationError(
				`conversation "${conversationId}" is neither open nor queued`,
				'conversationId',
			);
		entry = {
			lane: request.lane,
			skills: request.skills.filter((s) => ctx.roster.skills.has(s)),
			priority: request.priority,
			lastCustomerAt: ctx.now,
			previousAgents: [],
			context: request.context,
		};
	}
	open(state, ctx, conversationId, choice, entry);
	const event: DeskEvent = {
		type: 'transferred',
		conversationId,
		agent: summary(target, target.id),
		reason: previousAgent ? `transferred by hand from ${previousAgent.name}` : 'assigned by hand',
		lane: entry.lane,
		load: loadOf(state, target),
		context: entry.context,
	};
	if (previousAgent) event.previousAgent = previousAgent;
	return [event, ...drainQueue(state, ctx)];
}

export function recordReply(
	state: DeskState,
	ctx: DeskContext,
	conversationId: string,
): DeskEvent[] {
	const conversation = state.open[conversationId];
	if (!conversation)
		return [{ type: 'notFound', conversationId, reason: 'not open (already closed?)' }];
	const first = conversation.lastAgentReplyAt === undefined;
	conversation.lastAgentReplyAt = ctx.now;
	const agent = ctx.roster.byId.get(conversation.agent);
	return [
		{
			type: 'replied',
			conversationId,
			agent: summary(agent, conversation.agent),
			reason: first
				? `first reply after ${Math.round((ctx.now - conversation.assignedAt) / 1000)} s`
				: 'agent replied',
			lane: conversation.lane,
			context: conversation.context,
		},
	];
}

/** Why a conversation should leave its agent now, if it should. */
function sweepReason(
	state: DeskState,
	ctx: DeskContext,
	conversation: OpenConversation,
): { why: string; keep: boolean } | undefined {
	const agent = ctx.roster.byId.get(conversation.agent);
	if (!agent) return { why: 'agent no longer in the roster', keep: false };
	const runtime = state.agents[agent.id];
	const status = runtime?.status ?? 'online';
	if (status === 'offline') return { why: 'agent offline', keep: false };
	const awayMs = ctx.now - (runtime?.statusAt ?? ctx.now);
	if (status === 'away' && awayMs >= ctx.policy.awayGraceMinutes * 60_000) {
		return { why: `agent away for ${Math.round(awayMs / 60_000)} min`, keep: false };
	}
	if (status !== 'away' && !onShift(agent, ctx.policy, ctx.now)) {
		return { why: 'agent off shift', keep: false };
	}
	const limit = ctx.policy.unansweredMinutes * 60_000;
	if (limit > 0) {
		const waitingSince =
			conversation.lastAgentReplyAt === undefined
				? conversation.assignedAt
				: conversation.lastCustomerAt > conversation.lastAgentReplyAt
					? conversation.lastCustomerAt
					: undefined;
		if (
			waitingSince !== undefined &&
			ctx.now - Math.max(waitingSince, conversation.assignedAt) >= limit
		) {
			return { why: `no reply for ${ctx.policy.unansweredMinutes} min`, keep: true };
		}
	}
	return undefined;
}

export function sweep(state: DeskState, ctx: DeskContext): DeskEvent[] {
	const events: DeskEvent[] = [];
	for (const id of Object.keys(state.open)) {
		const reason = sweepReason(state, ctx, state.open[id]);
		if (reason) events.push(...reassign(state, ctx, id, reason.why, reason.keep));
	}
	events.push(...drainQueue(state, ctx, true));
	return events;
}
