import type { HandBackReason } from './types';

/**
 * What went wrong in a model call, in words an ops lead can act on and without secrets: SDKs
 * put the request (and sometimes the key) into their messages, so only the first line is kept
 * and anything that looks like a key or token is blanked.
 */
export class ModelTimeout extends Error {
	constructor(readonly ms: number) {
		super(`the model did not answer within ${Math.round(ms / 100) / 10} s`);
		this.name = 'ModelTimeout';
	}
}

function statusOf(error: unknown): number | undefined {
	const e = error as { status?: unknown; statusCode?: unknown; response?: { status?: unknown } };
	for (const v of [e?.status, e?.statusCode, e?.response?.status]) {
		const n = Number(v);
		if (Number.isInteger(n) && n >= 100 && n < 600) return n;
	}
	return undefined;
}

const SECRET =
	/\b(?:sk|pk|ak|key|token)[-_][A-Za-z0-9_-]{8,}|\bBearer\s+\S+|\b[A-Za-z0-9_-]{32,}\b/g;

export function scrubbed(message: string): string {
	return (message.split('\n')[0] ?? '').replace(SECRET, '***').slice(0, 200);
}

export function classifyModelError(error: unknown): { handBack: HandBackReason; why: string } {
	if (error instanceof ModelTimeout) return { handBack: 'timeout', why: error.message };
	const status = statusOf(error);
	const message = scrubbed(error instanceof Error ? error.message : String(error));
	const code = String((error as { code?: unknown })?.code ?? '');
	if (status === 429 || /rate.?limit|\b429\b|too many requests/i.test(`${code} ${message}`))
		return {
			handBack: 'rate limited',
			why: 'the model provider refused the call: too many requests (429)',
		};
	if (
		(error as Error)?.name === 'AbortError' ||
		/timed? ?out|ETIMEDOUT|aborted/i.test(`${code} ${message}`)
	)
		return { handBack: 'timeout', why: `the model call timed out (${message})` };
	return {
		handBack: 'model error',
		why: `the model call failed${status ? ` (HTTP ${status})` : ''}: ${message || 'no message'}`,
	};
}
