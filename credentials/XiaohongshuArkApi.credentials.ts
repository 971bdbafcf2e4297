import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { ARK_GATEWAY_PATH, ARK_PRODUCTION_BASE_URL } from '../nodes/shared/ark/arkClient';
import { ARK_VERSION, arkSign } from '../nodes/shared/ark/arkSign';
import { DEFAULT_SANDBOX_BASE_URL } from '../nodes/shared/xiaohongshu/endpoints';

/**
 * Xiaohongshu's e-commerce open API ("ark", 小红书开放平台): the shop's orders, for answering
 * customers about their purchases. Every call is signed with an MD5 over a fresh timestamp:
 * `authenticate` adds appId, timestamp, version, sign and accessToken to the body of a request
 * that names its `method`, so the credential test (and any HTTP Request node using this
 * credential) calls the gateway like the SDK does.
 */
export class XiaohongshuArkApi implements ICredentialType {
	name = 'xiaohongshuArkApi';

	displayName = 'Xiaohongshu Ark (E-Commerce) API';

	icon: Icon = {
		light: 'file:../nodes/icons/xiaohongshu.svg',
		dark: 'file:../nodes/icons/xiaohongshu.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-xiaohongshu-dm/n8n-nodes-xiaohongshu-dm#crm-sync';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production (ark.xiaohongshu.com)', value: 'production' },
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
			placeholder: ARK_PRODUCTION_BASE_URL,
			description:
				'Where the ark gateway is reached (the path /ark/open_api/v3/common_controller is appended): the sandbox started by "npm run sandbox", or a proxy',
			displayOptions: { show: { environment: ['sandbox', 'custom'] } },
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			description: 'The appId of the app created on the Xiaohongshu open platform (ark)',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Signs every call; it is never sent',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The accessToken of the shop's authorization (with the order permission). Replace it here when it expires.",
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const body = (requestOptions.body ?? {}) as IDataObject;
		const appId = String(credentials.appId ?? '');
		const timestamp = String(Math.floor(Date.now() / 1000));
		const method = String(body.method ?? '');
		const sign = arkSign({
			method,
			appId,
			timestamp,
			appSecret: String(credentials.appSecret ?? ''),
		});
		return {
			...requestOptions,
			body: {
				...body,
				appId,
				timestamp,
				version: ARK_VERSION,
				sign,
				accessToken: String(credentials.accessToken ?? ''),
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.environment === "production" ? "${ARK_PRODUCTION_BASE_URL}" : $credentials.baseUrl }}`,
			url: ARK_GATEWAY_PATH,
			method: 'POST',
			// The cheapest signed call: one order of the last hour.
			body: {
				method: 'order.getOrderList',
				timeType: 1,
				pageNo: 1,
				pageSize: 1,
				startTime: '={{ Math.floor(Date.now() / 1000) - 3600 }}',
				endTime: '={{ Math.floor(Date.now() / 1000) }}',
			},
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message:
						'Xiaohongshu ark refused the call: check the App ID, App Secret and Access Token',
				},
			},
		],
	};
}
