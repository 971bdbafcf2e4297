import type { StateStore } from '../state/StateStore';
import {
	verifyActionLinkToken,
	type LinkClaims,
	type LinkExpectations,
	type LinkSigning,
	type LinkVerdict,
} from './linkToken';

/**
 * Single use: a verified link is used up by claiming its nonce in the state store (an atomic
 * set-if-absent), kept a while past the link's own expiry, so that of any number of concurrent
 * or later uses exactly one goes through and the others are 'used'.
 */

/** Kept past the link's expiry by this much, for clocks of several processes that disagree a little. */
const USED_MARGIN_MS = 5 * 60_000;

export const usedLinkKey = (nonce: string) => `agentLink:used:${nonce}`;

type UseOptions = LinkSigning & { expect?: LinkExpectations };

/** Verifies and says 'used' for a link already used; changes nothing (a confirmation page, a preview). */
export async function checkActionLink(
	store: StateStore,
	token: unknown,
	options: UseOptions,
): Promise<LinkVerdict> {
	const verdict = verifyActionLinkToken(token, options);
	if (!verdict.ok) return verdict;
	if (await store.get(usedLinkKey(verdict.claims.nonce))) return { ok: false, reason: 'used' };
	return verdict;
}

/** Verifies and uses the link up: ok for exactly one caller, 'used' for every other. */
export async function consumeActionLink(
	store: StateStore,
	token: unknown,
	options: UseOptions,
): Promise<LinkVerdict> {
	const now = options.now ?? Date.now();
	const verdict = verifyActionLinkToken(token, { ...options, now });
	if (!verdict.ok) return verdict;
	const { claims } = verdict;
	const won = await store.claim(
		usedLinkKey(claims.nonce),
		JSON.stringify({ action: claims.action, agentId: claims.agentId, usedAt: now }),
		claims.expiresAt - now + USED_MARGIN_MS,
	);
	return won ? verdict : { ok: false, reason: 'used' };
}

/**
 * Gives a used-up link back when what it asked for could not be done (nothing changed), so
 * the agent can try again. Only for the caller whose consume returned ok.
 */
export async function restoreActionLink(store: StateStore, claims: LinkClaims): Promise<void> {
	await store.delete(usedLinkKey(claims.nonce));
}
