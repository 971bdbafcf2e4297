import type { INodeProperties } from 'n8n-workflow';

const show = { operation: ['healthCheck'] };

export const healthFields: INodeProperties[] = [
	{
		displayName:
			'Run it from a Schedule Trigger (every 5 minutes). Output 1: alerts (new, worse, or due again), each with what is wrong and what to do. Output 2: problems that are over.',
		name: 'healthNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Alert If No DM For (Minutes)',
		name: 'maxSilenceMinutes',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 1 },
		default: 0,
		description: '0 learns the usual gap for each hour of the day from the last days of traffic (quiet nights do not alert)',
		displayOptions: { show },
	},
	{
		displayName: 'Check Token and Connection',
		name: 'checkToken',
		type: 'boolean',
		default: false,
		description: 'Whether to obtain a token with the Xiaohongshu credential (refreshing it when due) and warn before the refresh token expires',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'healthOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Baseline (Days)', name: 'baselineDays', type: 'number', typeOptions: { minValue: 1 }, default: 7, description: 'History the learned DM gap uses' },
			{ displayName: 'Max Failed Sends (%)', name: 'maxFailurePercent', type: 'number', typeOptions: { minValue: 0, maxValue: 100 }, default: 10, description: 'Alert above this share of failed sends (at least 3 failures)' },
			{ displayName: 'Max Queue Wait (Minutes)', name: 'maxQueueWaitMinutes', type: 'number', typeOptions: { minValue: 1 }, default: 15 },
			{ displayName: 'Max Sync Delay (Seconds)', name: 'maxSyncDelaySeconds', type: 'number', typeOptions: { minValue: 1 }, default: 120, description: 'From the platform\'s message time to n8n receiving it (p90)' },
			{ displayName: 'Repeat an Alert After (Minutes)', name: 'repeatMinutes', type: 'number', typeOptions: { minValue: 1 }, default: 60, description: 'A problem that lasts is told again after this long; a worse one at once' },
			{ displayName: 'Token Warning (Days)', name: 'tokenExpiryDays', type: 'number', typeOptions: { minValue: 1 }, default: 7, description: 'Warn this many days before the refresh token expires' },
			{ displayName: 'Webhook Limit (Seconds)', name: 'webhookLimitSeconds', type: 'number', typeOptions: { minValue: 1 }, default: 5, description: 'The platform\'s limit for answering a push; warns from 60% of it' },
			{ displayName: 'Window (Minutes)', name: 'windowMinutes', type: 'number', typeOptions: { minValue: 1 }, default: 60, description: 'Recent time the failure rate and latencies are computed over' },
		],
	},
];
