import { isNetworkError, type RetryOptions } from '../http/retryBasics';
import { XhsApiError } from './errorCodes';

export { DEFAULT_RETRY, type RetryOptions } from '../http/retryBasics';

/**
 * Bounded retries of the Xiaohongshu API: server errors and dropped connections back off
 * exponentially with jitter; 429 waits for Retry-After. Everything else is final. A send is
 * safe to retry because its request_id makes it idempotent at the platform.
 */
/** Milliseconds to wait before the next attempt, or undefined when the error is final. */
export function retryDelay(
	error: unknown,
	attempt: number,
	options: RetryOptions,
	random = Math.random,
): number | undefined {
	if (attempt >= options.maxAttempts) return undefined;
	const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
	const jittered = Math.round(backoff / 2 + (random() * backoff) / 2);
	if (error instanceof XhsApiError) {
		if (error.behaviour === 'rateLimited') return error.retryAfterMs ?? jittered;
		if (error.behaviour === 'serverError') return jittered;
		return undefined;
	}
	// A dropped connection or timeout: the platform may or may not have seen the call.
	return isNetworkError(error) ? jittered : undefined;
}
