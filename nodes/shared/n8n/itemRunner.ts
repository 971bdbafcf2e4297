import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { settled, type Outcome } from '../outcome';
import { toNodeError } from './nodeErrors';

/**
 * The one per-item loop of every node: each input item's work, its outputs, paired items,
 * continue-on-fail and the error n8n shows, written once. An operation returns what it puts
 * out for its item, each to an output; it never catches its own errors.
 */
export interface Routed {
	output: number;
	item: INodeExecutionData;
}

/** An output item of the current input item, on output `output`. */
export function routed(
	output: number,
	json: IDataObject,
	extra: Omit<INodeExecutionData, 'json'> = {},
): Routed {
	return { output, item: { json, ...extra } };
}

export type NodeError = NodeApiError | NodeOperationError;

export interface ItemPolicy {
	/** How many outputs the node has now. */
	outputs: number;
	/** The error n8n shows for a failed item; toNodeError knows the package's errors. */
	nodeError?: (error: Error, itemIndex: number) => NodeError;
	/** With continue-on-fail: the output a failed item goes to (default the first). */
	failedOutput?: number;
	/** With continue-on-fail: what a failed item carries (default the input item and "error"). */
	failedJson?: (
		input: INodeExecutionData,
		nodeError: NodeError,
		error: Error,
		itemIndex: number,
	) => IDataObject;
}

function errorFor(
	context: IExecuteFunctions,
	policy: ItemPolicy,
	error: Error,
	i: number,
): NodeError {
	return policy.nodeError ? policy.nodeError(error, i) : toNodeError(context.getNode(), error, i);
}

/**
 * Puts each item's outcome on its outputs, in input order. A failure stops the node unless
 * continue-on-fail is on; then the failed item goes on, with its error, to the failed output.
 */
export function routeOutcomes(
	context: IExecuteFunctions,
	policy: ItemPolicy,
	outcomes: Array<Outcome<Routed[]>>,
): INodeExecutionData[][] {
	const inputs = context.getInputData();
	const outputs: INodeExecutionData[][] = Array.from({ length: policy.outputs }, () => []);
	outcomes.forEach((outcome, i) => {
		if (outcome.ok) {
			for (const { output, item } of outcome.value)
				outputs[output].push({ ...item, pairedItem: item.pairedItem ?? { item: i } });
			return;
		}
		const nodeError = errorFor(context, policy, outcome.error, i);
		if (!context.continueOnFail()) throw nodeError;
		const json = policy.failedJson
			? policy.failedJson(inputs[i], nodeError, outcome.error, i)
			: { ...inputs[i].json, error: nodeError.message };
		outputs[policy.failedOutput ?? 0].push({ json, pairedItem: { item: i } });
	});
	return outputs;
}

/**
 * Runs `work` for every item and routes the outcomes. One after another by default, stopping
 * at the first failure (later items do nothing, as n8n users expect of a failed node);
 * `parallel` starts all items at once, for work that batches in the state store.
 */
export async function runItems(
	context: IExecuteFunctions,
	policy: ItemPolicy & { parallel?: boolean },
	work: (itemIndex: number) => Promise<Routed[]>,
): Promise<INodeExecutionData[][]> {
	const count = context.getInputData().length;
	if (policy.parallel) {
		const outcomes = await Promise.all(
			Array.from({ length: count }, async (_, i) => await settled(async () => await work(i))),
		);
		return routeOutcomes(context, policy, outcomes);
	}
	const outcomes: Array<Outcome<Routed[]>> = [];
	for (let i = 0; i < count; i++) {
		const outcome = await settled(async () => await work(i));
		outcomes.push(outcome);
		if (!outcome.ok && !context.continueOnFail()) break;
	}
	return routeOutcomes(context, policy, outcomes);
}
