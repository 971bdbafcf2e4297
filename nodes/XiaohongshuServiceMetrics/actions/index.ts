import type { INodeProperties } from 'n8n-workflow';
import * as healthCheck from './healthCheck.operation';
import * as readAnswer from './readAnswer.operation';
import * as recordEvent from './recordEvent.operation';
import * as recoverDms from './recoverDms.operation';
import * as report from './report.operation';
import * as startSurvey from './startSurvey.operation';

export { healthCheck, readAnswer, recordEvent, recoverDms, report, startSurvey };

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Health Check',
			value: 'healthCheck',
			action: 'Check the health of the DM pipeline',
			description:
				'Alerts when DMs stop arriving, sends fail, the webhook is slow, the queue waits or the token expires',
		},
		{
			name: 'Read CSAT Answer',
			value: 'readAnswer',
			action: 'Read a satisfaction survey answer',
			description:
				'Turns "5", "五星", "非常满意" or 😊 into a 1–5 score, once per survey; other DMs go on',
		},
		{
			name: 'Record Event',
			value: 'recordEvent',
			action: 'Record a service event',
			description: 'For DMs from other channels, or steps done outside these nodes',
		},
		{
			name: 'Recover Unfinished DMs',
			value: 'recoverDms',
			action: 'Recover messages whose execution was cut off',
			description: 'Queue mode: DMs a dead worker left unfinished go through the flow once more',
		},
		{
			name: 'Report',
			value: 'report',
			action: 'Build a service report',
			description:
				'Response times, resolution, auto-reply coverage, backlog and CSAT, with a chart',
		},
		{
			name: 'Start CSAT Survey',
			value: 'startSurvey',
			action: 'Start a satisfaction survey',
			description: 'After a close: the survey text to send, once per conversation',
		},
	],
	default: 'report',
};

/** The Operation option and each operation's fields, in the order the panel showed them before. */
export const description: INodeProperties[] = [
	operationField,
	...report.description,
	...healthCheck.description,
	...startSurvey.description,
	...readAnswer.description,
	...recordEvent.description,
	...recoverDms.description,
];
