import type { INodeProperties } from 'n8n-workflow';
import { timeRangeFields } from '../../shared/n8n/timeRangeFields';

const show = { operation: ['report'] };

export const reportFields: INodeProperties[] = [
	...timeRangeFields(show, 'yesterday', 'The report covers conversations that started in this range, with all that is known of them now'),
	{
		displayName: 'Business Hours',
		name: 'businessHours',
		type: 'string',
		default: '',
		placeholder: '周一至周五 9:00-18:00; 周六 10:00-16:00',
		description: 'Human response and resolution times count only these hours (a DM at 23:00 answered at 09:05 waited 5 minutes). Empty: around the clock.',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'reportOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Chart',
				name: 'chart',
				type: 'options',
				options: [
					{ name: 'No Chart', value: 'none' },
					{ name: 'PNG and SVG', value: 'png' },
					{ name: 'SVG Only', value: 'svg' },
				],
				default: 'png',
				description: 'PNG for chat apps and e-mail (English labels), SVG with Chinese labels',
			},
			{
				displayName: 'Chart as Base64 Field',
				name: 'base64Field',
				type: 'boolean',
				default: false,
				description: 'Whether to also put the PNG as base64 with its MD5 in "chartImage" (what a WeCom group robot\'s image message needs)',
			},
			{
				displayName: 'HTML Page',
				name: 'html',
				type: 'boolean',
				default: true,
				description: 'Whether to add the whole report as an HTML page (binary "report"), for e-mail or a webhook answer',
			},
			{
				displayName: 'New Session After Silence (Hours)',
				name: 'idleHours',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 24,
				description: 'A customer who writes again after this long without a close starts a new session',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: 'Xiaohongshu DM service report 小红书私信客服日报',
			},
		],
	},
];
