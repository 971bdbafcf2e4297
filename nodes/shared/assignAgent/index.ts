/** What the nodes may use of this engine: node folders import from here, never from its files (eslint enforces it). */
export { listDesks, registerDesk, savedRoster } from './deskDirectory';
export type { DeskLoad } from './deskLoad';
export { DeskOperationError } from './deskOperations';
export type { AssignRequest, DeskEvent } from './deskOperations';
export { DeskStore } from './deskStore';
export type { DeskEnvironment } from './deskStore';
export { RosterError, agentFromRow, rosterFromJson, statusOf } from './roster';
export type { Agent } from './roster';
export { DEFAULT_POLICY, policyWith } from './routingPolicy';
export type { LaneName, RoutingPolicy, Rung } from './routingPolicy';
export { parseWorkingHours } from '../hours';
