/**
 * Small atomic multi-key updates (an agent's load together with an assignment, a queue and its
 * index, ...) on top of StateStore.commit: read the keys, let the caller decide, commit with
 * the versions read, and start over when another writer got there first.
 */
import type { CommitWrite, StateStore, StoredEntry } from './StateStore';

/**
 * The new value of one key:
 * - a string: the new value, keeping the key's current expiry (if it had one);
 * - `{ value, ttlMs }`: the new value with a new TTL (0 or undefined: no expiry);
 * - `null`: delete the key.
 * A key the updater leaves out keeps its value.
 */
export type NewValue = string | { value: string; ttlMs?: number } | null;

export type Snapshot = Record<string, StoredEntry | undefined>;

/** Returns the new values, or undefined to leave everything as it is. */
export type Updater = (current: Snapshot) => Record<string, NewValue> | undefined;

export interface UpdateManyOptions {
	/** Reads + commits before giving up with UpdateConflictError. Default 20. */
	maxAttempts?: number;
}

export interface UpdateManyResult {
	/** False when the updater returned undefined; nothing was written then. */
	changed: boolean;
	/** The entries the final decision was based on. */
	before: Snapshot;
	/** What the updater returned on that attempt. */
	values?: Record<string, NewValue>;
	attempts: number;
}

export class UpdateConflictError extends Error {
	constructor(
		readonly keys: string[],
		readonly attempts: number,
	) {
		super(
			`updateMany gave up after ${attempts} attempts: other writers kept changing ${keys.join(', ')}`,
		);
		this.name = 'UpdateConflictError';
	}
}

const DEFAULT_MAX_ATTEMPTS = 20;
const BACKOFF_BASE_MS = 2;
const BACKOFF_CAP_MS = 100;

/**
 * Every key read is part of the commit, including those the updater does not change (they are
 * written back unchanged): the decision must not stand if any input changed meanwhile, e.g. a
 * load of another agent that would have made it the better pick.
 */
export async function updateMany(
	store: StateStore,
	keys: string[],
	updater: Updater,
	options: UpdateManyOptions = {},
): Promise<UpdateManyResult> {
	const uniqueKeys = [...new Set(keys)];
	const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
	for (let attempt = 1; attempt <= maxAttempts; attempt++) {
		const entries = await Promise.all(uniqueKeys.map((key) => store.get(key)));
		const before: Snapshot = {};
		uniqueKeys.forEach((key, i) => (before[key] = entries[i]));

		const values = updater({ ...before });
		if (values === undefined) return { changed: false, before, attempts: attempt };

		const unknownKey = Object.keys(values).find((key) => !(key in before));
		if (unknownKey !== undefined) {
			throw new Error(
				`updateMany: the updater wrote "${unknownKey}", which is not among the keys read`,
			);
		}
		const writes = uniqueKeys.map((key) =>
			toWrite(key, before[key], key in values ? values[key] : undefined),
		);
		if (await store.commit(writes)) return { changed: true, before, values, attempts: attempt };

		if (attempt < maxAttempts) await sleep(backoffMs(attempt));
	}
	throw new UpdateConflictError(uniqueKeys, maxAttempts);
}

/** `change` undefined: the updater left the key out, so it is written back as it was. */
function toWrite(
	key: string,
	current: StoredEntry | undefined,
	change: NewValue | undefined,
): CommitWrite {
	const expectVersion = current?.version ?? null;
	if (change === null || (change === undefined && current === undefined)) {
		return { key, expectVersion, value: undefined };
	}
	if (change === undefined || typeof change === 'string') {
		const value = change ?? (current as StoredEntry).value;
		return { key, expectVersion, value, ttlMs: remainingTtl(current) };
	}
	return { key, expectVersion, value: change.value, ttlMs: change.ttlMs };
}

function remainingTtl(entry: StoredEntry | undefined): number | undefined {
	if (entry?.expiresAt === undefined) return undefined;
	// At least 1 ms: 0 would mean "keep forever". If the key expired meanwhile, its version
	// no longer matches and the commit is refused anyway.
	return Math.max(1, entry.expiresAt - Date.now());
}

/** "Full jitter": a random wait up to an exponentially growing cap, so rivals spread out. */
function backoffMs(attempt: number): number {
	return Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
