import type { INodeProperties } from 'n8n-workflow';
import * as getAll from './getAll.operation';
import * as replay from './replay.operation';

export { getAll, replay };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['quarantine'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the pushes the trigger could not read, masked, with the likely cause',
				action: 'Get many quarantined pushes',
			},
			{
				name: 'Replay',
				value: 'replay',
				description:
					'Send quarantined pushes through their trigger again, once each, after the setting was fixed',
				action: 'Replay quarantined pushes',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...replay.description,
];
