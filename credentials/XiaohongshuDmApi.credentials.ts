import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { obtainTokensForCredential } from '../nodes/shared/n8n/credentialTokens';
import { DEFAULT_MAX_REQUESTS_PER_SECOND } from '../nodes/shared/xiaohongshu/appConfig';
import {
	DEFAULT_SANDBOX_BASE_URL,
	PRODUCTION_BASE_URL,
} from '../nodes/shared/xiaohongshu/endpoints';

export class XiaohongshuDmApi implements ICredentialType {
	name = 'xiaohongshuDmApi';

	displayName = 'Xiaohongshu DM API';

	icon: Icon = {
		light: 'file:../nodes/icons/xiaohongshu.svg',
		dark: 'file:../nodes/icons/xiaohongshu.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-xiaohongshu-dm/n8n-nodes-xiaohongshu-dm#connect-a-real-xiaohongshu-app';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production (adapi.xiaohongshu.com)', value: 'production' },
				{ name: 'Sandbox (Local Emulator)', value: 'sandbox' },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_SANDBOX_BASE_URL,
			placeholder: PRODUCTION_BASE_URL,
			description:
				'Where the API is reached: the sandbox started by "npm run sandbox", a proxy, or a new domain',
			displayOptions: { show: { environment: ['sandbox', 'custom'] } },
		},
		{
			displayName: 'Wire Revision',
			name: 'wireRevision',
			type: 'options',
			options: [
				{
					name: 'Revision 2 (Recommended)',
					value: 'r2',
					description:
						'As the public integration of the 私信三方 API speaks it: send body with user_id and content-encrypted, pageNo/pageSize paging',
				},
				{
					name: 'Revision 1',
					value: 'r1',
					description:
						'The first, inferred contract: send body with content, page_num/page_size paging',
				},
			],
			default: 'r2',
			description:
				'How sends and lists are worded. Xiaohongshu publishes no document for this API, so both known wordings are offered; the trigger reads pushes of either revision whatever is chosen here.',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Encryption Key',
			name: 'encryptionSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The message encryption key (消息加密密钥) from the app console: 32 hexadecimal characters, or a 16-character text key',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The refresh token of the authorization. The node rotates it on every refresh and keeps the newest one in its state store, so this field may keep showing the first one.',
		},
		{
			displayName: 'Auth Code',
			name: 'authCode',
			type: 'string',
			default: '',
			description:
				'Instead of a refresh token: the auth_code returned to your redirect URI after the account owner authorized the app. It is exchanged once (it lives 10 minutes).',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Signs the pushes to the trigger. Leave empty when the console issues no separate secret: the app secret is used.',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_MAX_REQUESTS_PER_SECOND,
			description:
				'Client-side rate limit for this app (聚光 allows about 3,000 calls a minute): a ceiling no second crosses, shared through the state store by every execution of every n8n process (main and workers)',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	// n8n calls this when the expirable access token is empty, expired or being tested. The
	// token pair itself lives in the state store (single flight, rotation-safe); the refresh
	// token is returned too, so that an n8n which persists this output keeps the newest one.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const record = await obtainTokensForCredential(this, credentials);
		return { accessToken: record.accessToken, refreshToken: record.refreshToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'Access-Token': '={{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.environment === "production" ? "${PRODUCTION_BASE_URL}" : $credentials.baseUrl.replace(/\\/+$/, "")}}`,
			url: '/api/open/im/auth/bind_users',
			method: 'POST',
			// Both revisions' paging fields: each sandbox or platform reads its own and ignores the rest.
			body: { page_num: 1, page_size: 1, pageNo: 1, pageSize: 1 },
			json: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message: 'Xiaohongshu refused the call: check the app ID, secret and the authorization',
				},
			},
		],
	};
}
