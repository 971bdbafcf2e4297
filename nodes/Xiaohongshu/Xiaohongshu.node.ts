import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { stateStoreProperty } from '../shared/n8n';
import * as account from './actions/account';
import * as material from './actions/material';
import * as message from './actions/message';
import * as note from './actions/note';
import * as quarantine from './actions/quarantine';
import { router } from './actions/router';
import { methods } from './methods';

/**
 * Version 2: the business account and the note are pick lists (resource locators) instead of
 * typed ids; what an operation does is unchanged.
 */
export class Xiaohongshu implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu',
		name: 'xiaohongshu',
		icon: { light: 'file:../icons/xiaohongshu.svg', dark: 'file:../icons/xiaohongshu.dark.svg' },
		group: ['output'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send Xiaohongshu (小红书) direct messages, bind accounts, read notes and materials, replay quarantined pushes',
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
					{
						name: 'Push Quarantine',
						value: 'quarantine',
						description: 'Pushes the trigger could not read, and their replay',
					},
				],
				default: 'message',
			},
			...message.description,
			...account.description,
			...note.description,
			...material.description,
			...quarantine.description,
			stateStoreProperty,
		],
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
