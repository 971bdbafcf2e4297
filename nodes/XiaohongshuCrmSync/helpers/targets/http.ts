import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { type CrmTarget, HttpTarget } from '../../../shared/crmSync';
import { n8nHttp } from '../../../shared/n8n';
import { pairsOf, requiredSetting, settingText, type SyncSettings } from '../settings';

/** The in-house CRM: your own API, with an idempotency header. */
const properties: INodeProperties[] = [
	{
		displayName: 'Customer URL',
		name: 'httpCustomerUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://crm.example.com/api/customers',
	},
	{
		displayName: 'Customer Method',
		name: 'httpCustomerMethod',
		type: 'options',
		options: [
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'PUT',
	},
	{
		displayName: 'History URL',
		name: 'httpHistoryUrl',
		type: 'string',
		default: '',
		placeholder: 'https://crm.example.com/api/messages',
		description: 'Empty: history entries are not sent',
	},
	{
		displayName: 'Idempotency Header',
		name: 'httpIdempotencyHeader',
		type: 'string',
		default: 'Idempotency-Key',
	},
	{
		displayName: 'Field Map',
		name: 'httpFieldMap',
		type: 'string',
		default: '',
		placeholder: 'external_id=xhs_user_id, name=nickname',
		description: 'Pairs of crm_field=profile_field; empty: the whole profile',
	},
	{
		displayName: 'Use Auth Header',
		name: 'httpUseAuth',
		type: 'boolean',
		default: false,
		description: 'Whether to add a header from an "HTTP Header" credential',
	},
];

export const description = updateDisplayOptions({ show: { target: ['http'] } }, properties);

export async function targetFor(
	context: IExecuteFunctions,
	settings: SyncSettings,
): Promise<CrmTarget> {
	const headers: Record<string, string> = {};
	if (context.getNodeParameter('httpUseAuth', 0, false) === true) {
		const credentials = await context.getCredentials('xiaohongshuCrmHttpApi');
		headers[String(credentials.headerName || 'Authorization')] = String(
			credentials.secretValue ?? '',
		);
	}
	return new HttpTarget({
		http: n8nHttp(context),
		customerUrl: requiredSetting(context, 'httpCustomerUrl', 'Customer URL'),
		customerMethod: context.getNodeParameter('httpCustomerMethod', 0, 'PUT') as 'PUT',
		historyUrl: settingText(context, 'httpHistoryUrl'),
		idempotencyHeader: String(
			context.getNodeParameter('httpIdempotencyHeader', 0, 'Idempotency-Key') || 'Idempotency-Key',
		),
		fieldMap: pairsOf(context.getNodeParameter('httpFieldMap', 0, ''), 'Field Map'),
		headers,
		retry: settings.retry,
	});
}
