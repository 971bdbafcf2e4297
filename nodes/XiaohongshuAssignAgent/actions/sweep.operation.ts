import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { DeskEnvironment, DeskStore } from '../../shared/assignAgent';
import type { DeskResult } from '../helpers/outputs';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { operation: ['sweep'] } }, properties);

/** Moves the conversations whose agent went away, went offline or did not answer. */
export async function execute(
	this: IExecuteFunctions,
	_i: number,
	desk: DeskStore,
	env: DeskEnvironment,
): Promise<DeskResult> {
	return { events: await desk.sweep(env) };
}
