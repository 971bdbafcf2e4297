import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { readIntake } from '../../shared/intake/intakeLog';
import { unfinishedDms } from '../../shared/intake/unfinishedDms';
import { EventLog } from '../../shared/metrics/eventLog';
import type { StateStore } from '../../shared/state/StateStore';
import { FieldError } from '../../shared/n8n/fieldError';

const MINUTE = 60_000;

function minutes(context: IExecuteFunctions, name: string, label: string, i: number, fallback: number): number {
	const value = Number(context.getNodeParameter(name, i, fallback));
	if (!Number.isFinite(value) || value <= 0) throw new FieldError(`"${String(value)}" is not a number of minutes above 0`, label);
	return value;
}

/**
 * The DMs this workflow's trigger received that no node finished (see unfinishedDms), each
 * handed out once: the claim makes two overlapping runs, or two n8n processes, share them.
 */
export async function recoverUnfinishedDms(context: IExecuteFunctions, i: number, store: StateStore, nowMs: number): Promise<INodeExecutionData[]> {
	const graceMs = minutes(context, 'recoverAfterMinutes', 'Recover After (Minutes)', i, 3) * MINUTE;
	const maxAgeMs = minutes(context, 'recoverWithinMinutes', 'Look Back (Minutes)', i, 60) * MINUTE;
	if (maxAgeMs <= graceMs) throw new FieldError('must be longer than "Recover After (Minutes)"', 'Look Back (Minutes)');
	const workflowId = context.getWorkflow().id ?? 'workflow';
	const sinceMs = nowMs - maxAgeMs;
	const [intake, events] = await Promise.all([
		readIntake(store, workflowId, sinceMs, nowMs - graceMs + 1),
		new EventLog(store).read({ sinceMs, untilMs: nowMs + 1 }),
	]);
	const finishedWhen = context.getNodeParameter('finishedWhen', i, 'outcome') === 'customerTold' ? 'customerTold' : 'outcome';
	const candidates = unfinishedDms(intake, events, { nowMs, graceMs, maxAgeMs, finishedWhen });
	const out: INodeExecutionData[] = [];
	for (const entry of candidates) {
		// Once per DM: a run cut off again is for a person to look at, not to loop on.
		const claimed = await store.claim(`seen:recover:${workflowId}:${entry.messageId}`, String(nowMs), maxAgeMs + 60 * MINUTE);
		if (!claimed) continue;
		out.push({ json: { ...entry.item, recovered: { receivedAt: new Date(entry.at).toISOString(), minutesLate: Math.round((nowMs - entry.at) / MINUTE) } }, pairedItem: { item: i } });
	}
	return out;
}
