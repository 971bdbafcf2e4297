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
		{
			displayName: 'Connection',
			name: 'mode',
			type: 'options',
			options: [
				{
					name: 'One Server',
					value: 'standalone',
					description: 'A single Redis (or a managed endpoint)',
				},
				{
					name: 'Sentinel',
					value: 'sentinel',
					description: 'The Sentinels say which server is the primary; failovers are followed',
				},
				{
					name: 'Cluster',
					value: 'cluster',
					description: 'Redis Cluster; the package keeps its keys in one slot',
				},
			],
			default: 'standalone',
		},
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: '127.0.0.1',
			displayOptions: { show: { mode: ['standalone'] } },
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 6379,
			displayOptions: { show: { mode: ['standalone'] } },
		},
		{
			displayName: 'Sentinels',
			name: 'sentinels',
			type: 'string',
			default: '',
			placeholder: '10.0.0.1:26379, 10.0.0.2:26379',
			description: 'Host:port of each Sentinel, comma-separated',
			displayOptions: { show: { mode: ['sentinel'] } },
		},
		{
			displayName: 'Primary Name',
			name: 'sentinelName',
			type: 'string',
			default: 'mymaster',
			description: 'The name the Sentinels monitor the primary under',
			displayOptions: { show: { mode: ['sentinel'] } },
		},
		{
			displayName: 'Sentinel Password',
			name: 'sentinelPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: "The Sentinels' own password, when they have one",
			displayOptions: { show: { mode: ['sentinel'] } },
		},
		{
			displayName: 'Cluster Nodes',
			name: 'clusterNodes',
			type: 'string',
			default: '',
			placeholder: '10.0.0.1:6379, 10.0.0.2:6379',
			description: 'Host:port of some of the nodes, comma-separated; the rest are discovered',
			displayOptions: { show: { mode: ['cluster'] } },
		},
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
		{
			displayName: 'Database Number',
			name: 'database',
			type: 'number',
			default: 0,
			description: 'Always 0 on a Cluster',
		},
		{ displayName: 'SSL', name: 'ssl', type: 'boolean', default: false },
		{
			displayName: 'CA Certificate',
			name: 'tlsCa',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: '-----BEGIN CERTIFICATE-----',
			description:
				"PEM of the authority that signed the server's certificate, when it is not a public one",
			displayOptions: { show: { ssl: [true] } },
		},
		{
			displayName: 'Client Certificate',
			name: 'tlsCert',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'PEM, when the server asks clients for a certificate',
			displayOptions: { show: { ssl: [true] } },
		},
		{
			displayName: 'Client Key',
			name: 'tlsPrivateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: "PEM of the client certificate's private key",
			displayOptions: { show: { ssl: [true] } },
		},
		{
			displayName: 'Server Name',
			name: 'tlsServerName',
			type: 'string',
			default: '',
			description: "The name the server's certificate is issued for, when it differs from the host",
			displayOptions: { show: { ssl: [true] } },
		},
		{
			displayName: 'Verify Certificate',
			name: 'tlsVerify',
			type: 'boolean',
			default: true,
			description:
				'Whether to refuse a server whose certificate does not check out (turn off only for testing)',
			displayOptions: { show: { ssl: [true] } },
		},
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
