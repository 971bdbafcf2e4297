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
export { applyRoster, summary } from './deskRecords';
export { assign, drainQueue } from './deskAssign';
export { recordReply, release, setStatus, sweep, transfer } from './deskMoves';
