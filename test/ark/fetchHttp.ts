import type { HttpFn } from '../../nodes/shared/http/httpFn';

/** A plain fetch HttpFn for tests (nock intercepts fetch). Statuses never throw; JSON is parsed when it is JSON. */
export function fetchHttp(): HttpFn {
	return async (request) => {
		const response = await fetch(request.url, {
			method: request.method,
			headers: { 'Content-Type': 'application/json', ...request.headers },
			body: request.body === undefined ? undefined : JSON.stringify(request.body),
			signal: AbortSignal.timeout(request.timeoutMs ?? 15_000),
		});
		const text = await response.text();
		let body: unknown = text === '' ? undefined : text;
		try {
			body = text === '' ? undefined : (JSON.parse(text) as unknown);
		} catch {
			// not JSON: keep the text
		}
		const headers: Record<string, string> = {};
		response.headers.forEach((value, key) => {
			headers[key] = value;
		});
		return { status: response.status, headers, body };
	};
}
