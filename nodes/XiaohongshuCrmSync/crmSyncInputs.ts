import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listOf } from '../shared/matching/rules/ruleRows';
import { FeishuBitableClient, tokenCacheFromStateStore } from '../shared/feishu';
import { HubspotClient } from '../shared/hubspot';
import type { CrmTarget } from '../shared/crm/crmTarget';
import { FeishuTarget } from '../shared/crm/targets/feishuTarget';
import { HttpTarget } from '../shared/crm/targets/httpTarget';
import { HubspotTarget } from '../shared/crm/targets/hubspotTarget';
import type { CrmRetryOptions } from '../shared/crmHttp/retry';
import type { StateStore } from '../shared/state/StateStore';
import { ArkClient, arkConfigFromCredential, type PurchaseRecord } from '../shared/ark';
import type { PurchaseSummary } from '../shared/crm/customerProfile';
import { n8nHttp } from '../shared/n8n/httpAdapter';

/** Maps the node's parameters and credentials onto the CRM sync engine's inputs. */
export interface SyncSettings {
	book: string;
	maskContacts: boolean;
	concurrency: number;
	retry: Pick<CrmRetryOptions, 'maxAttempts' | 'baseDelayMs'>;
}

export class SyncSettingsError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'SyncSettingsError';
	}
}

export function settingsFor(context: IExecuteFunctions): SyncSettings {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const maxAttempts = Math.max(1, Math.floor(Number(options.maxAttempts ?? 4)));
	return {
		book: String(context.getNodeParameter('book', 0, 'default') || 'default'),
		maskContacts: options.maskContacts !== false,
		concurrency: Math.max(1, Math.floor(Number(options.concurrency ?? 4))),
		// A hidden knob for tests and replays: how long the first backoff is.
		retry: { maxAttempts, baseDelayMs: Number(options.retryBaseDelayMs ?? 500) },
	};
}

/** "a=b, c=d" → {a: "b", c: "d"}, naming the parameter when a pair is malformed. */
export function pairsOf(value: unknown, label: string): Record<string, string> {
	const pairs: Record<string, string> = {};
	for (const pair of listOf(value)) {
		const [left, right] = pair.split(/[=＝]/).map((part) => part.trim());
		if (!left || !right) throw new SyncSettingsError(`${label}: "${pair}" should look like name=field`, label);
		pairs[left] = right;
	}
	return pairs;
}

function required(context: IExecuteFunctions, name: string, label: string): string {
	const value = String(context.getNodeParameter(name, 0, '') ?? '').trim();
	if (!value) throw new SyncSettingsError(`the field "${label}" is empty`, name);
	return value;
}

export async function targetFor(context: IExecuteFunctions, target: string, store: StateStore, settings: SyncSettings): Promise<CrmTarget> {
	const http = n8nHttp(context);
	const { retry } = settings;
	if (target === 'hubspot') {
		const credentials = await context.getCredentials('xiaohongshuHubspotApi');
		const client = new HubspotClient({ http, accessToken: String(credentials.accessToken ?? ''), baseUrl: String(credentials.baseUrl || 'https://api.hubapi.com'), retry });
		return new HubspotTarget({ client, idProperty: required(context, 'hubspotIdProperty', 'Xiaohongshu ID Property'), propertyMap: pairsOf(context.getNodeParameter('hubspotPropertyMap', 0, ''), 'Property Map') });
	}
	if (target === 'feishu') {
		const credentials = await context.getCredentials('xiaohongshuFeishuApi');
		const appSecret = String(credentials.appSecret ?? '');
		const client = new FeishuBitableClient({
			http,
			appId: String(credentials.appId ?? ''),
			appSecret,
			baseUrl: String(credentials.baseUrl || 'https://open.feishu.cn'),
			// One tenant token for all executions (and processes, on Redis), sealed with the secret.
			tokenCache: tokenCacheFromStateStore(store, { sealWith: appSecret }),
			retry,
		});
		return new FeishuTarget({
			client,
			appToken: required(context, 'feishuBaseId', 'Base ID'),
			customerTableId: required(context, 'feishuCustomerTable', 'Customers Table ID'),
			historyTableId: String(context.getNodeParameter('feishuHistoryTable', 0, '') ?? '').trim(),
			fieldMap: pairsOf(context.getNodeParameter('feishuFieldMap', 0, ''), 'Column Map'),
		});
	}
	const headers: Record<string, string> = {};
	if (context.getNodeParameter('httpUseAuth', 0, false) === true) {
		const credentials = await context.getCredentials('xiaohongshuCrmHttpApi');
		headers[String(credentials.headerName || 'Authorization')] = String(credentials.secretValue ?? '');
	}
	return new HttpTarget({
		http,
		customerUrl: required(context, 'httpCustomerUrl', 'Customer URL'),
		customerMethod: context.getNodeParameter('httpCustomerMethod', 0, 'PUT') as 'PUT',
		historyUrl: String(context.getNodeParameter('httpHistoryUrl', 0, '') ?? '').trim(),
		idempotencyHeader: String(context.getNodeParameter('httpIdempotencyHeader', 0, 'Idempotency-Key') || 'Idempotency-Key'),
		fieldMap: pairsOf(context.getNodeParameter('httpFieldMap', 0, ''), 'Field Map'),
		headers,
		retry,
	});
}

/** The shop's order API, when the node is asked for purchase records. */
export async function arkFor(context: IExecuteFunctions): Promise<ArkClient> {
	const config = arkConfigFromCredential(await context.getCredentials('xiaohongshuArkApi'));
	return new ArkClient({ http: n8nHttp(context), baseUrl: config.baseUrl, appId: config.appId, appSecret: config.appSecret, accessToken: config.accessToken });
}

export function summarise(records: PurchaseRecord[]): PurchaseSummary {
	const newest = [...records].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
	return {
		count: records.length,
		total: Math.round(records.reduce((sum, r) => sum + r.paidAmount, 0) * 100) / 100,
		lastOrderAt: newest?.createdAt ?? null,
		lastOrderId: newest?.orderId ?? null,
		lastStatus: newest?.statusLabel ?? null,
		checkedAt: new Date().toISOString(),
	};
}
