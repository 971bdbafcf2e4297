import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { deskServiceEvents, recordQuietly } from '../../shared/serviceMetrics';
import { runItems, stateStoreFor } from '../../shared/n8n';
import {
	type DeskEnvironment,
	type DeskEvent,
	DeskStore,
	registerDesk,
} from '../../shared/assignAgent';
import { deskNodeError } from '../helpers/errors';
import { deskRouted, OTHER, type DeskResult } from '../helpers/outputs';
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
	getLoad: operations.getLoad,
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
			outputs: 2,
			parallel: true,
			failedOutput: OTHER,
			nodeError: (error, i) => deskNodeError(this.getNode(), error, i),
		},
		async (i) => {
			const deskName = deskNameFor(this, i);
			const desk = DeskStore.for(store, deskName);
			const policy = policyFor(this, i);
			const env: DeskEnvironment = { roster: rosterFor(this, i), policy };
			const result = await chosen.execute.call(this, i, desk, env);
			eventsOf[i] = result.events;
			// For the editor's desk list; never fails the item.
			await registerDesk(store, deskName).catch(() => undefined);
			return deskRouted(items[i], result);
		},
	);

	const serviceEvents = items.flatMap((item, i) => {
		const events = eventsOf[i];
		return events ? deskServiceEvents(events, Date.now(), item.json) : [];
	});
	await recordQuietly(store, serviceEvents, (m) => this.logger.warn(m));
	return outputs;
}
