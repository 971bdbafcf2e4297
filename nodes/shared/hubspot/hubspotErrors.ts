import type { HttpResponse } from '../http/httpFn';
import { CrmApiError, redactSecrets, type CrmApiErrorArgs } from '../crmHttp/crmApiError';
import { parseJsonBody, retryAfterMs } from '../http/httpFn';

/**
 * How a HubSpot CRM v3 answer maps onto CrmApiError. HubSpot's error body is
 * `{ status: "error", message, correlationId, category }`, e.g. a duplicate contact answers
 * 409 `{ "message": "Contact already exists. Existing ID: 123", "category": "CONFLICT" }`.
 */
export const SCOPES_HINT =
	'Check the private app token and its scopes crm.objects.contacts.read/write (notes are covered by the contacts scopes); after changing scopes, copy the token again.';

/** A 409: the contact (same email, or same unique property) already exists. */
export class HubspotConflictError extends CrmApiError {
	/** The id of the existing object, when HubSpot's message gives it ("Existing ID: 123"). */
	readonly existingId: string | undefined;

	constructor(args: CrmApiErrorArgs & { existingId?: string }) {
		super({ ...args, kind: 'conflict', retryable: false });
		this.name = 'HubspotConflictError';
		this.existingId = args.existingId;
	}
}

interface HubspotErrorBody {
	message?: unknown;
	category?: unknown;
	correlationId?: unknown;
}

export function existingIdFrom(message: string): string | undefined {
	return /Existing ID:\s*(\d+)/i.exec(message)?.[1];
}

/**
 * The parsed body of a 2xx answer, or a thrown CrmApiError.
 * `secrets` are removed from any vendor text kept in the error.
 */
export function unwrapHubspot<T>(
	response: HttpResponse,
	operation: string,
	secrets: ReadonlyArray<string>,
): T {
	const body = parseJsonBody(response.body);
	const { status } = response;
	if (status >= 200 && status < 300) return body as T;

	const errorBody = (typeof body === 'object' && body !== null ? body : {}) as HubspotErrorBody;
	const rawMessage =
		typeof errorBody.message === 'string' && errorBody.message
			? errorBody.message
			: typeof body === 'string' && body.trim() && !body.trimStart().startsWith('<')
				? body
				: `HTTP ${status}`;
	const message = redactSecrets(rawMessage, secrets);
	const code = typeof errorBody.category === 'string' ? errorBody.category : undefined;
	const base = { vendor: 'hubspot' as const, operation, status, code, message };

	if (status === 409) {
		return throwError(
			new HubspotConflictError({
				...base,
				kind: 'conflict',
				existingId: existingIdFrom(rawMessage),
			}),
		);
	}
	if (status === 401 || status === 403) {
		return throwError(new CrmApiError({ ...base, kind: 'auth', hint: SCOPES_HINT }));
	}
	if (status === 429) {
		return throwError(
			new CrmApiError({
				...base,
				kind: 'rateLimited',
				retryable: true,
				retryAfterMs: retryAfterMs(response),
				hint: 'HubSpot rate limit reached (per-second burst or daily quota); the node waited and retried. Spread the items over time.',
			}),
		);
	}
	if (status >= 500) {
		return throwError(
			new CrmApiError({
				...base,
				kind: 'server',
				retryable: true,
				hint: 'A temporary problem at HubSpot; the node retried. Try again later.',
			}),
		);
	}
	if (status === 404) return throwError(new CrmApiError({ ...base, kind: 'notFound' }));
	return throwError(
		new CrmApiError({
			...base,
			kind: 'badRequest',
			hint: 'Check the property names and values of this item (they must exist in HubSpot and match their type).',
		}),
	);
}

function throwError(error: CrmApiError): never {
	throw error;
}
