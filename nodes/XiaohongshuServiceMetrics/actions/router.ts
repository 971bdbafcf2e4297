import type { IExecuteFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import {
	FieldError,
	fieldNodeError,
	type ItemPolicy,
	type Routed,
	routeOutcomes,
	runItems,
	stateStoreFor,
	toNodeError,
} from '../../shared/n8n';
import type { StateStore } from '../../shared/state';
import { configuredOutputs } from '../helpers/outputs';
import { healthCheck, readAnswer, recordEvent, recoverDms, report, startSurvey } from '.';

interface Operation {
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		store: StateStore,
		nowMs: number,
	): Promise<Routed[]>;
}

/** The item-by-item operations; Record Event takes all items as one batch. */
const OPERATIONS: Record<string, Operation> = {
	report,
	healthCheck,
	startSurvey,
	readAnswer,
	recoverDms,
};

/**
 * One operation for all items (the first item's choice: it fixes the outputs). An unknown one
 * builds a report, as the outputs do.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const once =
		operation === 'recordEvent' && this.getNodeParameter('oncePerMessage', 0, false) === true;
	const recordParameters =
		operation === 'recordEvent'
			? { intakeLimits: this.getNodeParameter('intakeLimits', 0, {}) as INodeParameters }
			: operation === 'recoverDms'
				? { recoverCrmSync: this.getNodeParameter('recoverCrmSync', 0, false) === true }
				: {};
	const policy: ItemPolicy = {
		outputs: configuredOutputs({ operation, oncePerMessage: once, ...recordParameters }).length,
		nodeError: (error, i) =>
			error instanceof FieldError
				? fieldNodeError(
						this.getNode(),
						error,
						i,
						'nothing was recorded for this item and the other items went on',
					)
				: toNodeError(this.getNode(), error, i),
		// A DM whose survey step failed still goes on to the normal flow; elsewhere the error is the news.
		failedOutput: operation === 'readAnswer' || operation === 'startSurvey' ? 1 : 0,
	};
	const store = await stateStoreFor(this);
	if (operation === 'recordEvent')
		return routeOutcomes(this, policy, await recordEvent.execute.call(this, store, once));
	const chosen = OPERATIONS[operation] ?? report;
	return await runItems(
		this,
		policy,
		async (i) => await chosen.execute.call(this, i, store, Date.now()),
	);
}
