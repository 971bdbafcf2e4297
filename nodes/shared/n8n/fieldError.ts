import { NodeOperationError, type INode } from 'n8n-workflow';
import { outcomeOf } from '../outcome';

/** A bad parameter, named the way the user sees it in the node's panel. */
export class FieldError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'FieldError';
	}

	/** Runs `work`; its error (which already says what is wrong with the value) gains the field. */
	static wrap<T>(field: string, work: () => T): T {
		const outcome = outcomeOf(work);
		if (!outcome.ok) throw new FieldError(outcome.error.message, field);
		return outcome.value;
	}
}

/** The error n8n shows for a bad parameter: the item, the field, and that the other items went on. */
export function fieldNodeError(
	node: INode,
	error: FieldError,
	itemIndex: number,
	consequence = 'the other items went on',
): NodeOperationError {
	return new NodeOperationError(
		node,
		`Item ${itemIndex}: ${error.message} (field "${error.field}")`,
		{
			itemIndex,
			description: `Fix "${error.field}"; ${consequence}.`,
		},
	);
}
