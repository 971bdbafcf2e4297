import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { DeskEnvironment, DeskStore } from '../../shared/assignAgent';
import { conversationField } from '../helpers/fields';
import type { DeskResult } from '../helpers/outputs';
import { conversationIdFor } from '../helpers/parameters';

const properties: INodeProperties[] = [conversationField];

export const description = updateDisplayOptions({ show: { operation: ['release'] } }, properties);

/** The conversation is closed: its slot goes free and the queue is served. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	desk: DeskStore,
	env: DeskEnvironment,
): Promise<DeskResult> {
	return await releaseConversation(desk, conversationIdFor(this, i), env);
}

/** Release, also as a close link does it (Open Action Link). */
export async function releaseConversation(
	desk: DeskStore,
	conversationId: string,
	env: DeskEnvironment,
): Promise<DeskResult> {
	return { conversationId, events: await desk.release(conversationId, env) };
}
