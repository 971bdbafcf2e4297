import type { INodeProperties } from 'n8n-workflow';

const show = { operation: ['recoverDms'] };

export const recoverFields: INodeProperties[] = [
	{
		displayName:
			'Put it in the DM workflow itself, after a Schedule Trigger (every minute), and connect it where the Xiaohongshu Trigger connects. In queue mode a worker that dies takes its running executions with it; this hands their DMs to the flow once more, each at most once. See "Finished When" for what counts as done.',
		name: 'recoverNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Finished When',
		name: 'finishedWhen',
		type: 'options',
		options: [
			{
				name: 'Any Outcome Is Recorded',
				value: 'outcome',
				description: 'A reply sent (or failed for good), an assignment, a queue place, a follow-up, a survey answer or an auto-reply held back. For flows that do not message the customer after assigning.',
			},
			{
				name: 'The Customer Got a Message',
				value: 'customerTold',
				description: 'A reply sent (or failed for good), a follow-up in an open conversation, or a survey answer. For flows that tell the customer who helps or their queue place: a DM assigned but not yet told runs again, and its assignment stands.',
			},
		],
		default: 'outcome',
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
