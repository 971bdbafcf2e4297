import { isAvailable, onShift } from './chooseAgent';
import type { DeskState } from './deskState';
import { summary, type AgentSummary, type DeskContext } from './deskOperations';
import type { LaneName } from './routingPolicy';
import type { AgentStatus } from './roster';

/** What Get Load reports: each agent's load and status, and the head of the waiting queue. */
export interface DeskLoad {
	agents: Array<
		AgentSummary & {
			status: AgentStatus;
			onShift: boolean;
			available: boolean;
			open: number;
			capacity: number;
			free: number;
		}
	>;
	open: number;
	queueLength: number;
	longestWaitMs: number;
	queue: Array<{
		position: number;
		conversationId: string;
		lane: LaneName;
		priority: number;
		waitingMs: number;
		skills: string[];
		nickname?: string;
	}>;
}

export function loadView(state: DeskState, ctx: DeskContext, queueLimit = 20): DeskLoad {
	const agents = ctx.roster.agents.map((agent) => {
		const runtime = state.agents[agent.id];
		const open = runtime?.open ?? 0;
		const status = runtime?.status ?? agent.status ?? 'online';
		return {
			...summary(agent, agent.id),
			status,
			onShift: onShift(agent, ctx.policy, ctx.now),
			available: isAvailable(agent, runtime, ctx.policy, ctx.now),
			open,
			capacity: agent.capacity,
			free: Math.max(0, agent.capacity - open),
		};
	});
	return {
		agents,
		open: Object.keys(state.open).length,
		queueLength: state.queue.length,
		longestWaitMs: state.queue.reduce((max, q) => Math.max(max, ctx.now - q.enqueuedAt), 0),
		queue: state.queue.slice(0, queueLimit).map((q, i) => ({
			position: i + 1,
			conversationId: q.conversationId,
			lane: q.lane,
			priority: q.priority,
			waitingMs: ctx.now - q.enqueuedAt,
			skills: q.skills,
			nickname: q.context.nickname,
		})),
	};
}
