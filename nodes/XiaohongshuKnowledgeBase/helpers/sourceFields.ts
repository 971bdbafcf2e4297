import type { INodeProperties } from 'n8n-workflow';
import { knowledgeBaseNameFields } from '../../shared/n8n';

const show = { operation: ['suggestReplies', 'findGaps'] };

/**
 * Where Suggest Replies (and Find Gaps' "skip answered") read the knowledge base from, and the
 * name every operation reads or publishes under.
 */
export const sourceFields: INodeProperties[] = [
	{
		displayName: 'Knowledge Base',
		name: 'knowledgeSource',
		type: 'options',
		options: [
			{
				name: 'Published (What the Keyword Reply Uses)',
				value: 'published',
				description: 'The rules and FAQ last published by Preview Rule Changes',
			},
			{
				name: 'From JSON (Data Table, Sheet, Previous Node)',
				value: 'json',
				description: 'Rule rows and FAQ rows given below',
			},
		],
		default: 'published',
		displayOptions: { show },
	},
	...knowledgeBaseNameFields('The name it is published under (one per brand or account)'),
	{
		displayName: 'Rules (JSON)',
		name: 'rulesJson',
		type: 'json',
		default: '[]',
		placeholder: "={{ $('Rules table').all().map(item => item.json) }}",
		description:
			'Rule rows: name, priority, any, all, none, regex, requires_tags, sets_tags, lane, replies …',
		displayOptions: { show: { ...show, knowledgeSource: ['json'] } },
	},
	{
		displayName: 'FAQ (JSON)',
		name: 'faqJson',
		type: 'json',
		default: '[]',
		placeholder: "={{ $('FAQ table').all().map(item => item.json) }}",
		description: 'FAQ rows: ID, questions (one per line), answer, tags',
		displayOptions: { show: { ...show, knowledgeSource: ['json'] } },
	},
	{
		displayName: 'Product and Brand Names',
		name: 'protectedTerms',
		type: 'string',
		default: '',
		placeholder: '急救精华, 急救面膜',
		displayOptions: { show: { ...show, knowledgeSource: ['json'] } },
	},
	{
		displayName: 'Synonyms (JSON)',
		name: 'synonymsJson',
		type: 'json',
		default: '[]',
		placeholder: "={{ $('Synonyms table').all().map(item => item.json) }}",
		description:
			"Synonym rows: words (the customers' words), means (the word the rules and FAQ use)",
		displayOptions: { show: { ...show, knowledgeSource: ['json'] } },
	},
];
