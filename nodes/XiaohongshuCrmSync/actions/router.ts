import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { routeOutcomes, stateStoreFor } from '../../shared/n8n';
import { settled, type Outcome } from '../../shared/outcome';
import { arkFor } from '../helpers/purchases';
import { settingsFor } from '../helpers/settings';
import { targetFor } from '../helpers/targets';
import * as pendingRows from './pendingRows.operation';
import * as sync from './sync.operation';

const nodeErrorFor =
	(context: IExecuteFunctions) =>
	(error: Error, i: number): NodeOperationError => {
		const { field, hint } = error as Error & { field?: string; hint?: string };
		return new NodeOperationError(
			context.getNode(),
			`Item ${i}: ${error.message}${field ? ` (field "${field}")` : ''}`,
			{ itemIndex: i, description: hint },
		);
	};

/**
 * The settings are the first item's; the items' outcomes come from the sync (per customer, in
 * order) and are routed by the item runner: a failed item stops the node unless
 * continue-on-fail, then it goes to Failed (to Profiles without a CRM) with its error.
 * The batch writer's operations run once per node run, whatever the items that started it.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0, 'sync') as string;
	const store = await stateStoreFor(this);
	const settings = settingsFor(this);
	if (operation === 'takePendingRows' || operation === 'confirmRowsWritten') {
		const run = operation === 'takePendingRows' ? pendingRows.take : pendingRows.confirm;
		const once: Outcome<Awaited<ReturnType<typeof run>>> = await settled(
			async () => await run.call(this, store, settings.book),
		);
		const outcomes = this.getInputData().map((_, i) =>
			i === 0 ? once : { ok: true as const, value: [] },
		);
		return routeOutcomes(
			this,
			{ outputs: operation === 'takePendingRows' ? 6 : 1, nodeError: nodeErrorFor(this) },
			outcomes.length ? outcomes : [once],
		);
	}
	const target = this.getNodeParameter('target', 0) as string;
	const queue =
		target === 'items' && this.getNodeParameter('writeRows', 0, 'withEachDm') === 'queue';
	const crm = target === 'items' ? undefined : await targetFor(this, target, store, settings);
	const ark =
		this.getNodeParameter('includePurchases', 0, false) === true ? await arkFor(this) : undefined;
	const outcomes = await sync.execute.call(this, { target, store, settings, crm, ark, queue });
	return routeOutcomes(
		this,
		{
			outputs: crm ? 2 : queue ? 1 : 3,
			failedOutput: crm ? sync.FAILED : 0,
			nodeError: nodeErrorFor(this),
		},
		outcomes,
	);
}
