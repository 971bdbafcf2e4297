import type { CustomerProfile } from '../customerProfile';
import type { HistoryRecord, LeadRecord } from '../crmRecords';
import type { CrmTarget } from '../crmTarget';

/**
 * Bounded retries around a target whose transport does not retry by itself (plain HTTP):
 * errors that say `retryable` wait for their Retry-After or an exponential, jittered backoff.
 */
export interface RetryPolicy {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	maxTotalWaitMs: number;
}

interface MaybeRetryable {
	retryable?: boolean;
	retryAfterMs?: number;
}

export async function withRetries<T>(work: () => Promise<T>, policy: RetryPolicy, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<T> {
	let waited = 0;
	for (let attempt = 1; ; attempt++) {
		const outcome = await work().then(
			(value) => ({ ok: true as const, value }),
			(error: unknown) => ({ ok: false as const, error }),
		);
		if (outcome.ok) return outcome.value;
		const error = outcome.error as MaybeRetryable & { attempts?: number };
		const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
		const delay = error.retryAfterMs ?? Math.round(backoff / 2 + (Math.random() * backoff) / 2);
		if (!error.retryable || attempt >= policy.maxAttempts || waited + delay > policy.maxTotalWaitMs) {
			if (error && typeof error === 'object') error.attempts = attempt;
			return await Promise.reject(outcome.error);
		}
		waited += delay;
		await sleep(delay);
	}
}

export class RetryingTarget implements CrmTarget {
	readonly name: string;

	constructor(
		private readonly inner: CrmTarget,
		private readonly policy: RetryPolicy,
	) {
		this.name = inner.name;
	}

	async upsertCustomer(profile: CustomerProfile, record: Record<string, string | number | null>, leads: LeadRecord[], knownId: string | undefined): Promise<string> {
		return await withRetries(async () => await this.inner.upsertCustomer(profile, record, leads, knownId), this.policy);
	}

	async appendHistory(history: HistoryRecord, customerId: string): Promise<string> {
		return await withRetries(async () => await this.inner.appendHistory(history, customerId), this.policy);
	}
}
