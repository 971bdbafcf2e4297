import type { INodeProperties } from 'n8n-workflow';

const show = { operation: ['suggestReplies'] };

export const suggestFields: INodeProperties[] = [
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '={{ $json.text }}',
		description: 'The customer\'s DM; the item\'s other fields (nickname …) fill the replies\' placeholders',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'suggestOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Auto-Reply Threshold',
				name: 'faqThreshold',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.5,
				description: 'The Keyword Reply\'s threshold, to mark which suggestion it would have sent by itself',
			},
			{
				displayName: 'Lowest Score Shown',
				name: 'minScore',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.3,
				description: 'Lower than the auto-reply threshold: an agent reads a suggestion before sending it',
			},
			{ displayName: 'Near Misses', name: 'nearMisses', type: 'number', default: 3, description: 'How many rules that nearly matched to show' },
			{ displayName: 'Suggestions', name: 'topK', type: 'number', typeOptions: { minValue: 1 }, default: 3, description: 'How many knowledge-base answers' },
		],
	},
];
