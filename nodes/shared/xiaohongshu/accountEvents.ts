import { firstText } from './fieldText';
import type { StateStore } from '../state/StateStore';
import type { XhsAppConfig } from './appConfig';
import { matchBinding, type BindingMatch } from './bindingLink';
import { findAccount, updateAccount, type KnownAccount } from './boundAccounts';
import { eventId, type XhsEvent } from './pushEvent';

/**
 * Bind, unbind and KOS pushes change which accounts this app serves: the record the
 * Xiaohongshu node lists and sends from (boundAccounts.ts). Returns what the trigger adds
 * to the item: the account as now recorded and, for a bind, the link it answers.
 */
export interface AccountChange {
	account: KnownAccount;
	binding?: BindingMatch;
}

const APPLIED_TTL_MS = 7 * 24 * 3_600_000;

const text = (value: unknown) => firstText(value);

export async function applyAccountEvent(
	store: StateStore,
	config: XhsAppConfig,
	event: XhsEvent,
	nowMs: number,
): Promise<AccountChange | undefined> {
	const userId = text(event.user_id) || text(event.to_user_id);
	if (!['account_bound', 'account_unbound', 'kos_auth'].includes(event.event) || !userId)
		return undefined;
	// Once per app, however many trigger nodes or redeliveries see it: a late copy of an old
	// bind must not undo the unbind that followed it.
	const first = await store.claim(
		`accounts:${config.appId}:applied:${eventId(event)}`,
		String(nowMs),
		APPLIED_TTL_MS,
	);
	if (!first) {
		const account = await findAccount(store, config.appId, userId);
		return account ? { account } : undefined;
	}
	if (event.event === 'account_bound') {
		const binding = await matchBinding(store, config, event.token);
		const accountCode = text(event.account_code) || binding?.accountCode || '';
		const account = await updateAccount(store, config.appId, userId, (previous) => ({
			userId,
			nickname: text(event.nick_name) || text(event.nickname) || previous?.nickname || '',
			// Only the platform names the third account id; the account code is a different
			// value, tried last when sending (client.ts).
			thirdAccountId: text(event.third_account_id) || previous?.thirdAccountId || '',
			accountCode: accountCode || previous?.accountCode || '',
			authStatus: previous?.authStatus,
			kosUserId: previous?.kosUserId,
			bound: true,
			changedAt: nowMs,
		}));
		return { account, binding };
	}
	const account = await updateAccount(store, config.appId, userId, (previous) => {
		const base: KnownAccount = previous ?? {
			userId,
			nickname: '',
			thirdAccountId: '',
			accountCode: text(event.account_code),
			bound: true,
			changedAt: nowMs,
		};
		if (event.event === 'account_unbound') return { ...base, bound: false, changedAt: nowMs };
		const status = Number(event.auth_status);
		return {
			...base,
			authStatus: Number.isFinite(status) ? status : base.authStatus,
			kosUserId: text(event.kos_user_id) || base.kosUserId,
			changedAt: nowMs,
		};
	});
	return { account };
}
