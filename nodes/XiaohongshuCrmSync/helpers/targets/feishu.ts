import {
	updateDisplayOptions,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { type CrmTarget, FeishuTarget } from '../../../shared/crmSync';
import type { CrmRetryOptions } from '../../../shared/crmHttp';
import { FeishuBitableClient, tokenCacheFromStateStore } from '../../../shared/feishu';
import { n8nHttp } from '../../../shared/n8n';
import type { StateStore } from '../../../shared/state';
import { pairsOf, requiredSetting, settingText, type SyncSettings } from '../settings';
import { tablePicker } from '../pickers';

/** Feishu Bitable (飞书多维表格): a customers table and a history table of one Base. */
const properties: INodeProperties[] = [
	{
		displayName: 'Base ID',
		name: 'feishuBaseId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'bascnXXXXXXXX',
		description: 'The part of the Bitable URL after /base/ (Feishu calls it app_token)',
	},
	...tablePicker({
		name: 'feishuCustomerTable',
		v1DisplayName: 'Customers Table ID',
		displayName: 'Customers Table',
		required: true,
		placeholder: 'tblXXXXXXXX',
		description:
			'One row per customer, found by its xhs_user_id column. The list shows the tables of the Base above.',
	}),
	...tablePicker({
		name: 'feishuHistoryTable',
		v1DisplayName: 'History Table ID',
		displayName: 'History Table',
		placeholder: 'tblYYYYYYYY',
		v1Description: 'Empty: no history rows',
		description: 'One row per DM. Empty: no history rows.',
	}),
	{
		displayName: 'Column Map',
		name: 'feishuFieldMap',
		type: 'string',
		default: '',
		placeholder: '小红书ID=xhs_user_id, 昵称=nickname, 电话=phone',
		description:
			'Column=field pairs; empty: columns named like the fields (xhs_user_id, nickname, …)',
	},
];

export const description = updateDisplayOptions({ show: { target: ['feishu'] } }, properties);

/** Running the node or listing tables in the editor: both read the credential and make HTTP calls. */
type FeishuContext = Pick<IExecuteFunctions | ILoadOptionsFunctions, 'helpers'> & {
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
};

export async function feishuClientFor(
	context: FeishuContext,
	store: StateStore,
	retry?: Partial<CrmRetryOptions>,
): Promise<FeishuBitableClient> {
	const credentials = await context.getCredentials('xiaohongshuFeishuApi');
	const appSecret = String(credentials.appSecret ?? '');
	return new FeishuBitableClient({
		http: n8nHttp(context),
		appId: String(credentials.appId ?? ''),
		appSecret,
		baseUrl: String(credentials.baseUrl || 'https://open.feishu.cn'),
		// One tenant token for all executions (and processes, on Redis), sealed with the secret.
		tokenCache: tokenCacheFromStateStore(store, { sealWith: appSecret }),
		retry,
	});
}

export async function targetFor(
	context: IExecuteFunctions,
	store: StateStore,
	settings: SyncSettings,
): Promise<CrmTarget> {
	const client = await feishuClientFor(context, store, settings.retry);
	return new FeishuTarget({
		client,
		appToken: requiredSetting(context, 'feishuBaseId', 'Base ID'),
		customerTableId: requiredSetting(context, 'feishuCustomerTable', 'Customers Table ID', {
			extractValue: true,
		}),
		historyTableId: settingText(context, 'feishuHistoryTable', '', { extractValue: true }),
		fieldMap: pairsOf(context.getNodeParameter('feishuFieldMap', 0, ''), 'Column Map'),
	});
}
