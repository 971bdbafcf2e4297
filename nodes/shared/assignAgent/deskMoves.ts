import { capacityFor, hasRoom, onShift, type Choice } from './chooseAgent';
import {
	DeskOperationError,
	type AgentSummary,
	type AssignRequest,
	type DeskContext,
	type DeskEvent,
} from './deskEvents';
import { type DeskState, type OpenConversation } from './deskState';
import type { AgentStatus } from './roster';

import { drainQueue, reassign } from './deskAssign';
import { closeOpen, loadOf, open, queueIndex, runtimeOf, summary } from './deskRecords';

/** What happens to conversations already on the desk: release, status, transfer, replies, sweep. */

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
