import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A replay of a quarantined push is an HTTP call from the Xiaohongshu node to the trigger's
 * own URL, so it runs the trigger's normal path. It carries only the quarantine id, signed
 * with the app secret: the trigger takes the push from its own store, never from the call.
 */
export const REPLAY_HEADER = 'x-xhs-replay';
export const REPLAY_SIGNATURE_HEADER = 'x-xhs-replay-signature';

export function signReplay(appSecret: string, quarantineId: string): string {
	return createHmac('sha256', Buffer.from(`xhs-replay|${appSecret}`, 'utf8'))
		.update(quarantineId)
		.digest('hex');
}

export function verifyReplay(
	appSecret: string,
	quarantineId: string,
	signature: string | undefined,
): boolean {
	if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
	return timingSafeEqual(
		Buffer.from(signReplay(appSecret, quarantineId), 'hex'),
		Buffer.from(signature, 'hex'),
	);
}
