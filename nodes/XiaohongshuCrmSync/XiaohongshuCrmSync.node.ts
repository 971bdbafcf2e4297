import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { factsFromItem, FactsError } from '../shared/crm/customerFacts';
import { mergeDm, readProfile, syncToTarget, wantsPurchaseLookup, type SyncOutcome } from '../shared/crm/crmSync';
import type { CustomerFacts, PurchaseSummary } from '../shared/crm/customerProfile';
import { outcomeOf, settled, type Outcome } from '../shared/outcome';
import { findOrderIds } from '../shared/ark';
import { stateStoreFor, stateStoreProperty } from '../shared/n8n/stateStoreParameter';
import { stateStoreNodeMethods } from '../shared/n8n/stateStoreTest';
import { arkFor, settingsFor, summarise, SyncSettingsError, targetFor } from './crmSyncInputs';
import { optionFields, targetFields } from './description/targetFields';

/** "Any n8n node" puts out records for three tables; the CRMs put out what synced and what failed. */
const configuredOutputs = (parameters: INodeParameters) =>
	parameters.target === 'items' || parameters.target === undefined
		? [
				{ type: 'main', displayName: 'Profiles' },
				{ type: 'main', displayName: 'History' },
				{ type: 'main', displayName: 'Leads' },
			]
		: [
				{ type: 'main', displayName: 'Synced' },
				{ type: 'main', displayName: 'Failed' },
			];

export class XiaohongshuCrmSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu CRM Sync',
		name: 'xiaohongshuCrmSync',
		icon: { light: 'file:xiaohongshu.svg', dark: 'file:xiaohongshu.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{"to " + $parameter["target"]}}',
		description: 'Keeps each DM customer\'s profile, history and leads in your CRM, exactly once',
		defaults: { name: 'CRM Sync' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [
			{ name: 'xiaohongshuHubspotApi', required: true, displayOptions: { show: { target: ['hubspot'] } } },
			{ name: 'xiaohongshuFeishuApi', required: true, displayOptions: { show: { target: ['feishu'] } } },
			{ name: 'xiaohongshuArkApi', required: true, displayOptions: { show: { includePurchases: [true] } } },
			{ name: 'xiaohongshuCrmHttpApi', required: true, displayOptions: { show: { target: ['http'], httpUseAuth: [true] } }, testedBy: 'crmHttpHeaderTest' },
			{
				name: 'xiaohongshuStateStoreApi',
				required: true,
				displayOptions: { show: { stateStore: ['redis'] } },
				testedBy: 'stateStoreConnectionTest',
			},
		],
		properties: [
			{
				displayName:
					'Reads the DM items of this package (trigger, Keyword Reply, Assign Agent, lead forms). Profiles are merged in the state store, so a DM synced twice counts once. Failed items carry everything to replay them: feed them back into this node.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...targetFields,
			...optionFields,
			stateStoreProperty,
		],
	};

	methods = {
		credentialTest: {
			...stateStoreNodeMethods.credentialTest,
			/** The CRM's address is per node, so the credential can only be checked for shape. */
			async crmHttpHeaderTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const name = String(credential.data?.headerName ?? '');
				if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return { status: 'Error', message: `"${name}" is not a valid HTTP header name` };
				if (!String(credential.data?.secretValue ?? '')) return { status: 'Error', message: 'The header value is empty' };
				return { status: 'OK', message: 'The header is well-formed; the CRM is checked when the node runs' };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const target = this.getNodeParameter('target', 0) as string;
		const store = await stateStoreFor(this);
		const settings = settingsFor(this);
		const crm = target === 'items' ? undefined : await targetFor(this, target, store, settings);
		const ark = this.getNodeParameter('includePurchases', 0, false) === true ? await arkFor(this) : undefined;
		const options = { maskContacts: settings.maskContacts };

		// Customers in parallel (bounded), each customer's DMs in order.
		const facts = items.map((item) => outcomeOf(() => factsFromItem(item.json)));
		const results: Array<Outcome<SyncOutcome>> = facts.map((f) => (f.ok ? { ok: false, error: new Error('not run') } : f));
		const byCustomer = new Map<string, number[]>();
		facts.forEach((f, i) => {
			if (f.ok) byCustomer.set(f.value.xhsUserId, [...(byCustomer.get(f.value.xhsUserId) ?? []), i]);
		});
		const queues = [...byCustomer.values()];
		const syncOne = async (dm: CustomerFacts): Promise<SyncOutcome> => {
			let purchases: PurchaseSummary | undefined;
			if (ark) {
				const orderIds = findOrderIds(dm.text);
				if (wantsPurchaseLookup(await readProfile(store, settings.book, dm.xhsUserId), dm, orderIds)) {
					purchases = summarise((await ark.findPurchases({ buyerUserId: dm.xhsUserId, orderIds, days: 30, limit: 10 })).records);
				}
			}
			return crm ? await syncToTarget(store, settings.book, crm, dm, options, purchases) : await mergeDm(store, settings.book, dm, options, purchases);
		};
		const worker = async () => {
			for (let queue = queues.shift(); queue; queue = queues.shift()) {
				for (const i of queue) results[i] = await settled(async () => await syncOne((facts[i] as { value: CustomerFacts }).value));
			}
		};
		await Promise.all(Array.from({ length: Math.min(settings.concurrency, queues.length) }, worker));

		const outputs: INodeExecutionData[][] = crm ? [[], []] : [[], [], []];
		for (let i = 0; i < items.length; i++) {
			const result = results[i];
			const pairedItem = { item: i };
			if (result.ok) {
				const { value } = result;
				if (crm) {
					// A replayed item succeeded: its old failure note goes.
					const input = { ...items[i].json };
					delete input.crmSync;
					outputs[0].push({ json: { ...input, crm: { target, customerId: value.customerId, historyId: value.historyId, duplicate: value.duplicate, profile: value.record } }, pairedItem });
				} else {
					outputs[0].push({ json: { ...value.record, duplicate: value.duplicate }, pairedItem });
					outputs[1].push({ json: { ...value.history }, pairedItem });
					for (const lead of value.leads) outputs[2].push({ json: { ...lead }, pairedItem });
				}
				continue;
			}
			const itemProblem = result.error instanceof FactsError || result.error instanceof SyncSettingsError;
			const error = result.error as Error & { retryable?: boolean; attempts?: number; field?: string; hint?: string };
			const message = `Item ${i}: ${error.message}${error.field ? ` (field "${error.field}")` : ''}`;
			if (!crm || itemProblem) {
				const nodeError = new NodeOperationError(this.getNode(), message, { itemIndex: i, description: error.hint });
				if (!this.continueOnFail()) throw nodeError;
				outputs[crm ? 1 : 0].push({ json: { ...items[i].json, error: nodeError.message }, pairedItem });
				continue;
			}
			// A CRM failure never stops the other items: this one waits on the Failed output,
			// whole, to be fed back into this node later (nothing is written twice on replay).
			outputs[1].push({
				json: {
					...items[i].json,
					crmSync: { target, error: error.message, hint: error.hint ?? null, retryable: error.retryable ?? false, attempts: error.attempts ?? 1, failedAt: new Date().toISOString() },
				},
				pairedItem,
			});
		}
		return outputs;
	}
}
