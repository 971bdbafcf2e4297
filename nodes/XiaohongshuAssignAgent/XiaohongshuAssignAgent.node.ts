import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { stateStoreProperty } from '../shared/n8n';
import { description as operationFields } from './actions';
import { router } from './actions/router';
import { policyFields } from './helpers/policyFields';
import { rosterFields } from './helpers/rosterFields';
import { methods } from './methods';

/**
 * Output 0 always carries conversations newly given to an agent (ready for "notify the agent");
 * output 1 the rest: what waits (Assign), or what the operation did.
 */
const configuredOutputs = (parameters: INodeParameters) => [
	{ type: 'main', displayName: 'Assigned' },
	{
		type: 'main',
		displayName:
			parameters.operation === 'assign' || parameters.operation === undefined
				? 'Queued'
				: parameters.operation === 'getLoad'
					? 'Load'
					: 'Done',
	},
];

/**
 * Version 2: the desk and the agent IDs are pick lists (resource locators) instead of typed
 * text; what an operation does is unchanged.
 */
export class XiaohongshuAssignAgent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu Assign Agent',
		name: 'xiaohongshuAssignAgent',
		icon: { light: 'file:../icons/xiaohongshu.svg', dark: 'file:../icons/xiaohongshu.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{$parameter["operation"] + " · desk " + ($parameter["desk"].value || $parameter["desk"])}}',
		description:
			'Routes DM conversations to human agents by skill, load, status and priority, with a waiting queue',
		defaults: { name: 'Assign Agent' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [
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
					'Assigned: conversations newly given to an agent, with "assignment.agent" (name, contact) and the reason. The second output: what waits in the queue (Assign) or what the operation did.',
				name: 'outputsNotice',
				type: 'notice',
				default: '',
			},
			...operationFields,
			...rosterFields,
			...policyFields,
			stateStoreProperty,
		],
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
