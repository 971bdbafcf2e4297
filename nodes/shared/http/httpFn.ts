/**
 * Every transport (Xiaohongshu, the CRMs) speaks to HTTP through this one function type, so that n8n's
 * `this.helpers.httpRequest` (in nodes), nock (in tests) and plain fetch (in tools) all fit.
 * It must not throw on HTTP error statuses: the envelope and the status decide together.
 */
export interface HttpRequest {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	url: string;
	headers?: Record<string, string>;
	body?: unknown;
	timeoutMs?: number;
}

export interface HttpResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

export type HttpFn = (request: HttpRequest) => Promise<HttpResponse>;

export type SleepFn = (ms: number) => Promise<void>;

export const realSleep: SleepFn = async (ms) =>
	await new Promise((resolve) => setTimeout(resolve, ms));

export function headerValue(headers: HttpResponse['headers'], name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/** A response body as JSON when it is JSON text, else as given (undefined for an empty one). */
export function parseJsonBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	if (body.trim() === '') return undefined;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

/** Retry-After (or another header) as seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(
	response: HttpResponse,
	options: { header?: string; minMs?: number; now?: () => number } = {},
): number | undefined {
	const raw = headerValue(response.headers, options.header ?? 'retry-after');
	if (raw === undefined || raw.trim() === '') return undefined;
	const minMs = options.minMs ?? 0;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(minMs, seconds * 1000);
	const date = Date.parse(raw);
	return Number.isNaN(date) ? undefined : Math.max(minMs, date - (options.now ?? Date.now)());
}
