import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/** A Feishu (or Lark) custom app for Bitable: the node gets its tenant access token itself. */
export class XiaohongshuFeishuApi implements ICredentialType {
	name = 'xiaohongshuFeishuApi';

	displayName = 'Xiaohongshu CRM Sync: Feishu App API';

	icon: Icon = {
		light: 'file:../nodes/icons/xiaohongshu.svg',
		dark: 'file:../nodes/icons/xiaohongshu.dark.svg',
	};

	documentationUrl = 'https://open.feishu.cn/document/server-docs/docs/bitable-v1/bitable-overview';

	properties: INodeProperties[] = [
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			placeholder: 'cli_a1b2c3d4e5f6',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://open.feishu.cn',
			description: 'https://open.larksuite.com for Lark',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/open-apis/auth/v3/tenant_access_token/internal',
			method: 'POST',
			body: { app_id: '={{$credentials.appId}}', app_secret: '={{$credentials.appSecret}}' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 10003, message: 'Feishu does not know this App ID' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 10014, message: 'Feishu refused the App Secret' },
			},
		],
	};
}
