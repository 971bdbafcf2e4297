import type { StateStore } from '../state/StateStore';

/**
 * The business accounts bound to one app, as the platform's pushes tell them (spec §4r2:
 * bind_account, unbind_account, KOS authorisation). Revision 2 has no endpoint that lists an
 * app's bound accounts, so this record is what the Xiaohongshu node lists and where a send
 * finds the third_account_id a DM did not carry. One small JSON document per app, changed
 * under a version check so two pushes at once cannot drop each other's change.
 */
export interface KnownAccount {
	userId: string;
	nickname: string;
	/** The account id in the binding; the public integration sends our account code here. */
	thirdAccountId: string;
	accountCode: string;
	/** 2 = active (KOS authorisation), as the platform reports it. */
	authStatus?: number;
	kosUserId?: string;
	bound: boolean;
	changedAt: number;
}

const MAX_ATTEMPTS = 20;

export function accountsKey(appId: string): string {
	return `accounts:${appId}`;
}

type AccountMap = Record<string, KnownAccount>;

function parse(value: string | undefined): AccountMap {
	if (!value) return {};
	try {
		const parsed = JSON.parse(value) as unknown;
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as AccountMap)
			: {};
	} catch {
		return {};
	}
}

export async function readAccounts(store: StateStore, appId: string): Promise<KnownAccount[]> {
	const all = Object.values(parse((await store.get(accountsKey(appId)))?.value));
	return all.sort((a, b) => a.userId.localeCompare(b.userId));
}

export async function findAccount(
	store: StateStore,
	appId: string,
	userId: string,
): Promise<KnownAccount | undefined> {
	return (await readAccounts(store, appId)).find((a) => a.userId === userId);
}

/** Applies a change to one account (created when absent) and returns it as stored. */
export async function updateAccount(
	store: StateStore,
	appId: string,
	userId: string,
	change: (previous: KnownAccount | undefined) => KnownAccount,
): Promise<KnownAccount> {
	const key = accountsKey(appId);
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		const entry = await store.get(key);
		const map = parse(entry?.value);
		const next = change(map[userId]);
		map[userId] = next;
		if (
			await store.commit([
				{ key, expectVersion: entry?.version ?? null, value: JSON.stringify(map) },
			])
		)
			return next;
	}
	throw new Error(`Could not record the binding of account ${userId}: too many concurrent changes`);
}
