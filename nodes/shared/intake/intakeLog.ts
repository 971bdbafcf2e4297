import type { StateStore } from '../state/StateStore';

/**
 * The DMs a trigger started executions for, kept for a few hours with the whole item. In n8n's
 * queue mode a worker that dies takes its running executions with it, and n8n keeps nothing of
 * their input that could run them again (the push was answered, so the platform will not
 * resend it either). From this log, "Recover Unfinished DMs" can start them once more.
 */
export const INTAKE_RETENTION_MS = 6 * 3_600_000;

export function intakeStream(workflowId: string): string {
	return `intake:${workflowId}`;
}

export interface IntakeEntry {
	/** When the trigger received the DM (epoch ms). */
	at: number;
	messageId: string;
	item: Record<string, unknown>;
}

export async function recordIntake(
	store: StateStore,
	workflowId: string,
	item: Record<string, unknown>,
	atMs: number,
): Promise<void> {
	const messageId = typeof item.messageId === 'string' ? item.messageId : '';
	if (!messageId) return;
	const entry: IntakeEntry = { at: atMs, messageId, item };
	await store.append(intakeStream(workflowId), JSON.stringify(entry), {
		retentionMs: INTAKE_RETENTION_MS,
	});
}

export async function readIntake(
	store: StateStore,
	workflowId: string,
	sinceMs: number,
	untilMs: number,
): Promise<IntakeEntry[]> {
	const entries = await store.readStream(intakeStream(workflowId), { sinceMs, untilMs });
	const out: IntakeEntry[] = [];
	for (const entry of entries) {
		try {
			const parsed = JSON.parse(entry.value) as IntakeEntry;
			if (
				parsed &&
				typeof parsed.messageId === 'string' &&
				Number.isFinite(parsed.at) &&
				parsed.item
			)
				out.push(parsed);
		} catch {
			// A damaged entry is one DM this log cannot recover; the others still can be.
		}
	}
	return out;
}
