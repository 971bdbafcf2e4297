import { parseJsonBody, retryAfterMs, type HttpResponse } from '../http/httpFn';

/**
 * The ark gateway's answer: `{success, error_code, error_msg, data}`.
 *
 * Documented: the official Java SDK (com.xiaohongshu.fls.opensdk, every `*Client.execute`) reads
 * `success` and, when it is false, `error_msg` / `error_code`, falling back to `msg` / `code`;
 * `data` holds the method's result. Inferred: the HTTP status. The SDK never looks at it, so a
 * business error is taken to come with HTTP 200; 429 and 5xx (gateway or proxy trouble, possibly
 * with an HTML body) are read from the status alone.
 */
export interface ArkEnvelope<T = unknown> {
	success: boolean;
	error_code?: number | string;
	error_msg?: string;
	/** older field names, read as the SDK does */
	code?: number | string;
	msg?: string;
	data: T;
}

/** Documented error codes (order API pages of the ark docs). */
export const ARK_ERROR_CODES = {
	/** 请求参数错误 (order.getOrderList) */
	badRequest: -2000400,
	/** 包裹不存在或不属于此商家 (order.getOrderDetail): the order does not exist or is not this shop's */
	orderNotFound: -2000101,
	/** 系统调用异常 */
	systemError: -2000500,
} as const;

/**
 * rateLimited, serverError and network are retried (bounded); transport (the HTTP layer refused to
 * send, e.g. an address n8n blocks), badResponse (not an ark envelope) and api (the platform said
 * no) are final.
 */
export type ArkErrorKind =
	'rateLimited' | 'serverError' | 'network' | 'transport' | 'badResponse' | 'api';

/**
 * A failed ark call. Its message names the method, the platform's code and message, and never the
 * app secret nor the access token: they are scrubbed from anything the platform or the network
 * layer echoes, and the request itself (which carries both) is not attached.
 */
export class ArkApiError extends Error {
	readonly method: string;
	readonly errorCode: number | string | undefined;
	readonly errorMsg: string | undefined;
	readonly httpStatus: number | undefined;
	readonly kind: ArkErrorKind;
	readonly retryAfterMs: number | undefined;

	constructor(args: {
		method: string;
		kind: ArkErrorKind;
		errorCode?: number | string;
		errorMsg?: string;
		httpStatus?: number;
		retryAfterMs?: number;
	}) {
		const code = args.errorCode !== undefined && args.errorCode !== '' ? ` ${args.errorCode}` : '';
		const status = args.httpStatus !== undefined ? ` [HTTP ${args.httpStatus}]` : '';
		super(
			`Xiaohongshu ark API error${code} on ${args.method}${status}: ${args.errorMsg || describeKind(args.kind)}`,
		);
		this.name = 'ArkApiError';
		this.method = args.method;
		this.kind = args.kind;
		this.errorCode = args.errorCode;
		this.errorMsg = args.errorMsg;
		this.httpStatus = args.httpStatus;
		this.retryAfterMs = args.retryAfterMs;
	}

	/** Worth another attempt: rate limits, server trouble, dropped connections. */
	get retryable(): boolean {
		return this.kind === 'rateLimited' || this.kind === 'serverError' || this.kind === 'network';
	}
}

function describeKind(kind: ArkErrorKind): string {
	switch (kind) {
		case 'rateLimited':
			return 'rate limited';
		case 'serverError':
			return 'server error';
		case 'network':
			return 'network error';
		case 'transport':
			return 'the request could not be sent';
		case 'badResponse':
			return 'the answer is not an ark envelope';
		default:
			return 'request refused';
	}
}

/** Replaces every occurrence of the given secrets (and nothing shorter than 4 characters). */
export function scrubSecrets(text: string, secrets: Array<string | undefined>): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('***');
	}
	return out;
}

function isEnvelope(value: unknown): value is ArkEnvelope {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as ArkEnvelope).success === 'boolean'
	);
}

/**
 * Inferred: the ark docs publish no gateway-wide rate-limit code. A limit is recognised by HTTP 429
 * or by its wording (限流 / 频繁 / too many / rate limit).
 */
const RATE_LIMIT_WORDING = /限流|频繁|too many|rate.?limit/i;

/** Returns `data` of a successful answer, or throws ArkApiError (secrets scrubbed). */
export function unwrapArkEnvelope<T>(
	method: string,
	response: HttpResponse,
	secrets: Array<string | undefined> = [],
): T {
	const body = parseJsonBody(response.body);
	const envelope = isEnvelope(body) ? body : undefined;
	if (envelope?.success === true && response.status < 400) return envelope.data as T;

	const errorCode = envelope ? (envelope.error_code ?? envelope.code) : undefined;
	const rawMsg = envelope ? (envelope.error_msg ?? envelope.msg) : undefined;
	const errorMsg = typeof rawMsg === 'string' ? scrubSecrets(rawMsg, secrets) : undefined;
	let kind: ArkErrorKind;
	if (response.status === 429 || (errorMsg !== undefined && RATE_LIMIT_WORDING.test(errorMsg)))
		kind = 'rateLimited';
	else if (response.status >= 500 || Number(errorCode) === ARK_ERROR_CODES.systemError)
		kind = 'serverError';
	else if (!envelope) kind = 'badResponse';
	else kind = 'api';
	throw new ArkApiError({
		method,
		kind,
		errorCode,
		errorMsg,
		httpStatus: response.status,
		retryAfterMs: retryAfterMs(response, { minMs: 1000 }),
	});
}
