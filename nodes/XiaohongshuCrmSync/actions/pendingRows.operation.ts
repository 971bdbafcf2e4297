import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	confirmPendingRows,
	DEFAULT_BATCH_LIMIT,
	DEFAULT_LEASE_MS,
	DEFAULT_MIN_AGE_MS,
	takePendingRows,
} from '../../shared/crmSync';
import { FieldError, routed, type Routed } from '../../shared/n8n';
import type { StateStore } from '../../shared/state';

/**
 * Version 4's batch writer: "Queue for a Batch Writer" leaves each DM's rows in the state
 * store; these two operations take them out in one batch and confirm them once n8n's nodes
 * wrote them (see nodes/shared/crmSync/pendingRows.ts for why this is exactly once).
 */
const FROM_VERSION_4 = { '@version': [{ _cnd: { gte: 4 } }] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Put "Write Queued Rows" after CRM Sync (Queue for a Batch Writer) and after a Schedule Trigger. Insert what comes out of New Customers, History and Leads; upsert what comes out of Changed Customers (by xhs_user_id) and of History Again and Leads Again (by idempotency_key: a batch whose writer died, maybe written already). Merge the six and end with "Confirm Rows Written". One execution writes at a time; the others leave their rows to it.',
		name: 'pendingNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['takePendingRows'], ...FROM_VERSION_4 } },
	},
	{
		displayName: 'Batch Options',
		name: 'batchOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { operation: ['takePendingRows'], ...FROM_VERSION_4 } },
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 500,
				description: 'Most DMs whose rows one run takes; the rest go in the next batch',
			},
			{
				displayName: 'Wait for More Rows (Seconds)',
				name: 'minAgeSeconds',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 1 },
				default: 2,
				description:
					'A run takes the rows only once the oldest waited this long (or a batch is full): under load one run then writes for many DMs. 0 writes every DM with its own run.',
			},
			{
				displayName: 'Writer Lease (Seconds)',
				name: 'leaseSeconds',
				type: 'number',
				typeOptions: { minValue: 5 },
				default: 120,
				description:
					'How long the rows stay with the execution that took them. If it has not confirmed by then (a worker died), the next run takes them again and the tables update the same rows.',
			},
		],
	},
];

const executionIdOf = (context: IExecuteFunctions) => {
	const id = context.getExecutionId();
	if (!id) throw new FieldError('this run has no execution id to hold the batch', 'Operation');
	return String(id);
};

/** The rows of every DM queued since the last confirmed batch, on six outputs; none while another execution writes or the batch is young. */
export async function take(
	this: IExecuteFunctions,
	store: StateStore,
	book: string,
): Promise<Routed[]> {
	const options = this.getNodeParameter('batchOptions', 0, {}) as {
		batchSize?: number;
		leaseSeconds?: number;
		minAgeSeconds?: number;
	};
	const limit = Math.floor(Number(options.batchSize ?? DEFAULT_BATCH_LIMIT));
	if (!(limit >= 1))
		throw new FieldError(`"${String(options.batchSize)}" is below 1`, 'Batch Size');
	const leaseSeconds = Number(options.leaseSeconds ?? DEFAULT_LEASE_MS / 1000);
	if (!(leaseSeconds >= 5))
		throw new FieldError(`"${String(options.leaseSeconds)}" is below 5`, 'Writer Lease (Seconds)');
	const minAgeSeconds = Number(options.minAgeSeconds ?? DEFAULT_MIN_AGE_MS / 1000);
	if (!(minAgeSeconds >= 0))
		throw new FieldError(
			`"${String(options.minAgeSeconds)}" is below 0`,
			'Wait for More Rows (Seconds)',
		);
	const batch = await takePendingRows(store, book, {
		executionId: executionIdOf(this),
		limit,
		leaseMs: leaseSeconds * 1000,
		minAgeMs: minAgeSeconds * 1000,
	});
	if (!batch) return [];
	const rows: object[][] = [
		batch.newCustomers,
		batch.changedCustomers,
		batch.history,
		batch.leads,
		batch.historyAgain,
		batch.leadsAgain,
	];
	return rows.flatMap((list, output) =>
		list.map((row) => routed(output, { ...row } as IDataObject)),
	);
}

/** Moves the book's cursor past the batch this execution took; says so when there was none. */
export async function confirm(
	this: IExecuteFunctions,
	store: StateStore,
	book: string,
): Promise<Routed[]> {
	const result = await confirmPendingRows(store, book, executionIdOf(this));
	return [routed(0, { book, ...result })];
}
