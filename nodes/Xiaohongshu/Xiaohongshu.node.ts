import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { xhsClientFor } from '../shared/n8n/clientFor';
import { stateStoreNodeMethods } from '../shared/n8n/stateStoreTest';
import { toNodeError } from '../shared/n8n/nodeErrors';
import { stateStoreProperty } from '../shared/n8n/stateStoreParameter';
import { XhsApiError } from '../shared/xiaohongshu/errorCodes';
import { accountFields, accountOperations, runAccount } from './resources/account';
import { listFields, listItems, listOperations } from './resources/lists';
import { quarantineFields, quarantineOperations, runQuarantine } from './resources/quarantine';
import { messageFields, messageOperations, sendMessage } from './resources/message';

export class Xiaohongshu implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu',
		name: 'xiaohongshu',
		icon: { light: 'file:xiaohongshu.svg', dark: 'file:xiaohongshu.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send Xiaohongshu (小红书) direct messages, bind accounts, read notes and materials, replay quarantined pushes',
		defaults: { name: 'Xiaohongshu' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'xiaohongshuDmApi', required: true },
			{
				name: 'xiaohongshuStateStoreApi',
				required: true,
				displayOptions: { show: { stateStore: ['redis'] } },
				testedBy: 'stateStoreConnectionTest',
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Material', value: 'material' },
					{ name: 'Message', value: 'message' },
					{ name: 'Note', value: 'note' },
					{ name: 'Push Quarantine', value: 'quarantine', description: 'Pushes the trigger could not read, and their replay' },
				],
				default: 'message',
			},
			messageOperations,
			accountOperations,
			listOperations('note'),
			listOperations('material'),
			quarantineOperations,
			...messageFields,
			...accountFields,
			...quarantineFields,
			...listFields('note'),
			...listFields('material'),
			stateStoreProperty,
		],
	};

	methods = stateStoreNodeMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const results: INodeExecutionData[] = [];
		const client = await xhsClientFor(this);
		for (let i = 0; i < items.length; i++) {
			const resource = this.getNodeParameter('resource', i) as string;
			try {
				const out =
					resource === 'message'
						? await sendMessage(this, client, i)
						: resource === 'account'
							? await runAccount(this, client, i)
							: resource === 'quarantine'
								? await runQuarantine(this, client, i)
								: await listItems(this, client, resource as 'note' | 'material', i);
				results.push(...out);
			} catch (error) {
				const nodeError = toNodeError(this.getNode(), error, i);
				if (!this.continueOnFail()) throw nodeError;
				results.push({
					json: {
						error: nodeError.message,
						description: nodeError.description ?? null,
						code: error instanceof XhsApiError ? error.code : null,
					},
					pairedItem: { item: i },
				});
			}
		}
		return [results];
	}
}
