import { NodeOperationError, type INode } from 'n8n-workflow';
import { LinkConfigError } from '../../shared/agentLinks';
import { DeskOperationError, RosterError } from '../../shared/assignAgent';

/** The error n8n shows for a failed item: the item, the message and the field it is about. */
export function deskNodeError(node: INode, error: Error, i: number): NodeOperationError {
	const known =
		error instanceof RosterError ||
		error instanceof DeskOperationError ||
		error instanceof LinkConfigError;
	const field =
		error instanceof DeskOperationError || error instanceof LinkConfigError
			? ` (field "${error.field}")`
			: '';
	return new NodeOperationError(node, `Item ${i}: ${error.message}${field}`, {
		itemIndex: i,
		description: known ? 'Nothing was changed for this item; the other items went on.' : undefined,
	});
}
