import type { INodeProperties } from 'n8n-workflow';

const show = { operation: ['recoverDms'] };

export const recoverFields: INodeProperties[] = [
	{
		displayName:
			'Put it in the DM workflow itself, after a Schedule Trigger (every minute), and connect it where the Xiaohongshu Trigger connects. In queue mode a worker that dies takes its running executions with it; this hands their DMs to the flow once more, each at most once. A DM counts as finished when a Xiaohongshu node replied to it, assigned or queued it, or held its auto-reply back.',
		name: 'recoverNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Recover After (Minutes)',
		name: 'recoverAfterMinutes',
		type: 'number',
		typeOptions: { minValue: 0.5, numberPrecision: 1 },
		default: 3,
		description: 'A DM younger than this may still be running (queue mode at peak: keep it above the longest wait in the queue)',
		displayOptions: { show },
	},
	{
		displayName: 'Look Back (Minutes)',
		name: 'recoverWithinMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'Older unfinished DMs are left to a person (the trigger keeps DMs for 6 hours)',
		displayOptions: { show },
	},
];
