import type { AgentStatus } from './roster';
import type { LaneName } from './routingPolicy';

/**
 * What a desk remembers between executions: each agent's live status and load, the open
 * conversations and the waiting queue. One JSON document per desk, so one versioned write
 * changes all of it at once (see deskStore).
 */
export interface AgentRuntime {
	/** Open conversations now; kept equal to the count in `open` (see checkInvariants). */
	open: number;
	status: AgentStatus;
	statusAt: number;
	/** The roster's status column when last seen; a different value is a status change. */
	rosterStatus?: AgentStatus;
	lastAssignedAt: number;
}

/** Small and bounded: what the agent's notification needs, not the whole item. */
export interface ConversationContext {
	customerUserId: string;
	nickname?: string;
	text?: string;
	messageId?: string;
	accountUserId?: string;
	thirdAccountId?: string;
}

export interface OpenConversation {
	agent: string;
	lane: LaneName;
	skills: string[];
	priority: number;
	assignedAt: number;
	/** When the customer last wrote; with firstReplyAt, tells whether they wait for us. */
	lastCustomerAt: number;
	lastAgentReplyAt?: number;
	/** Agents who gave it up (away, offline, unanswered), so a sweep does not hand it back. */
	previousAgents: string[];
	context: ConversationContext;
}

export interface QueuedConversation {
	conversationId: string;
	lane: LaneName;
	skills: string[];
	priority: number;
	enqueuedAt: number;
	/** The agent a returning customer had before, tried first when a slot frees. */
	preferAgent?: string;
	previousAgents: string[];
	context: ConversationContext;
}

export interface DeskState {
	agents: Record<string, AgentRuntime>;
	open: Record<string, OpenConversation>;
	/** Ordered: priority descending, then waiting time. */
	queue: QueuedConversation[];
	/** Round-robin position: the last agent picked. */
	cursor?: string;
	/** Smooth weighted round robin's running scores. */
	weights: Record<string, number>;
	/** Set when something may let a queued conversation through (capacity freed, agent back). */
	dirty: boolean;
	/** Minute of the last full queue pass: shifts start with time, not with writes. */
	drainedMinute: number;
	rosterHash?: string;
}

export function emptyDesk(): DeskState {
	return { agents: {}, open: {}, queue: [], weights: {}, dirty: false, drainedMinute: 0 };
}

export function insertQueued(queue: QueuedConversation[], entry: QueuedConversation): number {
	let at = queue.length;
	while (at > 0) {
		const before = queue[at - 1];
		if (
			before.priority > entry.priority ||
			(before.priority === entry.priority && before.enqueuedAt <= entry.enqueuedAt)
		)
			break;
		at--;
	}
	queue.splice(at, 0, entry);
	return at;
}

/** Every rule a desk must keep; the concurrency tests check it on every state they see. */
export function checkInvariants(state: DeskState, capacityOf: (agent: string) => number): string[] {
	const problems: string[] = [];
	const counts: Record<string, number> = {};
	for (const [id, conv] of Object.entries(state.open)) {
		counts[conv.agent] = (counts[conv.agent] ?? 0) + 1;
		if (state.queue.some((q) => q.conversationId === id))
			problems.push(`${id} is both open and queued`);
	}
	for (const [agent, runtime] of Object.entries(state.agents)) {
		if ((counts[agent] ?? 0) !== runtime.open)
			problems.push(`${agent}: load ${runtime.open} but ${counts[agent] ?? 0} open`);
		if (runtime.open > capacityOf(agent))
			problems.push(`${agent}: ${runtime.open} open > capacity ${capacityOf(agent)}`);
	}
	const queued = new Set(state.queue.map((q) => q.conversationId));
	if (queued.size !== state.queue.length) problems.push('a conversation is queued twice');
	return problems;
}
