import type { HttpResponse } from '../http/httpFn';
import { CrmApiError, redactSecrets, type CrmErrorKind } from '../crmHttp/crmApiError';
import { parseJsonBody, retryAfterMs } from '../http/httpFn';

/**
 * The Feishu open platform answers `{ code, msg, data }`; code 0 is success, whatever the HTTP
 * status says otherwise. The codes the transport reacts to, from the platform's documents:
 * - Server error codes (https://open.feishu.cn/document/ukTMukTMukTM/ugjM14COyUjL4ITN,
 *   English: https://open.larksuite.com/document/ukTMukTMukTM/ugjM14COyUjL4ITN):
 *   99991661 "Need a token", 99991663 "tenant token invalid", 99991664 "invalid app token",
 *   99991665 "invalid tenant code" (illegal tenant access token), 99991677 "token expire";
 *   99991400 "request trigger frequency limit"; 99991672 "No permission" (scope not granted);
 *   99991673 "unauthorized app" (not installed / disabled); 99991401 IP not in the app's allow list; 10014/10015 app unauthorized / wrong app secret;
 *   99991543 app_id or app_secret does not exist.
 * - Rate limits (https://open.feishu.cn/document/server-docs/api-call-guide/frequency-control):
 *   HTTP 429 (400 on some older APIs) with code 99991400 and `x-ogw-ratelimit-reset` (seconds).
 * - Bitable record API error tables: 1254290 TooManyRequest, 1254291 Write conflict (concurrent
 *   writes to one table), 1254302 Permission denied (advanced permissions), 1255001/1255002
 *   internal errors.
 */
export const TOKEN_INVALID_CODES = new Set([99991661, 99991663, 99991664, 99991665, 99991677]);
export const RATE_LIMIT_CODES = new Set([99991400, 1254290, 1254291]);
export const SERVER_ERROR_CODES = new Set([1255001, 1255002]);
export const PERMISSION_CODES = new Set([99991672, 99991401, 99991673, 1254302]);
export const CREDENTIAL_CODES = new Set([10014, 10015, 99991543]);

export const FEISHU_PERMISSION_HINT =
	'Give the Feishu app the Base scope (bitable:app or base:record:retrieve/create/update) and publish a version, then add the app to the Base as a collaborator with edit rights (Base ⋯ → Add document app).';
export const FEISHU_CREDENTIAL_HINT =
	'Check the App ID and App Secret of the Feishu custom app (developer console → Credentials & Basic Info).';

export interface FeishuEnvelope<T = unknown> {
	code: number;
	msg?: string;
	data?: T;
	[key: string]: unknown;
}

function isEnvelope(value: unknown): value is FeishuEnvelope {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as FeishuEnvelope).code === 'number'
	);
}

/** The whole envelope of a successful call, or a thrown CrmApiError. */
export function unwrapFeishu<T = unknown>(
	response: HttpResponse,
	operation: string,
	secrets: ReadonlyArray<string | undefined>,
): FeishuEnvelope<T> {
	const body = parseJsonBody(response.body);
	const envelope = isEnvelope(body) ? body : undefined;
	const { status } = response;
	if (envelope && envelope.code === 0 && status < 400) return envelope as FeishuEnvelope<T>;

	const code = envelope?.code;
	const rawMessage =
		typeof envelope?.msg === 'string' && envelope.msg
			? envelope.msg
			: typeof body === 'string' && body.trim() && !body.trimStart().startsWith('<')
				? body
				: `HTTP ${status}`;
	const message = redactSecrets(rawMessage, secrets);
	const waitMs =
		retryAfterMs(response, { header: 'x-ogw-ratelimit-reset' }) ?? retryAfterMs(response);
	const make = (
		kind: CrmErrorKind,
		extra: { retryable?: boolean; hint?: string; retryAfterMs?: number } = {},
	) => new CrmApiError({ vendor: 'feishu', kind, operation, status, code, message, ...extra });

	if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
		throw make('rateLimited', {
			retryable: true,
			retryAfterMs: waitMs,
			hint:
				code === 1254291
					? 'Feishu refuses concurrent writes to one table; the node retried. Lower the concurrency of the workflow.'
					: 'Feishu rate limit reached; the node waited and retried. Spread the items over time.',
		});
	}
	if (code !== undefined && TOKEN_INVALID_CODES.has(code)) {
		throw make('tokenInvalid', {
			hint: 'The tenant access token was refused after one refresh. ' + FEISHU_CREDENTIAL_HINT,
		});
	}
	if (code !== undefined && PERMISSION_CODES.has(code))
		throw make('auth', { hint: FEISHU_PERMISSION_HINT });
	if (code !== undefined && CREDENTIAL_CODES.has(code))
		throw make('auth', { hint: FEISHU_CREDENTIAL_HINT });
	if (status >= 500 || (code !== undefined && SERVER_ERROR_CODES.has(code))) {
		throw make('server', {
			retryable: true,
			hint: 'A temporary problem at Feishu; the node retried. Try again later.',
		});
	}
	if (!envelope && (status === 401 || status === 403))
		throw make('auth', { hint: FEISHU_CREDENTIAL_HINT });
	if (status === 404 && !envelope) throw make('notFound');
	throw make('badRequest', {
		hint: 'Check the Base app_token, the table_id and the field names and value types of this item.',
	});
}
