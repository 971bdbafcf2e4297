import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { chatModelInput, stateStoreProperty } from '../shared/n8n';
import * as reply from './actions/reply.operation';
import { router } from './actions/router';
import { methods } from './methods';

/**
 * Version 2: the knowledge base name is a pick list of the published knowledge bases (or a
 * name typed in); how a DM is answered is unchanged.
 */
export class XiaohongshuKeywordReply implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu Keyword Reply',
		name: 'xiaohongshuKeywordReply',
		icon: { light: 'file:../icons/xiaohongshu.svg', dark: 'file:../icons/xiaohongshu.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{$parameter["rulesSource"] === "json" ? "rules from JSON" : $parameter["rulesSource"] === "published" ? "published rules" : "rules in node"}}',
		description:
			'Answers DMs from keyword rules and a knowledge base; routes complaints and urgent orders to a fast lane and the rest to humans',
		defaults: { name: 'Keyword Reply' },
		usableAsTool: true,
		// The Chat Model input is optional: nothing connected, every version decides as before.
		inputs: [NodeConnectionTypes.Main, chatModelInput],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Matched', 'Urgent', 'No Match'],
		credentials: [
			{
				name: 'xiaohongshuStateStoreApi',
				required: true,
				displayOptions: { show: { stateStore: ['redis'] } },
				testedBy: 'stateStoreConnectionTest',
			},
		],
		properties: [...reply.description, stateStoreProperty],
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
