import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { RuleSetError } from '../../shared/keywordReply';
import {
	FieldError,
	fieldNodeError,
	type Routed,
	runItems,
	stateStoreFor,
	toNodeError,
} from '../../shared/n8n';
import type { StateStore } from '../../shared/state';
import { configuredOutputs } from '../helpers/outputs';
import { findGaps, previewChanges, suggestReplies } from '.';

interface Operation {
	execute(this: IExecuteFunctions, itemIndex: number, store: StateStore): Promise<Routed[]>;
}

const OPERATIONS: Record<string, Operation> = { suggestReplies, findGaps, previewChanges };

function nodeError(context: IExecuteFunctions, error: Error, i: number) {
	if (error instanceof FieldError) return fieldNodeError(context.getNode(), error, i);
	if (error instanceof RuleSetError) {
		return new NodeOperationError(context.getNode(), `Item ${i}: ${error.message}`, {
			itemIndex: i,
			description: 'Fix the named rules; the other rules were fine.',
		});
	}
	return toNodeError(context.getNode(), error, i);
}

/** One operation for all items (the first item's), each item in turn. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const chosen = OPERATIONS[operation] ?? suggestReplies;
	const store = await stateStoreFor(this);
	return await runItems(
		this,
		{
			outputs: configuredOutputs({ operation }).length,
			// A failed preview goes, with its error, to Failed.
			failedOutput: operation === 'previewChanges' ? previewChanges.FAILED : 0,
			nodeError: (error, i) => nodeError(this, error, i),
		},
		async (i) => await chosen.execute.call(this, i, store),
	);
}
