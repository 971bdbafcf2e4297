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
import * as sync from './actions/sync.operation';
import { methods } from './methods';

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

/**
 * Version 2: the Feishu customers and history tables are pick lists (resource locators) of the
 * Base's tables instead of typed IDs; what the node does is unchanged.
 * Version 3: phone leads beyond mainland mobiles (landlines, Hong Kong, Macau, Taiwan,
 * Singapore, Malaysia, in E.164); mainland mobiles are still written as 11 digits.
 */
export class XiaohongshuCrmSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu CRM Sync',
		name: 'xiaohongshuCrmSync',
		icon: { light: 'file:../icons/xiaohongshu.svg', dark: 'file:../icons/xiaohongshu.dark.svg' },
		group: ['transform'],
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: '={{"to " + $parameter["target"]}}',
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
			...sync.description,
			stateStoreProperty,
		],
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
