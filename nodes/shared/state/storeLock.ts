import { randomUUID } from 'node:crypto';

import type { StateStore } from './StateStore';

/**
 * A lock across executions and processes, held as a claimed key with a TTL (so a crashed holder
 * cannot block forever) and released only by its owner (so a holder whose TTL lapsed cannot
 * release the next holder's lock).
 */
export class LockTimeoutError extends Error {
	constructor(what: string, waitedMs: number) {
		super(`another execution kept ${what} locked for ${Math.round(waitedMs / 1000)} s`);
		this.name = 'LockTimeoutError';
	}
}

export async function releaseLock(store: StateStore, key: string, owner: string): Promise<void> {
	const lock = await store.get(key);
	if (lock?.value === owner) await store.commit([{ key, expectVersion: lock.version }]);
}

export interface LockOptions {
	/** Longer than the work can take, retries included: a lapsed lock lets a second holder in. */
	ttlMs: number;
	waitMs: number;
	/** Named in the timeout error. */
	what: string;
}

export async function withStoreLock<T>(
	store: StateStore,
	key: string,
	options: LockOptions,
	work: () => Promise<T>,
): Promise<T> {
	const owner = randomUUID();
	const deadline = Date.now() + options.waitMs;
	while (!(await store.claim(key, owner, options.ttlMs))) {
		if (Date.now() > deadline) throw new LockTimeoutError(options.what, options.waitMs);
		await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
	}
	try {
		return await work();
	} finally {
		await releaseLock(store, key, owner);
	}
}
