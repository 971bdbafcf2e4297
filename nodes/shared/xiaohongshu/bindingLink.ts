import { createHash, randomBytes } from 'node:crypto';
import type { StateStore } from '../state/StateStore';
import { bindingBaseUrl, type XhsAppConfig } from './appConfig';
import { decryptJson, encryptJson } from './contentCrypto';
import { PATHS, joinUrl } from './endpoints';

/**
 * Binding an account (spec §5r2): the owner opens, or scans a QR code of, the platform's
 * binding page with our app id and a token that is our own encryption of JSON naming the
 * binding; the platform then pushes bind_account with that same token. The token is what
 * matches the push to the link, so it is remembered here until the push comes or it expires.
 */
export const BINDING_TTL_MS = 7 * 24 * 3_600_000;

export interface BindingLink {
	url: string;
	token: string;
	accountCode: string;
	expiresAt: string;
}

export interface PendingBinding {
	accountCode: string;
	label: string;
	createdAt: number;
}

const pendingKey = (appId: string, token: string) =>
	`binding:${appId}:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`;

/** An account code the platform echoes as third_account_id: short, URL-safe, unguessable. */
export function newAccountCode(): string {
	return `acc_${randomBytes(6).toString('hex')}`;
}

export async function createBindingLink(
	store: StateStore,
	config: XhsAppConfig,
	options: { accountCode?: string; label?: string; nowMs?: number } = {},
): Promise<BindingLink> {
	const nowMs = options.nowMs ?? Date.now();
	const accountCode = options.accountCode?.trim() || newAccountCode();
	const token = encryptJson(
		{
			account_code: accountCode,
			app_id: config.appId,
			nonce: randomBytes(8).toString('hex'),
			issued_at: nowMs,
		},
		config.encryptionKey,
	);
	const pending: PendingBinding = { accountCode, label: options.label ?? '', createdAt: nowMs };
	await store.set(pendingKey(config.appId, token), JSON.stringify(pending), BINDING_TTL_MS);
	const query = new URLSearchParams({ appId: config.appId, token });
	return {
		url: `${joinUrl(bindingBaseUrl(config), PATHS.bindingPage)}?${query.toString()}`,
		token,
		accountCode,
		expiresAt: new Date(nowMs + BINDING_TTL_MS).toISOString(),
	};
}

export interface BindingMatch {
	accountCode: string;
	/** True when the token came from a link this app created and is still remembered. */
	matched: boolean;
	label?: string;
	requestedAt?: string;
}

/** What a bind_account push's token says; undefined when it is not one of our tokens. */
export async function matchBinding(
	store: StateStore,
	config: XhsAppConfig,
	token: unknown,
): Promise<BindingMatch | undefined> {
	if (typeof token !== 'string' || !token) return undefined;
	let decoded: unknown;
	try {
		decoded = decryptJson(token, config.encryptionKey);
	} catch {
		return undefined;
	}
	const accountCode = (decoded as { account_code?: unknown } | null)?.account_code;
	if (typeof accountCode !== 'string' || !accountCode) return undefined;
	const entry = await store.get(pendingKey(config.appId, token));
	if (!entry) return { accountCode, matched: false };
	const pending = JSON.parse(entry.value) as PendingBinding;
	return {
		accountCode,
		matched: true,
		label: pending.label || undefined,
		requestedAt: new Date(pending.createdAt).toISOString(),
	};
}
