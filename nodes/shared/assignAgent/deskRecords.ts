import { type Choice, type Roster } from './chooseAgent';
import { type AgentSummary, type DeskContext, type DeskEvent } from './deskEvents';
import {
	insertQueued,
	type ConversationContext,
	type DeskState,
	type OpenConversation,
	type QueuedConversation,
} from './deskState';
import type { Agent } from './roster';
import type { LaneName } from './routingPolicy';

/** The desk's bookkeeping the operations share: loads, open conversations, the queue. */

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

export function loadOf(state: DeskState, agent: Agent) {
	return { open: state.agents[agent.id]?.open ?? 0, capacity: agent.capacity };
}

export function runtimeOf(state: DeskState, id: string, now: number) {
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

export function open(
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

export function closeOpen(state: DeskState, conversationId: string): OpenConversation {
	const conversation = state.open[conversationId];
	delete state.open[conversationId];
	const runtime = state.agents[conversation.agent];
	if (runtime) runtime.open = Math.max(0, runtime.open - 1);
	state.dirty = true;
	return conversation;
}

export function queueIndex(state: DeskState, conversationId: string): number {
	return state.queue.findIndex((q) => q.conversationId === conversationId);
}

export function enqueue(state: DeskState, entry: QueuedConversation, reason: string): DeskEvent {
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

export function noAgentReason(
	request: { skills: string[]; lane: LaneName },
	roster: Roster,
): string {
	// Waiting is right (the first roster serves the queue), but say what is missing.
	if (roster.agents.length === 0)
		return 'this desk has no agents yet: give it a roster (the "Agents table → desk" template does, every minute)';
	const skills = request.skills.length ? ` with ${request.skills.join(' + ')}` : '';
	return `no agent${skills} is online with a free slot${request.lane === 'normal' ? '' : ` (${request.lane} lane, high priority)`}`;
}

export function sameDm(
	stored: ConversationContext | undefined,
	asked: ConversationContext | undefined,
): boolean {
	return !!stored?.messageId && stored.messageId === asked?.messageId;
}
