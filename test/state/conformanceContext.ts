import type { StateStore } from '../../nodes/shared/state/StateStore';

/** What each conformance test needs: the backend under test and keys no other test touches. */
export interface ConformanceContext {
	store(): StateStore;
	/** Returns a namer: each call of `ctx.keys()` gives a fresh namespace. */
	keys(): (name: string) => string;
}

let namespaceCounter = 0;

export function createContext(store: () => StateStore): ConformanceContext {
	return {
		store,
		keys: () => {
			const namespace = `t${++namespaceCounter}-${Math.random().toString(36).slice(2, 7)}`;
			return (name) => `${namespace}:${name}`;
		},
	};
}
