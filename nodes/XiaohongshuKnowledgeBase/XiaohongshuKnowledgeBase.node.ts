import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { chatModelInput, stateStoreProperty } from '../shared/n8n';
import { description as operations } from './actions';
import { router } from './actions/router';
import { configuredOutputs } from './helpers/outputs';
import { methods } from './methods';

/**
 * Version 2: the knowledge base name is a pick list of the published knowledge bases (or a
 * name typed in); what an operation does is unchanged.
 */
export class XiaohongshuKnowledgeBase implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu Knowledge Base',
		name: 'xiaohongshuKnowledgeBase',
		icon: { light: 'file:../icons/xiaohongshu.svg', dark: 'file:../icons/xiaohongshu.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Keeps the smart replies improving: reply suggestions for agents, the questions the knowledge base misses, and rule changes checked before they go live',
		defaults: { name: 'Knowledge Base' },
		usableAsTool: true,
		// Optional: Preview Rule Changes shows what a connected Chat Model would answer.
		inputs: [NodeConnectionTypes.Main, chatModelInput],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [
			{
				name: 'xiaohongshuStateStoreApi',
				required: true,
				displayOptions: { show: { stateStore: ['redis'] } },
				testedBy: 'stateStoreConnectionTest',
			},
		],
		properties: [...operations, stateStoreProperty],
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
