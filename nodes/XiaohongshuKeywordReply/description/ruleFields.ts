import type { INodeProperties } from 'n8n-workflow';

const KEYWORD_HINT = 'Comma-separated. Matching ignores case, full-width, traditional/simplified, spaces, emoji and punctuation.';

export const ruleFields: INodeProperties[] = [
	{
		displayName: 'Rules Source',
		name: 'rulesSource',
		type: 'options',
		options: [
			{ name: 'Defined Below', value: 'ui', description: 'Add rules in this node' },
			{
				name: 'From JSON (Data Table, Sheet, Previous Node)',
				value: 'json',
				description: 'Rows with columns name, priority, any, all, none, regex, requires_tags, sets_tags, lane, replies …',
			},
			{
				name: 'Published (Checked Before Going Live)',
				value: 'published',
				description: 'The rules last published by Xiaohongshu Knowledge Base → Preview Rule Changes, after the golden examples passed',
			},
		],
		default: 'ui',
	},
	{
		displayName: 'Knowledge Base Name',
		name: 'knowledgeBaseName',
		type: 'string',
		default: 'main',
		description: 'The name it was published under (one per brand or account)',
		displayOptions: { show: { rulesSource: ['published'] } },
	},
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Rule',
		default: {},
		displayOptions: { show: { rulesSource: ['ui'] } },
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{ displayName: 'All of These Keywords', name: 'all', type: 'string', default: '', description: KEYWORD_HINT },
					{ displayName: 'Any of These Keywords', name: 'any', type: 'string', default: '', placeholder: '价格, 多少钱, 价钱', description: KEYWORD_HINT },
					{ displayName: 'Cooldown (Minutes)', name: 'cooldownMinutes', type: 'number', default: -1, description: 'Before answering the same customer again with this rule; -1 uses the node option' },
					{ displayName: 'Enabled', name: 'enabled', type: 'boolean', default: true },
					{ displayName: 'Ignore Negated Mentions', name: 'ignoreNegated', type: 'boolean', default: true, description: 'Whether "不需要加急" or "我朋友是律师" should not count as a mention' },
					{
						displayName: 'Lane',
						name: 'lane',
						type: 'options',
						options: [
							{ name: 'Normal', value: 'normal' },
							{ name: 'Urgent Fast Lane (Complaint, Urgent Order)', value: 'urgent' },
						],
						default: 'normal',
					},
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: '问价格', required: true },
					{ displayName: 'None of These Keywords', name: 'none', type: 'string', default: '', description: KEYWORD_HINT },
					{ displayName: 'Out-of-Hours Reply', name: 'outOfHoursReply', type: 'string', typeOptions: { rows: 2 }, default: '' },
					{ displayName: 'Priority', name: 'priority', type: 'number', default: 0, description: 'Higher wins when several rules match' },
					{ displayName: 'Regex', name: 'regex', type: 'string', default: '', placeholder: '/1[3-9]\\d{9}/', description: 'Optional regular expression on the message' },
					{
						displayName: 'Replies',
						name: 'replies',
						type: 'string',
						typeOptions: { rows: 4 },
						default: '',
						placeholder: '亲爱的{{nickname}}，这款面霜 199 元😉\n---\n{{nickname}}您好，面霜现在 199 元哦～',
						description: 'One or more variants, separated by a line with ---; used in turn. {{nickname}} and other item fields are filled in.',
					},
					{ displayName: 'Requires Tags', name: 'requiresTags', type: 'string', default: '', placeholder: '面霜, 价格', description: 'Tags other rules must have set first (multi-level combinations)' },
					{ displayName: 'Sets Tags', name: 'setsTags', type: 'string', default: '', placeholder: '价格', description: 'Tags this rule sets when it matches' },
				],
			},
		],
	},
	{
		displayName: 'Rules (JSON)',
		name: 'rulesJson',
		type: 'json',
		default: '[]',
		placeholder: "={{ $('Rules table').all().map(item => item.json) }}",
		description: 'An array of rule rows, e.g. from n8n\'s Data Table node, so admins change rules without editing the workflow',
		displayOptions: { show: { rulesSource: ['json'] } },
	},
	{
		displayName: 'Product and Brand Names',
		name: 'protectedTerms',
		type: 'string',
		default: '',
		placeholder: '急救精华, 急救面膜',
		description: 'Keywords inside these names do not count (急救精华 is a product, not an emergency)',
	},
];
