import { parseJsonBody, retryAfterMs, type HttpResponse } from './http';
import { XhsApiError } from './errorCodes';

/**
 * The response envelope (spec §3, §5r2): `{code, success, msg, data, request_id}`. Revision 1
 * wants both `code == 0` and `success == true`; the public integration of revision 2 accepts
 * either (and code 200), and 聚光 clients read the message from `message`. The tolerant
 * reading: a call failed when the HTTP status says so, when `success` is false, or when a
 * numeric `code` is neither 0 nor 200; it succeeded when `success` is true or `code` is 0/200.
 */
export interface Envelope<T = unknown> {
	code?: number | string;
	success?: boolean;
	msg?: string;
	message?: string;
	data: T;
	request_id?: string;
	requestId?: string;
}

function isEnvelope(value: unknown): value is Envelope {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Envelope;
	return typeof v.success === 'boolean' || codeOf(v) !== undefined;
}

function codeOf(envelope: Envelope): number | undefined {
	const code =
		typeof envelope.code === 'string' && /^-?\d+$/.test(envelope.code)
			? Number(envelope.code)
			: envelope.code;
	return typeof code === 'number' && Number.isFinite(code) ? code : undefined;
}

const OK_CODES = new Set([0, 200]);

function succeeded(envelope: Envelope): boolean {
	const code = codeOf(envelope);
	if (envelope.success === false) return false;
	if (code !== undefined && !OK_CODES.has(code)) return false;
	return envelope.success === true || code !== undefined;
}

function messageOf(envelope: Envelope | undefined): string | undefined {
	const text = envelope?.msg || envelope?.message;
	return typeof text === 'string' && text ? text : undefined;
}

/** Returns `data` of a successful envelope, or throws XhsApiError. */
export function unwrapEnvelope<T>(response: HttpResponse): T {
	const body = parseJsonBody(response.body);
	const envelope = isEnvelope(body) ? body : undefined;
	if (envelope && response.status < 400 && succeeded(envelope)) return envelope.data as T;
	let code = envelope ? codeOf(envelope) : undefined;
	if (code !== undefined && OK_CODES.has(code)) code = undefined;
	if (response.status === 429) code = 42900;
	else if (response.status >= 500 && (code === undefined || code < 50000))
		code = 50000 + (response.status - 500);
	// An envelope that says "no" without an error code is the platform's answer to this
	// request (§5r2 reads success alone): the item fails with its message, never retried, as a
	// send it refused must not go out twice. An HTTP 4xx without a code is the item's fault too;
	// anything else without an envelope is the platform's (retried).
	else if (code === undefined)
		code =
			(envelope && response.status < 400) || (response.status >= 400 && response.status < 500)
				? 40000
				: 50000;
	throw new XhsApiError({
		code,
		message: messageOf(envelope),
		httpStatus: response.status,
		requestId: envelope?.request_id ?? envelope?.requestId,
		retryAfterMs: retryAfterMs(response, { minMs: 1000 }),
	});
}
