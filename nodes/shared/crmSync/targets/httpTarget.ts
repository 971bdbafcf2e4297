import { CrmApiError, redactSecrets } from '../../crmHttp/crmApiError';
import { DEFAULT_CRM_RETRY, withCrmRetry, type CrmRetryOptions } from '../../crmHttp/retry';
import { realSleep, retryAfterMs, type HttpFn, type SleepFn } from '../../http/httpFn';
import type { CustomerProfile } from '../customerProfile';
import type { HistoryRecord, LeadRecord } from '../crmRecords';
import type { CrmTarget } from '../crmTarget';

/**
 * An in-house CRM over plain HTTP: the customer to one URL (upsert by Xiaohongshu id is the
 * CRM's job), each history entry to another, both with an idempotency header so that the CRM
 * can refuse a second copy. 429, 5xx and dropped connections are retried like the other CRMs'.
 */
export interface HttpTargetOptions {
	http: HttpFn;
	/** May contain {xhs_user_id}, e.g. https://crm.example.com/api/customers/{xhs_user_id}. */
	customerUrl: string;
	customerMethod: 'POST' | 'PUT' | 'PATCH';
	/** Empty: history entries are not sent. */
	historyUrl: string;
	idempotencyHeader: string;
	/** crm field → profile field; empty: the whole profile record as it is. */
	fieldMap: Record<string, string>;
	headers: Record<string, string>;
	retry?: Partial<CrmRetryOptions>;
	sleep?: SleepFn;
}

function detailOf(body: unknown): string {
	const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function idOf(body: unknown, fallback: string): string {
	const b = (body ?? {}) as Record<string, unknown>;
	const id = b.id ?? (b.data as Record<string, unknown> | undefined)?.id;
	return id === undefined || id === null ? fallback : String(id);
}

export class HttpTarget implements CrmTarget {
	readonly name = 'http';

	constructor(private readonly options: HttpTargetOptions) {}

	async upsertCustomer(
		profile: CustomerProfile,
		record: Record<string, string | number | null>,
		leads: LeadRecord[],
	): Promise<string> {
		const customer = Object.keys(this.options.fieldMap).length
			? Object.fromEntries(
					Object.entries(this.options.fieldMap).map(([crm, mine]) => [crm, record[mine] ?? null]),
				)
			: record;
		const body = {
			customer,
			leads: leads.map(({ type, value, message_id, at }) => ({ type, value, message_id, at })),
		};
		// The key changes with every DM merged, so a retried upsert is recognised as one.
		const key = `customer:${profile.xhsUserId}:${profile.recentMessageIds[profile.recentMessageIds.length - 1] ?? ''}`;
		const url = this.options.customerUrl
			.split('{xhs_user_id}')
			.join(encodeURIComponent(profile.xhsUserId));
		const response = await this.send(
			'upsert customer',
			this.options.customerMethod,
			url,
			body,
			key,
		);
		return idOf(response, profile.xhsUserId);
	}

	async appendHistory(history: HistoryRecord): Promise<string> {
		if (!this.options.historyUrl) return history.idempotency_key;
		const response = await this.send(
			'append history',
			'POST',
			this.options.historyUrl,
			history,
			history.idempotency_key,
		);
		return idOf(response, history.idempotency_key);
	}

	private async send(
		operation: string,
		method: 'POST' | 'PUT' | 'PATCH',
		url: string,
		body: unknown,
		key: string,
	): Promise<unknown> {
		const secrets = Object.values(this.options.headers);
		return await withCrmRetry(
			async () => {
				const response = await this.options.http({
					method,
					url,
					headers: {
						'Content-Type': 'application/json',
						...this.options.headers,
						[this.options.idempotencyHeader]: key,
					},
					body,
					timeoutMs: 20_000,
				});
				// 409: the CRM already has this idempotency key, which is what a retry hopes for.
				if (response.status === 409 || (response.status >= 200 && response.status < 300))
					return response.body;
				const retryable = response.status === 429 || response.status >= 500;
				throw new CrmApiError({
					vendor: 'http',
					kind:
						response.status === 429
							? 'rateLimited'
							: response.status >= 500
								? 'server'
								: 'badRequest',
					operation,
					status: response.status,
					message: redactSecrets(detailOf(response.body), secrets),
					retryable,
					retryAfterMs: retryable ? retryAfterMs(response) : undefined,
				});
			},
			{
				vendor: 'http',
				operation,
				retry: { ...DEFAULT_CRM_RETRY, ...this.options.retry },
				sleep: this.options.sleep ?? realSleep,
				secrets: () => secrets,
			},
		);
	}
}
