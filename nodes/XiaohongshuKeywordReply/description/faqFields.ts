import type { INodeProperties } from 'n8n-workflow';

export const faqFields: INodeProperties[] = [
	{
		displayName: 'Knowledge Base',
		name: 'faqSource',
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Defined Below', value: 'ui' },
			{ name: 'From JSON (Data Table, Sheet, Previous Node)', value: 'json', description: 'Rows with columns ID, questions, answer, tags' },
			{ name: 'Published (Checked Before Going Live)', value: 'published', description: 'The FAQ published with the rules (Knowledge Base Name above, or "main")' },
		],
		default: 'none',
		description: 'Common questions with answers, used when no keyword rule answers',
	},
	{
		displayName: 'FAQ Entries',
		name: 'faqEntries',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Entry',
		default: {},
		displayOptions: { show: { faqSource: ['ui'] } },
		options: [
			{
				displayName: 'Entry',
				name: 'entry',
				values: [
					{
						displayName: 'Questions',
						name: 'questions',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						placeholder: '保质期多久\n开封后能放多久',
						description: 'Ways customers ask it, one per line',
					},
					{ displayName: 'Answer', name: 'answer', type: 'string', typeOptions: { rows: 3 }, default: '' },
					{ displayName: 'Tags', name: 'tags', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'FAQ (JSON)',
		name: 'faqJson',
		type: 'json',
		default: '[]',
		placeholder: "={{ $('FAQ table').all().map(item => item.json) }}",
		displayOptions: { show: { faqSource: ['json'] } },
	},
];
