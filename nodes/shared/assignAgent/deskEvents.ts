import type { Roster } from './chooseAgent';
import type { ConversationContext } from './deskState';
import type { AgentStatus } from './roster';
import type { LaneName, RoutingPolicy } from './routingPolicy';

/** What the desk's operations (deskOperations) are asked, and what they answer. */
export interface DeskContext {
	roster: Roster;
	policy: RoutingPolicy;
	now: number;
}

export type DeskEventType =
	| 'assigned'
	| 'already'
	| 'queued'
	| 'backfilled'
	| 'reassigned'
	| 'transferred'
	| 'released'
	| 'cancelled'
	| 'notFound'
	| 'status'
	| 'replied';

export interface AgentSummary {
	id: string;
	name: string;
	contact: string;
	team: string;
	level: number;
}

export interface DeskEvent {
	type: DeskEventType;
	conversationId?: string;
	agent?: AgentSummary;
	previousAgent?: AgentSummary;
	reason: string;
	lane?: LaneName;
	load?: { open: number; capacity: number };
	queue?: { position: number; length: number };
	/** How long the conversation waited in the queue, for backfills. */
	waitedMs?: number;
	context?: ConversationContext;
	status?: AgentStatus;
	/**
	 * The DM that opened or queued the conversation, run again (crash recovery): the same answer
	 * as the first time, with nothing changed on the desk and nothing to record twice.
	 */
	repeat?: boolean;
}

export class DeskOperationError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'DeskOperationError';
	}
}

export interface AssignRequest {
	conversationId: string;
	lane: LaneName;
	skills: string[];
	priority: number;
	team?: string;
	/** The customer's previous agent (sticky), looked up by the store. */
	preferAgent?: string;
	context: ConversationContext;
}
