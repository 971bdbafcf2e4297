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
	return await setAgentStatus(desk, agentId, this.getNodeParameter('status', i), env);
}

/** Set Status, also as a status link does it (Open Action Link). */
export async function setAgentStatus(
	desk: DeskStore,
	agentId: string,
	status: unknown,
	env: DeskEnvironment,
): Promise<DeskResult> {
	return { events: await desk.setStatus(agentId, statusOf(status, 'Status'), env) };
}
