import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { routeOutcomes, stateStoreFor } from '../../shared/n8n';
import { arkFor } from '../helpers/purchases';
import { settingsFor } from '../helpers/settings';
import { targetFor } from '../helpers/targets';
import * as sync from './sync.operation';

/**
 * The settings are the first item's; the items' outcomes come from the sync (per customer, in
 * order) and are routed by the item runner: a failed item stops the node unless
 * continue-on-fail, then it goes to Failed (to Profiles without a CRM) with its error.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const target = this.getNodeParameter('target', 0) as string;
	const store = await stateStoreFor(this);
	const settings = settingsFor(this);
	const crm = target === 'items' ? undefined : await targetFor(this, target, store, settings);
	const ark =
		this.getNodeParameter('includePurchases', 0, false) === true ? await arkFor(this) : undefined;
	const outcomes = await sync.execute.call(this, { target, store, settings, crm, ark });
	return routeOutcomes(
		this,
		{
			outputs: crm ? 2 : 3,
			failedOutput: crm ? sync.FAILED : 0,
			nodeError: (error, i) => {
				const { field, hint } = error as Error & { field?: string; hint?: string };
				return new NodeOperationError(
					this.getNode(),
					`Item ${i}: ${error.message}${field ? ` (field "${field}")` : ''}`,
					{ itemIndex: i, description: hint },
				);
			},
		},
		outcomes,
	);
}
