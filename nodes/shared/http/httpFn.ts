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

export const realSleep: SleepFn = async (ms) => await new Promise((resolve) => setTimeout(resolve, ms));

export function headerValue(headers: HttpResponse['headers'], name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}
