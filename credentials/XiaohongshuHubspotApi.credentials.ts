import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/** A HubSpot private app token for the CRM Sync node (scopes: crm.objects.contacts.read/write). */
export class XiaohongshuHubspotApi implements ICredentialType {
	name = 'xiaohongshuHubspotApi';

	displayName = 'Xiaohongshu CRM Sync: HubSpot API';

	icon: Icon = {
		light: 'file:../nodes/icons/xiaohongshu.svg',
		dark: 'file:../nodes/icons/xiaohongshu.dark.svg',
	};

	documentationUrl = 'https://developers.hubspot.com/docs/api/private-apps';

	properties: INodeProperties[] = [
		{
			displayName: 'Private App Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Settings → Integrations → Private Apps; scopes crm.objects.contacts.read and crm.objects.contacts.write',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'https://api.hubapi.com' },
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/crm/v3/objects/contacts',
			qs: { limit: 1 },
		},
	};
}
