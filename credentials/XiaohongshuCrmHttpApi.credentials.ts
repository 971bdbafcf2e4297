import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/** A header the in-house CRM wants on every request (an API key, a bearer token). */
export class XiaohongshuCrmHttpApi implements ICredentialType {
	name = 'xiaohongshuCrmHttpApi';

	displayName = 'Xiaohongshu CRM Sync: HTTP Header API';

	icon: Icon = {
		light: 'file:../nodes/icons/xiaohongshu.svg',
		dark: 'file:../nodes/icons/xiaohongshu.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-xiaohongshu-dm/n8n-nodes-xiaohongshu-dm#crm-sync';

	properties: INodeProperties[] = [
		{ displayName: 'Header Name', name: 'headerName', type: 'string', default: 'Authorization' },
		{
			displayName: 'Header Value',
			name: 'secretValue',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'Bearer …',
			description: 'The API key or token the CRM expects',
		},
	];
}
