import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { FieldError, fieldNodeError } from '../shared/n8n/fieldError';
import { toNodeError } from '../shared/n8n/nodeErrors';
import { stateStoreFor, stateStoreProperty } from '../shared/n8n/stateStoreParameter';
import { stateStoreNodeMethods } from '../shared/n8n/stateStoreTest';
import { RuleSetError } from '../shared/matching/rules/ruleModel';
import { settled } from '../shared/outcome';
import { gapFields } from './description/gapFields';
import { operationField } from './description/operationField';
import { previewFields } from './description/previewFields';
import { sourceFields } from './description/sourceFields';
import { suggestFields } from './description/suggestFields';
import { gapItems } from './operations/gaps';
import { FAILED, previewItem } from './operations/preview';
import { suggestItem } from './operations/suggest';

const configuredOutputs = (parameters: INodeParameters) => {
	const names: Record<string, string[]> = {
		suggestReplies: ['Suggestions'],
		findGaps: ['Gaps'],
		previewChanges: ['Passed', 'Failed'],
	};
	return (names[String(parameters.operation ?? 'suggestReplies')] ?? names.suggestReplies).map((displayName) => ({ type: 'main', displayName }));
};

export class XiaohongshuKnowledgeBase implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu Knowledge Base',
		name: 'xiaohongshuKnowledgeBase',
		icon: { light: 'file:xiaohongshu.svg', dark: 'file:xiaohongshu.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Keeps the smart replies improving: reply suggestions for agents, the questions the knowledge base misses, and rule changes checked before they go live',
		defaults: { name: 'Knowledge Base' },
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
		properties: [operationField, ...sourceFields, ...suggestFields, ...gapFields, ...previewFields, stateStoreProperty],
	};

	methods = stateStoreNodeMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		const outputs: INodeExecutionData[][] = configuredOutputs({ operation }).map(() => []);
		const store = await stateStoreFor(this);
		for (let i = 0; i < items.length; i++) {
			const nowMs = Date.now();
			const outcome = await settled(async () => {
				if (operation === 'findGaps') {
					outputs[0].push(...(await gapItems(this, i, store, nowMs)));
				} else if (operation === 'previewChanges') {
					const previewed = await previewItem(this, i, store, nowMs);
					if (previewed) outputs[previewed.output].push(previewed.item);
				} else {
					outputs[0].push(await suggestItem(this, i, store));
				}
			});
			if (outcome.ok) continue;
			const nodeError = nodeErrorFor(this, outcome.error, i);
			if (!this.continueOnFail()) throw nodeError;
			outputs[operation === 'previewChanges' ? FAILED : 0].push({ json: { ...items[i].json, error: nodeError.message }, pairedItem: { item: i } });
		}
		return outputs;
	}
}

function nodeErrorFor(context: IExecuteFunctions, error: Error, i: number) {
	if (error instanceof FieldError) return fieldNodeError(context.getNode(), error, i);
	if (error instanceof RuleSetError) {
		return new NodeOperationError(context.getNode(), `Item ${i}: ${error.message}`, { itemIndex: i, description: 'Fix the named rules; the other rules were fine.' });
	}
	return toNodeError(context.getNode(), error, i);
}
