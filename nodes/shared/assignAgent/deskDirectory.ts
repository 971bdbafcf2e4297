import type { StateStore } from '../state/StateStore';
import { deskRosterKey } from './deskStore';
import type { Agent } from './roster';

/**
 * The desks a state store holds, for the editor's pick list. The store cannot list its keys,
 * so a desk is written into a directory (a stream of names) the first time it is used; a name
 * written twice (two processes at once) is listed once.
 */
export const DESK_DIRECTORY_STREAM = 'desk-directory';
const listedKey = (desk: string) => `desk-directory:${desk}`;
/** Far more desks than anyone keeps; the oldest entries go first beyond it. */
const MAX_ENTRIES = 10_000;

const registered = new WeakMap<StateStore, Map<string, Promise<void>>>();

/** Adds a desk to the directory once per store and process (one read after that, none). */
export async function registerDesk(store: StateStore, desk: string): Promise<void> {
	const byName = registered.get(store) ?? new Map<string, Promise<void>>();
	registered.set(store, byName);
	let pending = byName.get(desk);
	if (!pending) {
		pending = (async () => {
			if (await store.get(listedKey(desk))) return;
			await store.append(DESK_DIRECTORY_STREAM, desk, { maxLength: MAX_ENTRIES });
			await store.set(listedKey(desk), '1');
		})();
		byName.set(desk, pending);
		// A failed write is tried again the next time the desk is used.
		pending.catch(() => byName.delete(desk));
	}
	await pending;
}

/** Each name once, in alphabetical order. */
export function deskNamesOf(entries: string[]): string[] {
	return [...new Set(entries.filter((name) => name !== ''))].sort((a, b) => a.localeCompare(b));
}

/** The desks of the store, in alphabetical order. */
export async function listDesks(store: StateStore): Promise<string[]> {
	const events = await store.readStream(DESK_DIRECTORY_STREAM);
	return deskNamesOf(events.map((event) => event.value));
}

/** The roster last given to a desk (what "As Last Given to This Desk" routes with), if any. */
export async function savedRoster(store: StateStore, desk: string): Promise<Agent[] | undefined> {
	const entry = await store.get(deskRosterKey(desk));
	if (!entry) return undefined;
	const saved = JSON.parse(entry.value) as { agents?: Agent[] };
	return Array.isArray(saved.agents) ? saved.agents : undefined;
}
