import type { StateStore } from '../shared/state/StateStore';
import type { XhsAppConfig } from '../shared/xiaohongshu/appConfig';
import { kindFromPath } from '../shared/xiaohongshu/pushKinds';
import { claimReplay, findQuarantined, openQuarantinedBody, releaseReplay } from '../shared/xiaohongshu/pushQuarantine';
import { verifyReplay } from '../shared/xiaohongshu/replaySignature';
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
	if (!verifyReplay(config.appSecret, id, signature)) return { status: 401, body: { success: false, msg: 'replay signature does not match' } };
	const entry = await findQuarantined(store, id);
	const rawBody = entry && (await openQuarantinedBody(store, id, config.appSecret));
	if (!entry || rawBody === undefined) {
		return { status: 404, body: { success: false, msg: 'not in quarantine (expired, too large to keep, or sealed under another app secret)' } };
	}
	if (!(await claimReplay(store, id, nowMs))) return { status: 200, body: { success: true, replayed: false, reason: 'already replayed' } };
	const push = { rawBody, headers: {}, nowMs, pathKind: kindFromPath(entry.pathSuffix) };
	// The push passed the signature check when it arrived; it is not signed for now.
	const decision = await decidePush(push, config, { ...settings, mode: 'none', record: false }, store);
	if (decision.respond === 'unreadable') {
		await releaseReplay(store, id);
		return { status: 200, body: { success: false, replayed: false, reason: decision.reason, hint: decision.hint, setting: decision.setting } };
	}
	const skipped = decision.respond === 'ack' ? decision.skipped : undefined;
	return { status: 200, body: { success: true, replayed: true, ...(skipped ? { skipped } : {}) }, decision };
}
