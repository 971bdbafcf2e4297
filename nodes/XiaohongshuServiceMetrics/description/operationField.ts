import type { INodeProperties } from 'n8n-workflow';

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Health Check', value: 'healthCheck', action: 'Check the health of the DM pipeline', description: 'Alerts when DMs stop arriving, sends fail, the webhook is slow, the queue waits or the token expires' },
		{ name: 'Read CSAT Answer', value: 'readAnswer', action: 'Read a satisfaction survey answer', description: 'Turns "5", "五星", "非常满意" or 😊 into a 1–5 score, once per survey; other DMs go on' },
		{ name: 'Record Event', value: 'recordEvent', action: 'Record a service event', description: 'For DMs from other channels, or steps done outside these nodes' },
		{ name: 'Recover Unfinished DMs', value: 'recoverDms', action: 'Recover messages whose execution was cut off', description: 'Queue mode: DMs a dead worker left unfinished go through the flow once more' },
		{ name: 'Report', value: 'report', action: 'Build a service report', description: 'Response times, resolution, auto-reply coverage, backlog and CSAT, with a chart' },
		{ name: 'Start CSAT Survey', value: 'startSurvey', action: 'Start a satisfaction survey', description: 'After a close: the survey text to send, once per conversation' },
	],
	default: 'report',
};

export const timeZoneField: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: 'Asia/Shanghai',
	description: 'For "yesterday", hours of the day and business hours',
	displayOptions: { show: { operation: ['report', 'healthCheck'] } },
};
