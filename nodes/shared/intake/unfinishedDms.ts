import type { ServiceEvent, ServiceEventType } from '../serviceMetrics/serviceEvent';
import type { IntakeEntry } from './intakeLog';

/**
 * A DM is finished when one of the package's nodes recorded its outcome: a reply sent (or a
 * send that failed for good), an assignment, a place in the queue, a follow-up in an open
 * conversation, a survey answer, or an auto-reply the Keyword Reply held back on purpose
 * (cooldown, daily cap). A DM with none of these, some minutes after it arrived, had its
 * execution cut off.
 *
 * A flow that tells the customer who helps (or their queue place) is finished only with that
 * message: an assignment recorded by a worker that died before the message is not the end.
 */
const OUTCOMES: ReadonlySet<ServiceEventType> = new Set<ServiceEventType>([
	'reply_sent',
	'send_failed',
	'assigned',
	'queued',
	'followup',
	'csat',
]);
const CUSTOMER_TOLD: ReadonlySet<ServiceEventType> = new Set<ServiceEventType>([
	'reply_sent',
	'send_failed',
	'followup',
	'csat',
]);

export type FinishedWhen = 'outcome' | 'customerTold';

export function isOutcome(event: ServiceEvent, finishedWhen: FinishedWhen = 'outcome'): boolean {
	if (finishedWhen === 'customerTold') return CUSTOMER_TOLD.has(event.type);
	if (OUTCOMES.has(event.type)) return true;
	return (
		event.type === 'classified' && typeof event.suppressed === 'string' && event.suppressed !== ''
	);
}

export interface UnfinishedOptions {
	nowMs: number;
	/** A DM younger than this may still be running. */
	graceMs: number;
	/** Older DMs are left alone (an outage is for a person to look at, not to replay). */
	maxAgeMs: number;
	finishedWhen?: FinishedWhen;
}

/** The intake entries in the window with no outcome, oldest first, each message once. */
export function unfinishedDms(
	intake: IntakeEntry[],
	events: ServiceEvent[],
	options: UnfinishedOptions,
): IntakeEntry[] {
	const finished = new Set<string>();
	for (const event of events)
		if (event.messageId && isOutcome(event, options.finishedWhen)) finished.add(event.messageId);
	return oncePerMessage(inWindow(intake, options), (id) => !finished.has(id));
}

/** The entries between the grace period and the look-back, oldest first. */
function inWindow(intake: IntakeEntry[], options: UnfinishedOptions): IntakeEntry[] {
	const from = options.nowMs - options.maxAgeMs;
	const until = options.nowMs - options.graceMs;
	return intake
		.filter((entry) => entry.at >= from && entry.at <= until)
		.sort((a, b) => a.at - b.at);
}

/** The first entry of each message that `wanted` keeps (the trigger may log a DM twice). */
function oncePerMessage(entries: IntakeEntry[], wanted: (messageId: string) => boolean) {
	const seen = new Set<string>();
	return entries.filter((entry) => {
		if (seen.has(entry.messageId) || !wanted(entry.messageId)) return false;
		seen.add(entry.messageId);
		return true;
	});
}

/**
 * With reply first, a DM can be answered and still lack its CRM rows (the worker died between
 * the two). These are the DMs in the window that the customer heard back on, that went through
 * the Keyword Reply (so the flow syncs them), and that CRM Sync never recorded: only their CRM
 * part runs again.
 */
export function unsyncedDms(
	intake: IntakeEntry[],
	events: ServiceEvent[],
	options: UnfinishedOptions,
): IntakeEntry[] {
	const told = new Set<string>();
	const classified = new Set<string>();
	const synced = new Set<string>();
	for (const event of events) {
		if (!event.messageId) continue;
		if (isOutcome(event, 'customerTold')) told.add(event.messageId);
		if (event.type === 'classified') classified.add(event.messageId);
		if (event.type === 'crm_synced') synced.add(event.messageId);
	}
	return oncePerMessage(
		inWindow(intake, options),
		(id) => told.has(id) && classified.has(id) && !synced.has(id),
	);
}
