/**
 * Feishu Bitable (多维表格 / Base) records transport, pure TypeScript over the project's HttpFn.
 *
 * Documented endpoints used (Feishu open platform, bitable v1, https://open.feishu.cn):
 * - POST /open-apis/bitable/v1/apps/:app_token/tables/:table_id/records/search — search records,
 *   body `{ filter: { conjunction: "and", conditions: [{ field_name, operator: "is", value: [..] }] } }`
 *   (value is string[]; operators is/isNot/contains/…) → `data: { items: [{ record_id, fields }],
 *   has_more, page_token, total }`; page_size defaults to 20
 *   (https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/bitable-v1/app-table-record/search,
 *   "Search records").
 * - POST /open-apis/bitable/v1/apps/:app_token/tables/:table_id/records — create a record, body
 *   `{ fields }`, optional query `client_token` ("standard uuidv4 … for idempotent operations")
 *   → `data: { record: { record_id, fields } }` (app-table-record/create; the official SDKs'
 *   CreateAppTableRecord request/response: larksuite/oapi-sdk-java).
 * - PUT  /open-apis/bitable/v1/apps/:app_token/tables/:table_id/records/:record_id — update a
 *   record, body `{ fields }` → `data: { record: { record_id, fields } }`
 *   (https://open.feishu.cn/document/server-docs/docs/bitable-v1/app-table-record/update).
 * - GET  /open-apis/bitable/v1/apps/:app_token/tables — list the tables of a Base, query
 *   `page_size` (default 20, at most 100) and `page_token` → `data: { items: [{ table_id,
 *   revision, name }], has_more, page_token, total }` (server-docs/docs/bitable-v1/app-table/list,
 *   "列出数据表"; scope base:table:read, bitable:app or bitable:app:readonly). A Base holds at
 *   most 100 tables, so one page of 100 is all of them.
 * Auth: `Authorization: Bearer <tenant_access_token>`, `Content-Type: application/json; charset=utf-8`
 * (see feishuAuth.ts for POST /open-apis/auth/v3/tenant_access_token/internal); every answer is
 * the envelope `{ code, msg, data }` (feishuErrors.ts). Scopes: bitable:app, or
 * base:record:retrieve / base:record:create / base:record:update.
 */
import { settled } from '../outcome';
import { randomUUID } from 'node:crypto';
import type { HttpFn, SleepFn } from '../http/httpFn';
import { realSleep } from '../http/httpFn';
import { CrmApiError } from '../crmHttp/crmApiError';
import { DEFAULT_CRM_RETRY, withCrmRetry, type CrmRetryOptions } from '../crmHttp/retry';
import { FeishuTenantAuth, FEISHU_DEFAULT_BASE_URL, type TokenCache } from './feishuAuth';
import { unwrapFeishu } from './feishuErrors';

export interface FeishuBitableClientOptions {
	http: HttpFn;
	appId: string;
	appSecret: string;
	baseUrl?: string;
	tokenCache?: TokenCache;
	sleep?: SleepFn;
	retry?: Partial<CrmRetryOptions>;
	now?: () => number;
	timeoutMs?: number;
	random?: () => number;
	/** Refresh the tenant token this long before it expires; default 5 minutes. */
	refreshAheadMs?: number;
}

export type BitableFields = Record<string, unknown>;

export interface BitableRecord {
	record_id: string;
	fields: BitableFields;
}

interface SearchData {
	items?: Array<{ record_id: string; fields?: BitableFields }> | null;
	has_more?: boolean;
	page_token?: string;
	total?: number;
}

export interface BitableTable {
	table_id: string;
	name: string;
	revision?: number;
}

export interface BitableTablePage {
	tables: BitableTable[];
	hasMore: boolean;
	/** For the next page, when there is one. */
	pageToken?: string;
}

interface TablesData {
	items?: Array<{ table_id: string; name?: string; revision?: number }> | null;
	has_more?: boolean;
	page_token?: string;
}

interface RecordData {
	record?: { record_id: string; fields?: BitableFields };
}

type Method = 'GET' | 'POST' | 'PUT';

export class FeishuBitableClient {
	readonly auth: FeishuTenantAuth;
	private readonly http: HttpFn;
	private readonly baseUrl: string;
	private readonly sleep: SleepFn;
	private readonly retry: CrmRetryOptions;
	private readonly timeoutMs: number;
	private readonly random: (() => number) | undefined;

	constructor(options: FeishuBitableClientOptions) {
		this.http = options.http;
		this.baseUrl = (options.baseUrl ?? FEISHU_DEFAULT_BASE_URL).replace(/\/+$/, '');
		this.sleep = options.sleep ?? realSleep;
		this.retry = { ...DEFAULT_CRM_RETRY, ...options.retry };
		this.timeoutMs = options.timeoutMs ?? 20_000;
		this.random = options.random;
		this.auth = new FeishuTenantAuth({ ...options, baseUrl: this.baseUrl, sleep: this.sleep });
	}

	/** Records whose `field` is `value` (operator "is"); the first page (up to 20 records). */
	async searchRecords(
		appToken: string,
		tableId: string,
		match: { field: string; value: string },
	): Promise<BitableRecord[]> {
		const operation = 'searchRecords';
		requireText(match?.field, 'field', operation);
		requireText(match?.value, 'value', operation);
		const data = await this.call<SearchData>(
			operation,
			'POST',
			`${tablePath(appToken, tableId, operation)}/records/search`,
			{
				filter: {
					conjunction: 'and',
					conditions: [{ field_name: match.field, operator: 'is', value: [match.value] }],
				},
			},
		);
		return (data?.items ?? []).map((item) => ({
			record_id: String(item.record_id),
			fields: item.fields ?? {},
		}));
	}

	/** The tables of a Base (its app_token), a page at a time (default: up to 100, all a Base can hold). */
	async listTables(
		appToken: string,
		options: { pageSize?: number; pageToken?: string } = {},
	): Promise<BitableTablePage> {
		const operation = 'listTables';
		requireText(appToken, 'appToken', operation);
		const pageSize = Math.min(100, Math.max(1, Math.floor(options.pageSize ?? 100)));
		const query = `page_size=${pageSize}${options.pageToken ? `&page_token=${encodeURIComponent(options.pageToken)}` : ''}`;
		const data = await this.call<TablesData>(
			operation,
			'GET',
			`/open-apis/bitable/v1/apps/${encodeURIComponent(appToken)}/tables?${query}`,
			undefined,
		);
		return {
			tables: (data?.items ?? []).map((item) => ({
				table_id: String(item.table_id),
				name: String(item.name ?? ''),
				revision: item.revision,
			})),
			hasMore: data?.has_more === true,
			pageToken: data?.has_more && data.page_token ? data.page_token : undefined,
		};
	}

	/**
	 * Creates a record. `clientToken` (uuidv4) makes the create idempotent at Feishu; one is made
	 * per call when not given, and reused by every retry of that call.
	 */
	async createRecord(
		appToken: string,
		tableId: string,
		fields: BitableFields,
		options: { clientToken?: string } = {},
	): Promise<BitableRecord> {
		const operation = 'createRecord';
		const clientToken = options.clientToken ?? randomUUID();
		const data = await this.call<RecordData>(
			operation,
			'POST',
			`${tablePath(appToken, tableId, operation)}/records?client_token=${encodeURIComponent(clientToken)}`,
			{ fields },
		);
		return recordFrom(data, operation);
	}

	async updateRecord(
		appToken: string,
		tableId: string,
		recordId: string,
		fields: BitableFields,
	): Promise<BitableRecord> {
		const operation = 'updateRecord';
		requireText(recordId, 'recordId', operation);
		const data = await this.call<RecordData>(
			operation,
			'PUT',
			`${tablePath(appToken, tableId, operation)}/records/${encodeURIComponent(recordId)}`,
			{ fields },
		);
		return recordFrom(data, operation);
	}

	/**
	 * token → request → envelope, with bounded retries; a refused token (99991661/3/4/5, 99991677)
	 * is refreshed once and the call made again.
	 */
	private async call<T>(
		operation: string,
		method: Method,
		path: string,
		body: unknown,
	): Promise<T> {
		let token = await this.auth.token();
		for (let refreshed = false; ; refreshed = true) {
			const outcome = await settled(
				async () => await this.send<T>(operation, method, path, body, token),
			);
			if (outcome.ok) return outcome.value;
			const { error } = outcome;
			if (!(error instanceof CrmApiError) || error.kind !== 'tokenInvalid' || refreshed)
				throw error;
			token = await this.auth.token({ rejected: token });
		}
	}

	private async send<T>(
		operation: string,
		method: Method,
		path: string,
		body: unknown,
		token: string,
	): Promise<T> {
		const secrets = () => this.auth.secrets();
		return await withCrmRetry(
			async () => {
				const response = await this.http({
					method,
					url: `${this.baseUrl}${path}`,
					headers: {
						Authorization: `Bearer ${token}`,
						'Content-Type': 'application/json; charset=utf-8',
					},
					body,
					timeoutMs: this.timeoutMs,
				});
				return unwrapFeishu<T>(response, operation, secrets()).data as T;
			},
			{
				vendor: 'feishu',
				operation,
				retry: this.retry,
				sleep: this.sleep,
				secrets,
				random: this.random,
			},
		);
	}
}

function tablePath(appToken: string, tableId: string, operation: string): string {
	requireText(appToken, 'appToken', operation);
	requireText(tableId, 'tableId', operation);
	return `/open-apis/bitable/v1/apps/${encodeURIComponent(appToken)}/tables/${encodeURIComponent(tableId)}`;
}

function recordFrom(data: RecordData | undefined, operation: string): BitableRecord {
	const record = data?.record;
	if (!record?.record_id) {
		throw new CrmApiError({
			vendor: 'feishu',
			kind: 'server',
			operation,
			message: 'the answer has no record',
		});
	}
	return { record_id: String(record.record_id), fields: record.fields ?? {} };
}

function requireText(value: unknown, name: string, operation: string): void {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new CrmApiError({
			vendor: 'feishu',
			kind: 'badRequest',
			operation,
			message: `${name} is empty`,
		});
	}
}
