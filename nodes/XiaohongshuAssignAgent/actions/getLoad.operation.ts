import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { DeskEnvironment, DeskStore } from '../../shared/assignAgent';
import type { DeskResult } from '../helpers/outputs';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { operation: ['getLoad'] } }, properties);

/** Each agent's load and the queue (a roster change or a shift start may serve the queue first). */
export async function execute(
	this: IExecuteFunctions,
	_i: number,
	desk: DeskStore,
	env: DeskEnvironment,
): Promise<DeskResult> {
	return await desk.load(env);
}
