import type { INodeProperties } from 'n8n-workflow';
import * as createBindingLink from './createBindingLink.operation';
import * as getAll from './getAll.operation';
import * as unbind from './unbind.operation';

export { createBindingLink, getAll, unbind };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Create Binding Link',
				value: 'createBindingLink',
				description:
					'A link and a QR code image the account owner opens to bind an account to this app',
				action: 'Create a binding link',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the bound business accounts',
				action: 'Get many bound accounts',
			},
			{
				name: 'Unbind',
				value: 'unbind',
				description: 'Unbind an account from this app',
				action: 'Unbind an account',
			},
		],
		default: 'getAll',
	},
	...createBindingLink.description,
	...unbind.description,
	...getAll.description,
];
