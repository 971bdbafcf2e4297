import type { INodeProperties } from 'n8n-workflow';

const show = { operation: ['recordEvent'] };

export const recordFields: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'eventType',
		type: 'options',
		options: [
			{ name: 'Agent Reply', value: 'agent_reply' },
			{ name: 'Assigned to an Agent', value: 'assigned' },
			{ name: 'Classified (Keyword Reply Result)', value: 'classified' },
			{ name: 'Closed', value: 'closed' },
			{ name: 'CSAT Score', value: 'csat' },
			{ name: 'Customer Message', value: 'message_in' },
			{ name: 'Queued', value: 'queued' },
			{ name: 'Reply Sent', value: 'reply_sent' },
			{ name: 'Send Failed', value: 'send_failed' },
			{ name: 'Survey Sent', value: 'survey_sent' },
			{ name: 'Transferred', value: 'transferred' },
		],
		default: 'message_in',
		description: 'What happened; the Xiaohongshu nodes record these by themselves, so use this for other channels',
		displayOptions: { show },
	},
	{
		displayName: 'Customer User ID',
		name: 'customerUserId',
		type: 'string',
		default: '={{ $json.customerUserId }}',
		displayOptions: { show },
	},
	{
		displayName: 'Event Fields',
		name: 'eventFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Agent ID', name: 'agentId', type: 'string', default: '' },
			{ displayName: 'Agent Name', name: 'agentName', type: 'string', default: '' },
			{
				displayName: 'By',
				name: 'by',
				type: 'options',
				options: [
					{ name: 'Agent', value: 'agent' },
					{ name: 'Auto-Reply', value: 'auto' },
					{ name: 'Notice', value: 'system' },
					{ name: 'Survey', value: 'survey' },
				],
				default: 'auto',
				description: 'Who a sent message speaks for (Reply Sent, Send Failed)',
			},
			{ displayName: 'Channel', name: 'channel', type: 'string', default: '', placeholder: 'wecom', description: 'Where the DM came from (default xiaohongshu)' },
			{ displayName: 'Message ID', name: 'messageId', type: 'string', default: '' },
			{
				displayName: 'Route',
				name: 'route',
				type: 'options',
				options: [
					{ name: 'Matched (Answered Automatically)', value: 'matched' },
					{ name: 'No Match (to a Human)', value: 'noMatch' },
					{ name: 'Urgent (Fast Lane)', value: 'urgent' },
				],
				default: 'matched',
				description: 'For Classified',
			},
			{ displayName: 'Score (1–5)', name: 'score', type: 'number', typeOptions: { minValue: 1, maxValue: 5 }, default: 5, description: 'For CSAT Score' },
			{ displayName: 'Tags', name: 'tags', type: 'string', default: '', description: 'Question types, comma-separated (for Classified)' },
			{ displayName: 'Text', name: 'text', type: 'string', default: '', description: 'The customer\'s message (contacts are masked before it is stored)' },
			{ displayName: 'Time', name: 'time', type: 'dateTime', default: '', description: 'When it happened; empty: now' },
		],
	},
	{
		displayName: 'Once per Message ID',
		name: 'oncePerMessage',
		type: 'boolean',
		default: false,
		description:
			'Whether an event whose message ID was recorded before goes to "Already Recorded" instead, atomically (for channels that retry their webhooks: the DM is then handled once)',
		displayOptions: { show },
	},
];
