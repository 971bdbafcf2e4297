import type { INodeProperties } from 'n8n-workflow';
import { timeRangeFields } from '../../shared/n8n/timeRangeFields';

const show = { operation: ['findGaps'] };

export const gapFields: INodeProperties[] = [
	...timeRangeFields(show, 'last7Days', 'DMs received in this range, from the events the Xiaohongshu nodes record'),
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: 'Asia/Shanghai',
		description: 'For "yesterday" and "last 7 days"',
		displayOptions: { show },
	},
	{
		displayName: 'Output',
		name: 'gapOutput',
		type: 'options',
		options: [
			{ name: 'One Report', value: 'report', description: 'All groups in one item, with a summary for chat and an HTML table' },
			{ name: 'One Item per Group (Draft FAQ Rows)', value: 'groups', description: 'Each group as a draft FAQ row for an admin to review, e.g. in a Data Table' },
		],
		default: 'report',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'gapOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Max Groups', name: 'maxGroups', type: 'number', typeOptions: { minValue: 1 }, default: 20 },
			{ displayName: 'Min DMs per Group', name: 'minGroupSize', type: 'number', typeOptions: { minValue: 1 }, default: 2, description: 'Smaller groups are left out of the report' },
			{
				displayName: 'Similarity',
				name: 'similarity',
				type: 'number',
				typeOptions: { minValue: 0.05, maxValue: 0.95, numberPrecision: 2 },
				default: 0,
				description: 'How alike DMs must be to share a group (0 uses the tuned default); higher makes smaller, tighter groups',
			},
			{
				displayName: 'Skip DMs the Knowledge Base Answers Now',
				name: 'skipAnswered',
				type: 'boolean',
				default: false,
				description: 'Whether to leave out DMs the current rules or FAQ (Knowledge Base above) would answer today, e.g. gaps already filled since',
			},
		],
	},
];
