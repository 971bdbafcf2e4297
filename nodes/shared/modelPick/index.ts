/** What the nodes may use of this engine: node folders import from here, never from its files. */
export { askModel } from './askModel';
export { scrubbed } from './modelErrors';
export type {
	ChatAnswer,
	ChatFn,
	ChatMessage,
	HandBackReason,
	ModelPick,
	ModelPickSettings,
	PickCandidate,
} from './types';
