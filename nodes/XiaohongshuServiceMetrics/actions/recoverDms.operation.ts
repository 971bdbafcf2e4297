import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import {
	claimRecovery,
	type IntakeEntry,
	readIntake,
	unfinishedDms,
	unsyncedDms,
} from '../../shared/intake';
import { EventLog } from '../../shared/serviceMetrics';
import { FieldError, routed, type Routed } from '../../shared/n8n';
import type { StateStore } from '../../shared/state';

const properties: INodeProperties[] = [
	{
		displayName:
			'Put it in the DM workflow itself, after a Schedule Trigger (every minute), and connect it where the Xiaohongshu Trigger connects. In queue mode a worker that dies takes its running executions with it; this hands their DMs to the flow once more, each at most once. See "Finished When" for what counts as done.',
		name: 'recoverNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Finished When',
		name: 'finishedWhen',
		type: 'options',
		options: [
			{
				name: 'Any Outcome Is Recorded',
				value: 'outcome',
				description:
					'A reply sent (or failed for good), an assignment, a queue place, a follow-up, a survey answer or an auto-reply held back. For flows that do not message the customer after assigning.',
			},
			{
				name: 'The Customer Got a Message',
				value: 'customerTold',
				description:
					'A reply sent (or failed for good), a follow-up in an open conversation, or a survey answer. For flows that tell the customer who helps or their queue place: a DM assigned but not yet told runs again, and its assignment stands.',
			},
		],
		default: 'outcome',
	},
	{
		displayName: 'Recover After (Minutes)',
		name: 'recoverAfterMinutes',
		type: 'number',
		typeOptions: { minValue: 0.5, numberPrecision: 1 },
		default: 3,
		description:
			'A DM younger than this may still be running (queue mode at peak: keep it above the longest wait in the queue)',
	},
	{
		displayName: 'Look Back (Minutes)',
		name: 'recoverWithinMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'Older unfinished DMs are left to a person (the trigger keeps DMs for 6 hours)',
	},
	{
		displayName: 'Recover CRM Sync Separately',
		name: 'recoverCrmSync',
		type: 'boolean',
		default: false,
		description:
			'Whether DMs that were answered but never reached CRM Sync (the worker died between the reply and the sync) go to a second output, CRM Not Synced: connect it to CRM Sync alone. For flows that reply first; each such DM once.',
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['recoverDms'] } },
	properties,
);

const MINUTE = 60_000;

function minutes(
	context: IExecuteFunctions,
	name: string,
	label: string,
	i: number,
	fallback: number,
): number {
	const value = Number(context.getNodeParameter(name, i, fallback));
	if (!Number.isFinite(value) || value <= 0)
		throw new FieldError(`"${String(value)}" is not a number of minutes above 0`, label);
	return value;
}

/**
 * The DMs this workflow's trigger received that no node finished (see unfinishedDms), each
 * handed out once: the claim makes two overlapping runs, or two n8n processes, share them.
 */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	store: StateStore,
	nowMs: number,
): Promise<Routed[]> {
	const graceMs = minutes(this, 'recoverAfterMinutes', 'Recover After (Minutes)', i, 3) * MINUTE;
	const maxAgeMs = minutes(this, 'recoverWithinMinutes', 'Look Back (Minutes)', i, 60) * MINUTE;
	if (maxAgeMs <= graceMs)
		throw new FieldError('must be longer than "Recover After (Minutes)"', 'Look Back (Minutes)');
	const workflowId = this.getWorkflow().id ?? 'workflow';
	const sinceMs = nowMs - maxAgeMs;
	const [intake, events] = await Promise.all([
		readIntake(store, workflowId, sinceMs, nowMs - graceMs + 1),
		new EventLog(store).read({ sinceMs, untilMs: nowMs + 1 }),
	]);
	const finishedWhen =
		this.getNodeParameter('finishedWhen', i, 'outcome') === 'customerTold'
			? 'customerTold'
			: 'outcome';
	const window = { nowMs, graceMs, maxAgeMs, finishedWhen } as const;
	const out: Routed[] = [];
	// Each DM handed out once per output: the claim makes overlapping runs share them.
	const handOut = async (entries: IntakeEntry[], output: number, only?: 'crmSync') => {
		for (const entry of entries) {
			const key = only ? `${entry.messageId}:crm` : entry.messageId;
			if (!(await claimRecovery(store, workflowId, key, nowMs, maxAgeMs + 60 * MINUTE))) continue;
			const recovered = {
				receivedAt: new Date(entry.at).toISOString(),
				minutesLate: Math.round((nowMs - entry.at) / MINUTE),
				...(only ? { only } : {}),
			};
			out.push(routed(output, { ...(entry.item as IDataObject), recovered }));
		}
	};
	await handOut(unfinishedDms(intake, events, window), 0);
	if (this.getNodeParameter('recoverCrmSync', i, false) === true)
		await handOut(unsyncedDms(intake, events, window), 1, 'crmSync');
	return out;
}
