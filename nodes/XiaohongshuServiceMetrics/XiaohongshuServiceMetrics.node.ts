import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { stateStoreProperty } from '../shared/n8n';
import { description } from './actions';
import { router } from './actions/router';
import { configuredOutputs } from './helpers/outputs';
import { methods } from './methods';

export class XiaohongshuServiceMetrics implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu Service Metrics',
		name: 'xiaohongshuServiceMetrics',
		icon: { light: 'file:../icons/xiaohongshu.svg', dark: 'file:../icons/xiaohongshu.dark.svg' },
		group: ['transform'],
		version: 1,
		defaultVersion: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Service quality of Xiaohongshu DMs: response times, resolution, CSAT surveys, daily reports with a chart, and health alerts',
		defaults: { name: 'Service Metrics' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [
			{
				name: 'xiaohongshuDmApi',
				required: true,
				displayOptions: { show: { operation: ['healthCheck'], checkToken: [true] } },
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
					'The Xiaohongshu nodes record every DM, auto-reply, assignment, agent reply and close into the state store as they run; this node reads them. Use the same state store everywhere.',
				name: 'eventsNotice',
				type: 'notice',
				default: '',
			},
			...description,
			stateStoreProperty,
		],
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
