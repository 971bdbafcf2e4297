import { chooseAgent, isAvailable } from './chooseAgent';
import { type AssignRequest, type DeskContext, type DeskEvent } from './deskEvents';
import { type DeskState, type QueuedConversation } from './deskState';

import {
	closeOpen,
	enqueue,
	loadOf,
	noAgentReason,
	open,
	queueIndex,
	sameDm,
	summary,
} from './deskRecords';

/** Giving a conversation to an agent, and serving the queue when room opens. */

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
export function reassign(
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
