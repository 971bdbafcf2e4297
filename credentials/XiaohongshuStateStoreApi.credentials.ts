import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Redis for the state store in queue mode, where several n8n processes must agree on
 * claimed messages, tokens, agent load and queues. Without it, nodes use the embedded
 * store of one n8n instance.
 */
export class XiaohongshuStateStoreApi implements ICredentialType {
	name = 'xiaohongshuStateStoreApi';

	displayName = 'Xiaohongshu State Store Redis API';

	icon: Icon = {
		light: 'file:../nodes/icons/xiaohongshu.svg',
		dark: 'file:../nodes/icons/xiaohongshu.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-xiaohongshu-dm/n8n-nodes-xiaohongshu-dm#queue-mode-and-the-state-store';

	properties: INodeProperties[] = [
		{ displayName: 'Host', name: 'host', type: 'string', default: '127.0.0.1' },
		{ displayName: 'Port', name: 'port', type: 'number', default: 6379 },
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			description: 'Redis ACL user; empty for the default user',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Database Number', name: 'database', type: 'number', default: 0 },
		{ displayName: 'SSL', name: 'ssl', type: 'boolean', default: false },
		{
			displayName: 'Namespace',
			name: 'namespace',
			type: 'string',
			default: 'xhs:',
			description:
				'Prefix of every Redis key this package writes, so one Redis can serve several setups',
		},
	];
}
