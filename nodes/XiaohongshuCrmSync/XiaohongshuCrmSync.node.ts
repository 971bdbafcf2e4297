import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { stateStoreProperty } from '../shared/n8n';
import { router } from './actions/router';
import * as pendingRows from './actions/pendingRows.operation';
import * as sync from './actions/sync.operation';
import { methods } from './methods';

/**
 * "Any n8n node" puts out records for three tables (or, queued, the DM itself); the CRMs put out
 * what synced and what failed; the batch writer puts out the queued rows, then its confirmation.
 * Also the description's `outputs` expression (put into it as text): it refers to nothing outside.
 */
const configuredOutputs = (parameters: INodeParameters) => {
	const names =
		parameters.operation === 'takePendingRows'
			? ['New Customers', 'Changed Customers', 'History', 'Leads', 'History Again', 'Leads Again']
			: parameters.operation === 'confirmRowsWritten'
				? ['Confirmed']
				: parameters.target === 'items' || parameters.target === undefined
					? parameters.writeRows === 'queue'
						? ['Queued']
						: ['Profiles', 'History', 'Leads']
					: ['Synced', 'Failed'];
	return names.map((displayName) => ({ type: 'main', displayName }));
};

/**
 * Version 2: the Feishu customers and history tables are pick lists (resource locators) of the
 * Base's tables instead of typed IDs; what the node does is unchanged.
 * Version 3: phone leads beyond mainland mobiles (landlines, Hong Kong, Macau, Taiwan,
 * Singapore, Malaysia, in E.164); mainland mobiles are still written as 11 digits.
 * Version 4: reply first. An Operation field adds the batch writer (Write Queued Rows, Confirm
 * Rows Written), and "Any n8n node" may queue each DM's records for it instead of putting them
 * out; DMs synced to a CRM or queued are recorded for the crash recovery.
 */
export class XiaohongshuCrmSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu CRM Sync',
		name: 'xiaohongshuCrmSync',
		icon: { light: 'file:../icons/xiaohongshu.svg', dark: 'file:../icons/xiaohongshu.dark.svg' },
		group: ['transform'],
		version: [1, 2, 3, 4],
		defaultVersion: 4,
		subtitle:
			'={{$parameter["operation"] === "takePendingRows" ? "write queued rows" : $parameter["operation"] === "confirmRowsWritten" ? "confirm rows written" : "to " + $parameter["target"]}}',
		description: "Keeps each DM customer's profile, history and leads in your CRM, exactly once",
		defaults: { name: 'CRM Sync' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [
			{
				name: 'xiaohongshuHubspotApi',
				required: true,
				displayOptions: { show: { target: ['hubspot'] } },
			},
			{
				name: 'xiaohongshuFeishuApi',
				required: true,
				displayOptions: { show: { target: ['feishu'] } },
			},
			{
				name: 'xiaohongshuArkApi',
				required: true,
				displayOptions: { show: { includePurchases: [true] } },
			},
			{
				name: 'xiaohongshuCrmHttpApi',
				required: true,
				displayOptions: { show: { target: ['http'], httpUseAuth: [true] } },
				testedBy: 'crmHttpHeaderTest',
			},
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
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { '@version': [{ _cnd: { gte: 4 } }] } },
				options: [
					{
						name: 'Sync DMs',
						value: 'sync',
						action: 'Sync each message into its customer profile',
						description: "Merge each DM into its customer's profile and write it to the target",
					},
					{
						name: 'Write Queued Rows',
						value: 'takePendingRows',
						action: 'Take the rows queued for a batch write',
						description:
							'Every DM queued since the last batch, once: a profile row per customer, history and lead rows',
					},
					{
						name: 'Confirm Rows Written',
						value: 'confirmRowsWritten',
						action: 'Confirm the batch of this execution is written',
						description: 'After the nodes that wrote the batch: the next batch starts after it',
					},
				],
				default: 'sync',
			},
			...pendingRows.description,
			...sync.description,
			stateStoreProperty,
		],
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
