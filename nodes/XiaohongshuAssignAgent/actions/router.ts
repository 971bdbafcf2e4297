import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { deskServiceEvents, recordQuietly } from '../../shared/serviceMetrics';
import { failurePage } from '../../shared/agentLinks';
import { runItems, stateStoreFor } from '../../shared/n8n';
import {
	type DeskEnvironment,
	type DeskEvent,
	DeskStore,
	registerDesk,
} from '../../shared/assignAgent';
import { deskNodeError } from '../helpers/errors';
import { deskRouted, OTHER, outputCountOf, type DeskResult } from '../helpers/outputs';
import { deskNameFor } from '../helpers/parameters';
import { policyFor } from '../helpers/policy';
import { rosterFor } from '../helpers/roster';
import * as operations from './index';

interface Operation {
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		desk: DeskStore,
		env: DeskEnvironment,
	): Promise<DeskResult>;
}

const OPERATIONS: Record<string, Operation> = {
	assign: operations.assign,
	createActionLink: operations.createActionLink,
	getLoad: operations.getLoad,
	openActionLink: operations.openActionLink,
	recordReply: operations.recordReply,
	release: operations.release,
	setStatus: operations.setStatus,
	sweep: operations.sweep,
	transfer: operations.transfer,
};

/**
 * All items at once: the desk applies concurrent operations in one atomic write. The desk's
 * events of the items that went through are recorded for Service Metrics after all items.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as string;
	const chosen = OPERATIONS[operation] ?? operations.getLoad;
	const store = await stateStoreFor(this);
	const eventsOf: Array<DeskEvent[] | undefined> = [];

	const outputs = await runItems(
		this,
		{
			outputs: outputCountOf(operation),
			parallel: true,
			failedOutput: operation === 'createActionLink' ? 0 : OTHER,
			nodeError: (error, i) => deskNodeError(this.getNode(), error, i),
			// A failed link still answers the agent with a page (it says nothing of the error).
			failedJson:
				operation === 'openActionLink'
					? (_input, nodeError) => ({ error: nodeError.message, page: failurePage() })
					: undefined,
		},
		async (i) => {
			const deskName = deskNameFor(this, i);
			const desk = DeskStore.for(store, deskName);
			const policy = policyFor(this, i);
			// Making a link needs no roster (its fields are hidden then).
			const env: DeskEnvironment = {
				roster: operation === 'createActionLink' ? undefined : rosterFor(this, i),
				policy,
			};
			const result = await chosen.execute.call(this, i, desk, env);
			eventsOf[i] = result.events;
			// For the editor's desk list; never fails the item.
			if (result.usedDesk !== false) await registerDesk(store, deskName).catch(() => undefined);
			return result.routed ?? deskRouted(items[i], result);
		},
	);

	const serviceEvents = items.flatMap((item, i) => {
		const events = eventsOf[i];
		return events ? deskServiceEvents(events, Date.now(), item.json) : [];
	});
	await recordQuietly(store, serviceEvents, (m) => this.logger.warn(m));
	return outputs;
}
