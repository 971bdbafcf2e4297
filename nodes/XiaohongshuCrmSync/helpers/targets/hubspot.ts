import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { type CrmTarget, HubspotTarget } from '../../../shared/crmSync';
import { HubspotClient } from '../../../shared/hubspot';
import { n8nHttp } from '../../../shared/n8n';
import { pairsOf, requiredSetting, type SyncSettings } from '../settings';

/** HubSpot: a contact per customer and a note per DM. */
const properties: INodeProperties[] = [
	{
		displayName: 'Xiaohongshu ID Property',
		name: 'hubspotIdProperty',
		type: 'string',
		default: 'xhs_user_id',
		description:
			'Internal name of the custom contact property (single-line text) that holds the Xiaohongshu user ID; create it in HubSpot first',
	},
	{
		displayName: 'Property Map',
		name: 'hubspotPropertyMap',
		type: 'string',
		default: '',
		placeholder: 'xhs_topics=topics, xhs_message_count=message_count',
		description:
			'Extra hubspot_property=profile_field pairs (defaults: firstname=nickname, phone, email, city=region)',
	},
];

export const description = updateDisplayOptions({ show: { target: ['hubspot'] } }, properties);

export async function targetFor(
	context: IExecuteFunctions,
	settings: SyncSettings,
): Promise<CrmTarget> {
	const credentials = await context.getCredentials('xiaohongshuHubspotApi');
	const client = new HubspotClient({
		http: n8nHttp(context),
		accessToken: String(credentials.accessToken ?? ''),
		baseUrl: String(credentials.baseUrl || 'https://api.hubapi.com'),
		retry: settings.retry,
	});
	return new HubspotTarget({
		client,
		idProperty: requiredSetting(context, 'hubspotIdProperty', 'Xiaohongshu ID Property'),
		propertyMap: pairsOf(context.getNodeParameter('hubspotPropertyMap', 0, ''), 'Property Map'),
	});
}
