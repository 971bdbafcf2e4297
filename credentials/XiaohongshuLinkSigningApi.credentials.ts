import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The secret that signs the agents' action links (close a conversation, set a status), so
 * that only the agent a link was made for can use it, once, until it expires. Nothing is
 * called with it: Assign Agent checks it (at least 16 characters) when the credential is tested.
 */
export class XiaohongshuLinkSigningApi implements ICredentialType {
	name = 'xiaohongshuLinkSigningApi';

	displayName = 'Xiaohongshu Link Signing API';

	icon: Icon = {
		light: 'file:../nodes/icons/xiaohongshu.svg',
		dark: 'file:../nodes/icons/xiaohongshu.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-xiaohongshu-dm/n8n-nodes-xiaohongshu-dm/blob/main/docs/agent-action-links.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Signs every action link (HMAC-SHA256); at least 16 characters, 32 random ones are best (e.g. openssl rand -base64 32). Changing it makes every link sent so far invalid.',
		},
		{
			displayName: 'Link Lifetime (Hours)',
			name: 'linkLifetimeHours',
			type: 'number',
			typeOptions: { minValue: 0.01, maxValue: 720, numberPrecision: 2 },
			default: 24,
			description:
				'How long a link works after it is made (at most 720 hours); a node may set its own',
		},
	];
}
