import type { IHttpRequestOptions } from 'n8n-workflow';
import type { HttpFn } from '../http/httpFn';

interface HttpHelpers {
	helpers: { httpRequest(options: IHttpRequestOptions): Promise<unknown> };
}

interface FullResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/**
 * The transport's HttpFn on top of n8n's own request helper (proxy settings, SSRF rules and
 * request logging of the instance apply). Statuses never throw: the envelope decides.
 */
export function n8nHttp(context: HttpHelpers): HttpFn {
	return async (request) => {
		const response = (await context.helpers.httpRequest({
			method: request.method,
			url: request.url,
			headers: request.headers,
			body: request.body as IHttpRequestOptions['body'],
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: request.timeoutMs ?? 15_000,
		})) as FullResponse;
		return { status: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
}
