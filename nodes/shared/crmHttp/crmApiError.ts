/**
 * The one error type of the CRM transports (HubSpot, Feishu Bitable, in-house HTTP), so a node can catch a
 * single class, read `retryable`/`kind` to decide what to do with the item, and show `hint`
 * in n8n's error panel. Messages are built from the vendor's status, code and message only:
 * request headers and bodies (where the tokens and the app secret live) never go into them,
 * and the vendor's own message is passed through `redactSecrets` before it is kept.
 */
export type CrmVendor = 'hubspot' | 'feishu' | 'http';

export type CrmErrorKind =
	| 'auth' // the credential is wrong or lacks scopes: final
	| 'tokenInvalid' // the short-lived token was refused: refresh once, then final
	| 'rateLimited' // retried after Retry-After (or backoff), bounded
	| 'server' // 5xx or a vendor's "internal error": retried with backoff, bounded
	| 'network' // no HTTP answer (reset, timeout, DNS): retried when it looks transient
	| 'conflict' // the object already exists (HubSpot 409): final, carries the existing id
	| 'notFound' // final
	| 'badRequest' // this item is wrong: final
	| 'config'; // the client was built with missing settings: final, no request sent

export const VENDOR_LABEL: Record<CrmVendor, string> = {
	hubspot: 'HubSpot',
	feishu: 'Feishu',
	http: 'CRM',
};

export interface CrmApiErrorArgs {
	vendor: CrmVendor;
	kind: CrmErrorKind;
	/** What was being done, e.g. "createContact"; never a URL (URLs may carry ids). */
	operation: string;
	/** Already redacted. */
	message: string;
	status?: number;
	code?: string | number;
	retryable?: boolean;
	retryAfterMs?: number;
	hint?: string;
}

export class CrmApiError extends Error {
	readonly vendor: CrmVendor;
	readonly kind: CrmErrorKind;
	readonly operation: string;
	/** HTTP status, when there was an answer. */
	readonly status: number | undefined;
	/** The vendor's error code (HubSpot `category`, Feishu `code`), when it gave one. */
	readonly code: string | number | undefined;
	readonly retryable: boolean;
	readonly retryAfterMs: number | undefined;
	readonly hint: string | undefined;
	/** How many requests were made before giving up (set by the retry loop). */
	attempts = 1;

	constructor(args: CrmApiErrorArgs) {
		const status = args.status !== undefined ? ` (HTTP ${args.status})` : '';
		const code = args.code !== undefined && args.code !== '' ? ` [${args.code}]` : '';
		super(`${VENDOR_LABEL[args.vendor]} ${args.operation} failed${status}${code}: ${args.message}`);
		this.name = 'CrmApiError';
		this.vendor = args.vendor;
		this.kind = args.kind;
		this.operation = args.operation;
		this.status = args.status;
		this.code = args.code;
		this.retryable = args.retryable ?? false;
		this.retryAfterMs = args.retryAfterMs;
		this.hint = args.hint;
	}
}

const REDACTED = '[redacted]';
const MAX_MESSAGE = 500;

/**
 * Removes every secret (and its Bearer form) from a vendor-supplied text and bounds its length.
 * Vendors do not normally echo credentials, but an error message is shown in the UI and kept in
 * execution logs, so it is cleaned whatever its source.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
	let out = String(text ?? '');
	for (const secret of secrets) {
		if (!secret || secret.length < 4) continue;
		out = out.split(secret).join(REDACTED);
	}
	// Bearer tokens we did not know about (e.g. echoed by a proxy).
	out = out.replace(/Bearer\s+[A-Za-z0-9._~+/=-]{8,}/g, `Bearer ${REDACTED}`);
	return out.length > MAX_MESSAGE ? `${out.slice(0, MAX_MESSAGE)}…` : out;
}
