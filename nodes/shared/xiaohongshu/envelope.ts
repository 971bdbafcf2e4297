import { parseJsonBody, retryAfterMs, type HttpResponse } from './http';
import { XhsApiError } from './errorCodes';

/**
 * The response envelope (spec §3): `{code, success, msg, data, request_id}`. A call
 * succeeded only when code == 0 and success == true, whatever the HTTP status; 429 and 5xx
 * may carry HTML or nothing at all.
 */
export interface Envelope<T = unknown> {
	code: number;
	success: boolean;
	msg?: string;
	data: T;
	request_id?: string;
}


function isEnvelope(value: unknown): value is Envelope {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Envelope).code === 'number'
	);
}


/** Returns `data` of a successful envelope, or throws XhsApiError. */
export function unwrapEnvelope<T>(response: HttpResponse): T {
	const body = parseJsonBody(response.body);
	const envelope = isEnvelope(body) ? body : undefined;
	if (envelope && envelope.code === 0 && envelope.success === true && response.status < 400) {
		return envelope.data as T;
	}
	let code = envelope?.code;
	if (response.status === 429) code = 42900;
	else if (response.status >= 500 && (code === undefined || code < 50000)) code = 50000 + (response.status - 500);
	else if (code === undefined || code === 0) code = response.status >= 400 ? 40000 : 50000;
	throw new XhsApiError({
		code,
		message: envelope?.msg,
		httpStatus: response.status,
		requestId: envelope?.request_id,
		retryAfterMs: retryAfterMs(response, { minMs: 1000 }),
	});
}
