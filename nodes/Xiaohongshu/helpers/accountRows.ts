import {
	collectPages,
	type KnownAccount,
	readAccounts,
	XhsApiError,
	type XhsClient,
} from '../../shared/xiaohongshu';
import { settled } from '../../shared/outcome';

/**
 * The business accounts bound to this app, as Account → Get Many and the account pick list
 * show them. Revision 2 has no endpoint that lists every binding, so the list joins what the
 * platform answers with what bind and unbind pushes recorded.
 */
export type AccountRow = Record<string, unknown>;

export function rowOf(account: KnownAccount): AccountRow {
	return {
		user_id: account.userId,
		nickname: account.nickname,
		third_account_id: account.thirdAccountId,
		account_code: account.accountCode,
		auth_status: account.authStatus ?? null,
		source: 'push',
	};
}

export async function listAccounts(client: XhsClient, limit: number): Promise<AccountRow[]> {
	const recorded = await readAccounts(client.store, client.appId);
	const listPage = async (page: { pageNum: number; pageSize: number }) =>
		(await client.boundAccounts(page)) as unknown as { list: AccountRow[]; total: number };
	// Revision 2 answers every bound user in one call: asking for a "next page" would repeat them.
	const listed = await settled(async () =>
		client.wire.pagesBoundAccounts
			? await collectPages<AccountRow>(listPage, limit)
			: (await listPage({ pageNum: 1, pageSize: Math.min(limit, 100) })).list,
	);
	// A platform that cannot list (revision 2 wants a user id) still has the recorded bindings.
	if (
		!listed.ok &&
		!(
			listed.error instanceof XhsApiError &&
			listed.error.behaviour === 'badRequest' &&
			recorded.length
		)
	)
		throw listed.error;
	const byUser = new Map<string, AccountRow>();
	for (const row of listed.ok ? listed.value : [])
		byUser.set(String(row.user_id ?? ''), { ...row, source: 'platform' });
	for (const account of recorded) {
		if (!account.bound) byUser.delete(account.userId);
		else
			byUser.set(account.userId, {
				...rowOf(account),
				...byUser.get(account.userId),
				account_code: account.accountCode,
			});
	}
	return [...byUser.values()].slice(0, limit);
}
