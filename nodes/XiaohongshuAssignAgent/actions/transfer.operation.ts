import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { DeskEnvironment, DeskStore } from '../../shared/assignAgent';
import { assignRequestFor } from '../helpers/assignRequest';
import { requestFields } from '../helpers/fields';
import type { DeskResult } from '../helpers/outputs';
import { requiredParameter } from '../helpers/parameters';
import { agentPicker } from '../helpers/pickers';

const properties: INodeProperties[] = [
	...requestFields,
	...agentPicker('toAgent', 'To Agent ID', 'To Agent'),
];

export const description = updateDisplayOptions({ show: { operation: ['transfer'] } }, properties);

/** Hands the conversation to the chosen agent, within the agent's capacity. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	desk: DeskStore,
	env: DeskEnvironment,
): Promise<DeskResult> {
	const request = assignRequestFor(this, i, env.policy);
	const to = requiredParameter(this, 'toAgent', 'To Agent ID', i, { extractValue: true });
	return {
		conversationId: request.conversationId,
		events: await desk.transfer(request.conversationId, to, env, request),
	};
}
