import { createContext } from './conformanceContext';
import { describeCounters } from './countersConformance';
import { describeEntries } from './entriesConformance';
import { describeStreams } from './streamsConformance';
import { describeUpdateMany } from './updateManyConformance';
import type { StateStore } from '../../nodes/shared/state/StateStore';

/** Every part of the shared behavioural suite, for one store (opened by the caller's beforeAll). */
export function describeConformance(store: () => StateStore): void {
	const ctx = createContext(store);
	describeEntries(ctx);
	describeCounters(ctx);
	describeUpdateMany(ctx);
	describeStreams(ctx);
}
