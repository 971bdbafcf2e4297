import type { INodeProperties } from 'n8n-workflow';

/** Fields several operations show; each operation adds its own displayOptions. */

/** Report and Health Check. */
export const timeZoneField: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: 'Asia/Shanghai',
	description: 'For "yesterday", hours of the day and business hours',
};

/** Start CSAT Survey, Read CSAT Answer and Record Event. */
export const conversationIdField: INodeProperties = {
	displayName: 'Conversation ID',
	name: 'conversationId',
	type: 'string',
	default: '={{ $json.conversationId }}',
	required: true,
};

/** Start CSAT Survey and Read CSAT Answer. */
export const surveyOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'surveyOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Answer Window (Hours)',
			name: 'windowHours',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 24,
			description: 'How long after the survey an answer still counts (Start CSAT Survey)',
		},
		{
			displayName: 'Min Days Between Surveys',
			name: 'cooldownDays',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Ask one customer at most once in this many days (0: after every close)',
		},
	],
};
