import type { StateStore } from '../../shared/state';
import {
	claimReplay,
	credentialSecrets,
	findQuarantined,
	kindFromPath,
	openQuarantined,
	QUARANTINE_LIMITS,
	releaseReplay,
	verifyReplay,
	type XhsAppConfig,
} from '../../shared/xiaohongshu';
import { decidePush, type PushDecision, type PushSettings } from './pushHandling';

/**
 * A replay of a quarantined push (spec §0 point 3): the push comes from the store, goes
 * through the normal path with the credential as it is now, and counts once. A replay that
 * still cannot be read gives its claim back, so a later fix can replay it again.
 */
export type ReplayAnswer =
	| { status: 401 | 404; body: { success: false; msg: string } }
	| { status: 200; body: Record<string, unknown>; decision?: PushDecision };

export async function replayQuarantined(
	id: string,
	signature: string | undefined,
	config: XhsAppConfig,
	settings: PushSettings,
	store: StateStore,
	nowMs: number,
): Promise<ReplayAnswer> {
	if (!verifyReplay(config.appSecret, id, signature))
		return { status: 401, body: { success: false, msg: 'replay signature does not match' } };
	const entry = await findQuarantined(store, id);
	const sealed = entry && (await openQuarantined(store, id, credentialSecrets(config)));
	if (!entry || !sealed) {
		return {
			status: 404,
			body: {
				success: false,
				msg: 'not in quarantine (expired, too large to keep, or sealed under secrets this credential no longer has)',
			},
		};
	}
	if (!(await claimReplay(store, id, nowMs)))
		return { status: 200, body: { success: true, replayed: false, reason: 'already replayed' } };
	const push = {
		rawBody: sealed.rawBody,
		headers: {},
		nowMs,
		pathKind: kindFromPath(entry.pathSuffix),
	};
	// The push passed the signature check when it arrived; it is not signed for now. Its
	// message id is remembered as long as quarantined copies of it may still be replayed.
	const replaySettings = {
		...settings,
		mode: 'none' as const,
		record: false,
		dedupTtlMs: Math.max(settings.dedupTtlMs, QUARANTINE_LIMITS.retentionMs),
	};
	let decision: PushDecision | undefined;
	try {
		decision = await decidePush(push, config, replaySettings, store);
	} finally {
		// A store failure mid-way (the error goes on to n8n): the push was not handled, so it may be replayed again.
		if (!decision) await releaseReplay(store, id).catch(() => undefined);
	}
	if (decision.respond === 'unreadable') {
		await releaseReplay(store, id);
		return {
			status: 200,
			body: {
				success: false,
				replayed: false,
				reason: decision.reason,
				hint: decision.hint,
				setting: decision.setting,
			},
		};
	}
	const skipped = decision.respond === 'ack' ? decision.skipped : undefined;
	return {
		status: 200,
		body: { success: true, replayed: true, ...(skipped ? { skipped } : {}) },
		decision,
	};
}
