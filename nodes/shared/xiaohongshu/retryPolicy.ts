import { XhsApiError } from './errorCodes';

/**
 * Bounded retries: server errors and dropped connections back off exponentially with
 * jitter; 429 waits for Retry-After. Everything else is final. A send is safe to retry
 * because its request_id makes it idempotent at the platform.
 */
export interface RetryOptions {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** Upper bound of the time spent waiting over all attempts of one call. */
	maxTotalWaitMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
	maxAttempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 8000,
	maxTotalWaitMs: 30000,
};

/** Milliseconds to wait before the next attempt, or undefined when the error is final. */
export function retryDelay(error: unknown, attempt: number, options: RetryOptions, random = Math.random): number | undefined {
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

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ECONNABORTED',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
]);

export function isNetworkError(error: unknown): boolean {
	if (!error || typeof error !== 'object') return false;
	const e = error as { code?: string; cause?: { code?: string }; message?: string };
	if (e.code && NETWORK_CODES.has(e.code)) return true;
	if (e.cause?.code && NETWORK_CODES.has(e.cause.code)) return true;
	return /socket hang up|network|timeout/i.test(e.message ?? '');
}
