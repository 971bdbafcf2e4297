import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { DeskEnvironment, DeskStore } from '../../shared/assignAgent';
import { assignRequestFor } from '../helpers/assignRequest';
import { requestFields } from '../helpers/fields';
import type { DeskResult } from '../helpers/outputs';

const properties: INodeProperties[] = [...requestFields];

export const description = updateDisplayOptions({ show: { operation: ['assign'] } }, properties);

/** The best free agent gets the conversation, or it waits in the queue. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	desk: DeskStore,
	env: DeskEnvironment,
): Promise<DeskResult> {
	const request = assignRequestFor(this, i, env.policy);
	return { conversationId: request.conversationId, events: await desk.assign(request, env) };
}
