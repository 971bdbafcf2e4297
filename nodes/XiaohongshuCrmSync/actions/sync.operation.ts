import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { type ArkClient, findOrderIds } from '../../shared/ark';
import {
	type CrmTarget,
	type CustomerFacts,
	FactsError,
	factsFromItem,
	mergeDm,
	type PurchaseSummary,
	queueRows,
	readProfile,
	type SyncOutcome,
	syncToTarget,
	wantsPurchaseLookup,
} from '../../shared/crmSync';
import { routed, type Routed } from '../../shared/n8n';
import { crmSyncedEvent, recordQuietly } from '../../shared/serviceMetrics';
import { outcomeOf, settled, type Outcome } from '../../shared/outcome';
import type { StateStore } from '../../shared/state';
import { summarise } from '../helpers/purchases';
import { SyncSettingsError, type SyncSettings } from '../helpers/settings';
import * as targets from '../helpers/targets';

/** The batch writer's operations (version 4) use none of the sync's fields but the book. */
const BATCH_OPERATIONS = ['takePendingRows', 'confirmRowsWritten'];
const onlyForSync = (property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: {
		...property.displayOptions,
		hide: { ...property.displayOptions?.hide, operation: BATCH_OPERATIONS },
	},
});

/** Each DM into the customer's profile, and on to the CRM (or out as records, or queued for them). */
const targetFields: INodeProperties[] = [
	{
		displayName: 'Target',
		name: 'target',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Any N8n Node (Outputs Records)',
				value: 'items',
				description:
					"Profile, history and leads as clean fields for n8n's Data Table, Google Sheets, Notion, Postgres…",
			},
			{
				name: 'Feishu Bitable',
				value: 'feishu',
				description: '飞书多维表格: a customers table and a history table',
			},
			{
				name: 'HTTP (In-House CRM)',
				value: 'http',
				description: 'Your own API, with an idempotency header',
			},
			{
				name: 'HubSpot',
				value: 'hubspot',
				description: 'A contact per customer and a note per DM',
			},
		],
		default: 'items',
	},
	{
		displayName: 'Write Rows',
		name: 'writeRows',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { target: ['items'], '@version': [{ _cnd: { gte: 4 } }] } },
		options: [
			{
				name: 'Put Out With Each DM',
				value: 'withEachDm',
				description:
					'Profile, history and lead records on three outputs, for nodes right after this one',
			},
			{
				name: 'Queue for a Batch Writer',
				value: 'queue',
				description:
					'Reply first: the records wait in the state store, exactly once, until "Write Queued Rows" writes many DMs in one go. The DM goes on to Queued.',
			},
		],
		default: 'withEachDm',
	},
];

const bookField: INodeProperties = {
	displayName: 'Customer Book',
	name: 'book',
	type: 'string',
	default: 'default',
	description:
		'Profiles are kept per book in the state store; workflows with the same book share customers',
};

const syncOptions: INodeProperties[] = [
	...targets.hubspot.description,
	...targets.feishu.description,
	...targets.http.description,
	{
		displayName: 'Include Purchase Records',
		name: 'includePurchases',
		type: 'boolean',
		default: false,
		description:
			"Whether to look up the customer's orders of the last 30 days (and any order number in the DM) through Xiaohongshu's e-commerce API and add count, total and the last order to the profile",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				default: 4,
				description: 'Customers synced at once (DMs of one customer always go in order)',
			},
			{
				displayName: 'Mask Contacts in Notes',
				name: 'maskContacts',
				type: 'boolean',
				default: true,
				description:
					'Whether phone numbers and WeChat IDs are masked in history text and notes (lead fields keep them whole)',
			},
			{
				displayName: 'Max Attempts',
				name: 'maxAttempts',
				type: 'number',
				default: 4,
				description: 'Tries per request when the CRM answers 429 or 5xx',
			},
			{
				displayName: 'Retry Base Delay (Ms)',
				name: 'retryBaseDelayMs',
				type: 'number',
				default: 500,
				description:
					'First wait before a retry; it doubles each time (with jitter), unless the CRM says how long in Retry-After',
			},
		],
	},
];

export const description: INodeProperties[] = [
	...targetFields.map(onlyForSync),
	bookField,
	...syncOptions.map(onlyForSync),
];

export interface SyncRun {
	target: string;
	store: StateStore;
	settings: SyncSettings;
	/** None: "Any n8n node", the records go out on three outputs. */
	crm?: CrmTarget;
	ark?: ArkClient;
	/** Version 4, no CRM: the records are queued for the batch writer instead of put out. */
	queue?: boolean;
}

/** With a CRM: what synced, and what failed at the CRM (as data, to be fed back in). */
export const SYNCED = 0;
export const FAILED = 1;
/** Without one: a record per table. */
const PROFILES = 0;
const HISTORY = 1;
const LEADS = 2;
/** Queued for the batch writer: the DM itself goes on. */
const QUEUED = 0;

/** A problem of the item or the node's settings fails the item; a CRM failure never does. */
const isItemProblem = (error: Error) =>
	error instanceof FactsError || error instanceof SyncSettingsError;

/**
 * Every item's outcome. Customers in parallel (bounded), each customer's DMs in order; a CRM
 * failure goes to the Failed output whole, to be fed back into this node later (nothing is
 * written twice on replay).
 */
export async function execute(
	this: IExecuteFunctions,
	run: SyncRun,
): Promise<Array<Outcome<Routed[]>>> {
	const items = this.getInputData();
	const { target, store, settings, crm, ark, queue } = run;
	const options = { maskContacts: settings.maskContacts };

	// Version 3 takes mainland landlines and Hong Kong, Macau, Taiwan, Singapore and Malaysia
	// numbers as phone leads too; workflows built on 1–2 keep mainland mobiles only.
	const phones = this.getNode().typeVersion >= 3 ? 'all' : 'mainland-mobiles';
	const facts = items.map((item) => outcomeOf(() => factsFromItem(item.json, { phones })));
	const results: Array<Outcome<SyncOutcome>> = facts.map((f) =>
		f.ok ? { ok: false, error: new Error('not run') } : f,
	);
	const byCustomer = new Map<string, number[]>();
	facts.forEach((f, i) => {
		if (f.ok) byCustomer.set(f.value.xhsUserId, [...(byCustomer.get(f.value.xhsUserId) ?? []), i]);
	});
	const queues = [...byCustomer.values()];
	const syncOne = async (dm: CustomerFacts): Promise<SyncOutcome> => {
		let purchases: PurchaseSummary | undefined;
		if (ark) {
			const orderIds = findOrderIds(dm.text);
			if (
				wantsPurchaseLookup(await readProfile(store, settings.book, dm.xhsUserId), dm, orderIds)
			) {
				purchases = summarise(
					(await ark.findPurchases({ buyerUserId: dm.xhsUserId, orderIds, days: 30, limit: 10 }))
						.records,
				);
			}
		}
		if (crm) return await syncToTarget(store, settings.book, crm, dm, options, purchases);
		const merged = await mergeDm(store, settings.book, dm, options, purchases);
		// A DM merged before is queued again: its first queueing may be what a crash cut off,
		// and its rows are written by key, so a second copy updates the same rows.
		if (queue)
			await queueRows(store, settings.book, {
				messageId: dm.messageId,
				xhsUserId: dm.xhsUserId,
				history: merged.history,
				leads: merged.leads,
				newCustomer: merged.created,
			});
		return merged;
	};
	const worker = async () => {
		for (let queue = queues.shift(); queue; queue = queues.shift()) {
			for (const i of queue)
				results[i] = await settled(
					async () => await syncOne((facts[i] as { value: CustomerFacts }).value),
				);
		}
	};
	await Promise.all(Array.from({ length: Math.min(settings.concurrency, queues.length) }, worker));

	// The crash recovery tells a DM whose rows are safe from one it must sync again.
	if (crm || queue)
		await recordQuietly(
			store,
			results.flatMap((result, i) => (result.ok ? crmSyncedEvent(items[i].json) : [])),
			(message) => this.logger.warn(message),
		);

	return results.map((result, i): Outcome<Routed[]> => {
		if (result.ok) {
			const { value } = result;
			if (queue)
				return {
					ok: true,
					value: [
						routed(QUEUED, {
							...items[i].json,
							crm: { queued: true, duplicate: value.duplicate, profile: value.record },
						}),
					],
				};
			if (!crm) {
				return {
					ok: true,
					value: [
						routed(PROFILES, { ...value.record, duplicate: value.duplicate }),
						routed(HISTORY, { ...value.history }),
						...value.leads.map((lead) => routed(LEADS, { ...lead })),
					],
				};
			}
			// A replayed item succeeded: its old failure note goes.
			const input = { ...items[i].json };
			delete input.crmSync;
			return {
				ok: true,
				value: [
					routed(SYNCED, {
						...input,
						crm: {
							target,
							customerId: value.customerId,
							historyId: value.historyId,
							duplicate: value.duplicate,
							profile: value.record,
						},
					}),
				],
			};
		}
		if (!crm || isItemProblem(result.error)) return result;
		const error = result.error as Error & { retryable?: boolean; attempts?: number; hint?: string };
		const crmSync = {
			target,
			error: error.message,
			hint: error.hint ?? null,
			retryable: error.retryable ?? false,
			attempts: error.attempts ?? 1,
			failedAt: new Date().toISOString(),
		};
		return { ok: true, value: [routed(FAILED, { ...items[i].json, crmSync })] };
	});
}
