import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { type DeskEnvironment, type DeskStore, statusOf } from '../../shared/assignAgent';
import type { DeskResult } from '../helpers/outputs';
import { requiredParameter } from '../helpers/parameters';
import { agentPicker } from '../helpers/pickers';

const properties: INodeProperties[] = [
	...agentPicker('agentId', 'Agent ID', 'Agent'),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Away', value: 'away' },
			{ name: 'Busy', value: 'busy' },
			{ name: 'Offline', value: 'offline' },
			{ name: 'Online', value: 'online' },
		],
		default: 'online',
		description:
			'Busy agents keep their conversations but get no new ones; Sweep moves the conversations of away (after a grace time) and offline agents',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['setStatus'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	i: number,
	desk: DeskStore,
	env: DeskEnvironment,
): Promise<DeskResult> {
	const agentId = requiredParameter(this, 'agentId', 'Agent ID', i, { extractValue: true });
	return {
		events: await desk.setStatus(
			agentId,
			statusOf(this.getNodeParameter('status', i), 'Status'),
			env,
		),
	};
}
