import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
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
 * output 1 the rest: what waits (Assign), or what the operation did. Open Action Link adds
 * Confirm Page (a GET) and Refused; Create Action Link has one output, the item with its link.
 */
const configuredOutputs = (parameters: INodeParameters) => {
	const operation = parameters.operation;
	if (operation === 'createActionLink') return [{ type: 'main', displayName: 'Link' }];
	const outputs = [
		{ type: 'main', displayName: 'Assigned' },
		{
			type: 'main',
			displayName:
				operation === 'assign' || operation === undefined
					? 'Queued'
					: operation === 'getLoad'
						? 'Load'
						: 'Done',
		},
	];
	if (operation === 'openActionLink')
		outputs.push(
			{ type: 'main', displayName: 'Confirm Page' },
			{ type: 'main', displayName: 'Refused' },
		);
	return outputs;
};

/** Making a link uses no roster and no routing options. */
const exceptCreateLink = (fields: INodeProperties[]): INodeProperties[] =>
	fields.map((field) => ({
		...field,
		displayOptions: {
			...field.displayOptions,
			hide: { ...field.displayOptions?.hide, operation: ['createActionLink'] },
		},
	}));

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
			{
				name: 'xiaohongshuLinkSigningApi',
				required: true,
				displayOptions: { show: { operation: ['createActionLink', 'openActionLink'] } },
				testedBy: 'linkSigningSecretTest',
			},
		],
		properties: [
			{
				displayName:
					'Assigned: conversations newly given to an agent, with "assignment.agent" (name, contact) and the reason. The second output: what waits in the queue (Assign) or what the operation did.',
				name: 'outputsNotice',
				type: 'notice',
				default: '',
				displayOptions: { hide: { operation: ['createActionLink', 'openActionLink'] } },
			},
			...operationFields,
			...exceptCreateLink(rosterFields),
			...exceptCreateLink(policyFields),
			stateStoreProperty,
		],
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
