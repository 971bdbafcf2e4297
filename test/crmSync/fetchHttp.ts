import type { HttpFn } from '../../nodes/shared/http/httpFn';

/**
 * A real HttpFn over Node's global fetch, so nock (14, which intercepts fetch) sees real
 * requests: the method, URL, headers and the JSON body exactly as they would go on the wire.
 * Statuses never throw; a JSON answer is parsed, anything else is returned as text.
 */
export const fetchHttp: HttpFn = async (request) => {
	const headers: Record<string, string> = { ...(request.headers ?? {}) };
	let body: string | undefined;
	if (request.body !== undefined) {
		body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
		if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
			headers['Content-Type'] = 'application/json';
	}
	const response = await fetch(request.url, {
		method: request.method,
		headers,
		body,
		signal: request.timeoutMs ? AbortSignal.timeout(request.timeoutMs) : undefined,
	});
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = text ? (JSON.parse(text) as unknown) : undefined;
	} catch {
		parsed = text;
	}
	const outHeaders: Record<string, string> = {};
	response.headers.forEach((value, key) => {
		outHeaders[key] = value;
	});
	return { status: response.status, headers: outHeaders, body: parsed };
};

/** A sleep that only records what it was asked to wait, and advances a fake clock. */
export function fakeSleep(clock?: { now: number }) {
	const waits: number[] = [];
	const sleep = async (ms: number) => {
		waits.push(ms);
		if (clock) clock.now += ms;
	};
	return { sleep, waits };
}
