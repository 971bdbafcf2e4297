import type { INodeProperties } from 'n8n-workflow';
import { sourceFields } from '../helpers/sourceFields';
import * as findGaps from './findGaps.operation';
import * as previewChanges from './previewChanges.operation';
import * as suggestReplies from './suggestReplies.operation';

export { findGaps, previewChanges, suggestReplies };

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Find Knowledge Base Gaps',
			value: 'findGaps',
			action: 'Find questions the knowledge base does not answer',
			description:
				'Groups the DMs that went to humans by similarity, most frequent first, with candidate keywords and a draft FAQ row each',
		},
		{
			name: 'Preview Rule Changes',
			value: 'previewChanges',
			action: 'Preview a change of the rules before it goes live',
			description:
				'Runs the changed rules and FAQ over recent DMs and the golden set; publishes them only when nothing breaks',
		},
		{
			name: 'Suggest Replies',
			value: 'suggestReplies',
			action: 'Suggest replies for a DM',
			description:
				'Agent assist: the best knowledge-base answers with scores and the rules that nearly matched, ready to send',
		},
	],
	default: 'suggestReplies',
};

export const description: INodeProperties[] = [
	operationField,
	...sourceFields,
	...suggestReplies.description,
	...findGaps.description,
	...previewChanges.description,
];
