/**
 * Every business code of the Xiaohongshu DM API that the client reacts to, in one table
 * (spec §3 and §7). The codes are partly inferred, so behaviour is data here, not branches
 * spread over the client.
 */
export type ErrorBehaviour =
	| 'refreshToken' // refresh once (single flight), retry once
	| 'credential' // the credential itself is wrong: no retry
	| 'rateLimited' // wait (Retry-After) and retry, bounded
	| 'badRequest' // this item is wrong: no retry
	| 'replyWindow' // the platform refuses to deliver: no retry, route to a human
	| 'serverError'; // retry with backoff, bounded

export interface ErrorCodeInfo {
	behaviour: ErrorBehaviour;
	meaning: string;
	/** What the user should do, shown in n8n's error panel. */
	hint: string;
}

export const ERROR_CODES: Record<number, ErrorCodeInfo> = {
	40000: {
		behaviour: 'badRequest',
		meaning: 'Malformed request (missing field, bad JSON or undecryptable content)',
		hint: 'Check the fields of this item (recipient, account, message content) and the encryption key of the credential.',
	},
	40001: {
		behaviour: 'refreshToken',
		meaning: 'Access token invalid or expired',
		hint: 'The node refreshes the token by itself; if this persists, re-authorize the app and update the credential.',
	},
	40003: {
		behaviour: 'credential',
		meaning: 'Refresh token invalid',
		hint: 'Authorize the app again in the Xiaohongshu console and put the new refresh token (or auth code) in the credential.',
	},
	40029: {
		behaviour: 'credential',
		meaning: 'Auth code invalid (or wrong app id / secret)',
		hint: 'Auth codes live 10 minutes and work once: get a new one, and check the app id and secret.',
	},
	42900: {
		behaviour: 'rateLimited',
		meaning: 'Rate limited',
		hint: 'Lower "Max Requests per Second" in the credential or spread the sends over time.',
	},
	45015: {
		behaviour: 'replyWindow',
		meaning: 'Reply window closed: the customer last wrote more than 48 hours ago',
		hint: "The platform only allows replies within 48 h of the customer's last message. Route this conversation to a human to answer in the Xiaohongshu app, or wait for the customer to write again.",
	},
	45016: {
		behaviour: 'replyWindow',
		meaning: 'Message quota of this reply window used up',
		hint: 'At most 5 messages may be sent per customer message. Merge replies into one message, or wait for the customer to write again.',
	},
};

export function describeCode(code: number): ErrorCodeInfo {
	const known = ERROR_CODES[code];
	if (known) return known;
	if (code >= 50000) {
		return {
			behaviour: 'serverError',
			meaning: `Xiaohongshu server error ${code}`,
			hint: 'A temporary problem on the platform; the node retried. Try again later.',
		};
	}
	return {
		behaviour: 'badRequest',
		meaning: `Unknown error code ${code}`,
		hint: 'See the message returned by Xiaohongshu.',
	};
}

/** A failed API call, carrying what n8n's error panel and the retry logic need. */
export class XhsApiError extends Error {
	readonly code: number;
	readonly httpStatus: number | undefined;
	readonly behaviour: ErrorBehaviour;
	readonly hint: string;
	readonly requestId: string | undefined;
	readonly retryAfterMs: number | undefined;

	constructor(args: {
		code: number;
		message?: string;
		httpStatus?: number;
		requestId?: string;
		retryAfterMs?: number;
	}) {
		const info = describeCode(args.code);
		const platformMessage = args.message ? ` (${args.message})` : '';
		super(`Xiaohongshu API error ${args.code}: ${info.meaning}${platformMessage}`);
		this.name = 'XhsApiError';
		this.code = args.code;
		this.httpStatus = args.httpStatus;
		this.behaviour = info.behaviour;
		this.hint = info.hint;
		this.requestId = args.requestId;
		this.retryAfterMs = args.retryAfterMs;
	}
}
