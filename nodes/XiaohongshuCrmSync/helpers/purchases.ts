import type { IExecuteFunctions } from 'n8n-workflow';
import { ArkClient, arkConfigFromCredential, type PurchaseRecord } from '../../shared/ark';
import type { PurchaseSummary } from '../../shared/crmSync';
import { n8nHttp } from '../../shared/n8n';

/** The shop's order API, when the node is asked for purchase records. */
export async function arkFor(context: IExecuteFunctions): Promise<ArkClient> {
	const config = arkConfigFromCredential(await context.getCredentials('xiaohongshuArkApi'));
	return new ArkClient({
		http: n8nHttp(context),
		baseUrl: config.baseUrl,
		appId: config.appId,
		appSecret: config.appSecret,
		accessToken: config.accessToken,
	});
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
