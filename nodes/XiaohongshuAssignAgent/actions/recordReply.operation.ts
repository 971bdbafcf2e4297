import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { DeskEnvironment, DeskStore } from '../../shared/assignAgent';
import { conversationField } from '../helpers/fields';
import type { DeskResult } from '../helpers/outputs';
import { conversationIdFor } from '../helpers/parameters';

const properties: INodeProperties[] = [conversationField];

export const description = updateDisplayOptions(
	{ show: { operation: ['recordReply'] } },
	properties,
);

/** The agent answered: the first reply counts as the first response, and Sweep leaves it. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	desk: DeskStore,
	env: DeskEnvironment,
): Promise<DeskResult> {
	const conversationId = conversationIdFor(this, i);
	return { conversationId, events: await desk.recordReply(conversationId, env) };
}
