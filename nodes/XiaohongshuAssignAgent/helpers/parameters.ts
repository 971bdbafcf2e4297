import type { IExecuteFunctions, IGetNodeParameterOptions } from 'n8n-workflow';
import { DeskOperationError } from '../../shared/assignAgent';
import { itemFieldParameter } from '../../shared/n8n';

/** Parameter readers shared by the operations. */

/** A field that must not be empty; `extractValue` reads a pick list (version 2) and a plain field alike. */
export function requiredParameter(
	context: IExecuteFunctions,
	name: string,
	label: string,
	i: number,
	options?: IGetNodeParameterOptions,
): string {
	const value = itemFieldParameter(context, name, i, '', options) as unknown;
	if (value === undefined || value === null || String(value).trim() === '') {
		throw new DeskOperationError(`the field "${label}" is empty`, name);
	}
	return String(value).trim();
}

export function conversationIdFor(context: IExecuteFunctions, i: number): string {
	return requiredParameter(context, 'conversationId', 'Conversation ID', i);
}

/** The desk's name, typed (version 1) or picked (version 2). */
export function deskNameFor(context: IExecuteFunctions, i: number): string {
	return String(
		context.getNodeParameter('desk', i, 'default', { extractValue: true }) || 'default',
	);
}
