/**
 * Semantics shared by the in-process backends (memory and embedded SQLite). The Redis backend
 * implements the same rules in Lua (redisScripts.ts); keep the two in step.
 */
import type { BoundedIncrementOptions, CommitWrite } from './StateStore';

/** Epoch ms at which a key written at `now` expires; undefined when it is kept. */
export function expiryFor(now: number, ttlMs?: number): number | undefined {
	return ttlMs !== undefined && ttlMs > 0 ? now + ttlMs : undefined;
}

export function isLive(expiresAt: number | null | undefined, now: number): boolean {
	return expiresAt === null || expiresAt === undefined || expiresAt > now;
}

/**
 * The counter's next value, or undefined when the call must be refused.
 *
 * A bound is only enforced in the direction the delta moves: a counter that already sits
 * outside its range (say an agent's load after its capacity was lowered) can still move back
 * towards it, instead of being stuck because every step would still be "out of bounds".
 */
export function nextBoundedValue(
	current: number,
	delta: number,
	options: BoundedIncrementOptions = {},
): number | undefined {
	const next = current + delta;
	if (delta > 0 && options.max !== undefined && next > options.max) return undefined;
	if (delta < 0 && options.min !== undefined && next < options.min) return undefined;
	return next;
}

export function assertFiniteDelta(key: string, delta: number): void {
	if (!Number.isFinite(delta))
		throw new Error(`increment of "${key}": delta ${delta} is not a finite number`);
}

export function parseCounter(key: string, stored: string | undefined): number {
	if (stored === undefined) return 0;
	const value = Number(stored);
	if (stored.trim() === '' || !Number.isFinite(value)) {
		throw new Error(
			`State key "${key}" holds "${stored}", which is not a number, so it cannot be incremented`,
		);
	}
	return value;
}

/**
 * Two writes to one key in a commit would make "the version read before" ambiguous, so every
 * backend refuses them the same way.
 */
export function assertDistinctKeys(writes: CommitWrite[]): void {
	const seen = new Set<string>();
	for (const write of writes) {
		if (seen.has(write.key)) throw new Error(`commit: key "${write.key}" appears more than once`);
		seen.add(write.key);
	}
}

/** A limit of 0 or less asks for nothing (rather than "no limit", as SQLite would read -1). */
export function wantsNoEvents(limit: number | undefined): boolean {
	return limit !== undefined && limit <= 0;
}

/**
 * Stream ids are zero-padded so that plain string comparison follows append order, whatever
 * the backend (callers can keep "the last id I processed" and compare with `>`).
 */
export function sortableSequenceId(sequence: number): string {
	return String(sequence).padStart(16, '0');
}
