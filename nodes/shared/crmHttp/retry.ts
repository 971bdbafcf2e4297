import type { SleepFn } from '../http/httpFn';
import { isNetworkError } from '../http/retryBasics';
import { CrmApiError, redactSecrets, type CrmVendor } from './crmApiError';

/**
 * Bounded retries for the CRM transports, in the same shape as the Xiaohongshu policy:
 * 5xx and dropped connections back off exponentially with jitter; 429 waits for the vendor's
 * Retry-After; there is a cap on attempts and on the total time spent waiting in one call.
 * Everything else is final.
 */
export interface CrmRetryOptions {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** Upper bound of the time spent waiting over all attempts of one call. */
	maxTotalWaitMs: number;
}

export const DEFAULT_CRM_RETRY: CrmRetryOptions = {
	maxAttempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 8000,
	maxTotalWaitMs: 30000,
};

/** Milliseconds to wait before attempt `attempt + 1`, or undefined when the error is final. */
export function crmRetryDelay(
	error: CrmApiError,
	attempt: number,
	options: CrmRetryOptions,
	random: () => number = Math.random,
): number | undefined {
	if (!error.retryable || attempt >= options.maxAttempts) return undefined;
	if (error.retryAfterMs !== undefined) return error.retryAfterMs;
	const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(backoff / 2 + (random() * backoff) / 2);
}

export interface RetryLoopOptions {
	vendor: CrmVendor;
	operation: string;
	retry: CrmRetryOptions;
	sleep: SleepFn;
	/** Values that must never appear in an error message (tokens, app secret). */
	secrets: () => ReadonlyArray<string | undefined>;
	random?: () => number;
}

/**
 * Runs `attempt` until it succeeds, fails finally, or the attempt / wait budget is spent.
 * Whatever it throws is a CrmApiError: a thrown transport error (no HTTP answer) becomes a
 * `network` error whose message keeps only the error's code and redacted text, never the
 * error object itself (an HTTP library's error may hold the request and its headers).
 */
export async function withCrmRetry<T>(
	attempt: () => Promise<T>,
	options: RetryLoopOptions,
): Promise<T> {
	let waited = 0;
	for (let n = 1; ; n++) {
		let error: CrmApiError;
		try {
			return await attempt();
		} catch (thrown) {
			error = toCrmError(thrown, options);
		}
		const delay = crmRetryDelay(error, n, options.retry, options.random);
		if (delay === undefined || waited + delay > options.retry.maxTotalWaitMs) {
			error.attempts = n;
			throw error;
		}
		waited += delay;
		await options.sleep(delay);
	}
}

export function toCrmError(
	thrown: unknown,
	options: Pick<RetryLoopOptions, 'vendor' | 'operation' | 'secrets'>,
): CrmApiError {
	if (thrown instanceof CrmApiError) return thrown;
	const e = (thrown ?? {}) as { code?: unknown; cause?: { code?: unknown }; message?: unknown };
	const code =
		typeof e.code === 'string'
			? e.code
			: typeof e.cause?.code === 'string'
				? e.cause.code
				: undefined;
	const transient = isNetworkError(thrown);
	const text =
		typeof e.message === 'string' && e.message
			? e.message
			: 'request failed without an HTTP response';
	return new CrmApiError({
		vendor: options.vendor,
		kind: 'network',
		operation: options.operation,
		code,
		message: redactSecrets(text, options.secrets()),
		retryable: transient,
		hint: transient
			? 'The service could not be reached; the node retried. Check the network or try again later.'
			: undefined,
	});
}
