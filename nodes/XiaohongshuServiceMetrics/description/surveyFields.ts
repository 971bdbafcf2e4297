import type { INodeProperties } from 'n8n-workflow';

const survey = { operation: ['startSurvey', 'readAnswer'] };

export const surveyFields: INodeProperties[] = [
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '={{ $json.conversationId }}',
		required: true,
		displayOptions: { show: { operation: ['startSurvey', 'readAnswer', 'recordEvent'] } },
	},
	{
		displayName: 'Survey Message',
		name: 'surveyText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '{nickname}您好，本次服务是否满意？请回复 1-5 分（5 = 非常满意 😊，1 = 很不满意）',
		description: 'Sent after the close. {nickname} and {agent} are filled in.',
		displayOptions: { show: { operation: ['startSurvey'] } },
	},
	{
		displayName: 'Message',
		name: 'text',
		type: 'string',
		default: '={{ $json.text }}',
		description: 'The customer\'s DM that may answer the survey',
		displayOptions: { show: { operation: ['readAnswer'] } },
	},
	{
		displayName: 'Thank-You Message',
		name: 'thankYouText',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '谢谢{nickname}的评价 {stars}！我们会继续努力 💪',
		description: '{score}, {stars}, {nickname} and {agent} are filled in. Low scores (1–2) are flagged in "csat.low" so a supervisor can follow up.',
		displayOptions: { show: { operation: ['readAnswer'] } },
	},
	{
		displayName: 'Options',
		name: 'surveyOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: survey },
		options: [
			{ displayName: 'Answer Window (Hours)', name: 'windowHours', type: 'number', typeOptions: { minValue: 1 }, default: 24, description: 'How long after the survey an answer still counts (Start CSAT Survey)' },
			{ displayName: 'Min Days Between Surveys', name: 'cooldownDays', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Ask one customer at most once in this many days (0: after every close)' },
		],
	},
];
