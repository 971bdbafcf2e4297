/**
 * What every transport's retries share (Xiaohongshu, ark, the CRMs): the bounds of one call's
 * attempts, and which thrown errors are a dropped connection or a timeout rather than an
 * answer. Each transport decides from these what its own answers mean.
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
