import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { matchesFilter, xhsClientFor } from '../../shared/n8n';
import { listAccounts } from '../helpers/accountRows';

/**
 * The pick lists of version 2: the bound accounts (as Account → Get Many lists them) and the
 * chosen account's notes, filtered by what the user types.
 */
export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await xhsClientFor(this);
	const rows = await listAccounts(client, 200);
	const results: INodeListSearchItems[] = rows
		.filter((row) => matchesFilter(filter, row.user_id, row.nickname, row.account_code))
		.map((row) => {
			const name = String(row.nickname || row.user_id);
			const code = row.account_code ? ` · ${String(row.account_code)}` : '';
			return { name: `${name}${code}`, value: String(row.user_id) };
		});
	return { results };
}

const PAGE_SIZE = 20;

export async function searchNotes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const account = this.getCurrentNodeParameter('accountUserId', { extractValue: true });
	const userId = String(account ?? '').trim();
	// An expression (the trigger item's account) cannot be read here: revision 2 lists the token's own account anyway.
	const client = await xhsClientFor(this);
	const pageNum = Number(paginationToken) || 1;
	const page = await client.notes(userId.startsWith('=') ? '' : userId, {
		pageNum,
		pageSize: PAGE_SIZE,
	});
	const results = page.list
		.map((note) => {
			const id = String(note.note_id ?? note.noteId ?? note.id ?? '');
			const title = String(note.title ?? note.name ?? id);
			return { name: title, value: id, url: `https://www.xiaohongshu.com/explore/${id}` };
		})
		.filter((note) => note.value && matchesFilter(filter, note.name, note.value));
	const more =
		page.list.length === PAGE_SIZE &&
		pageNum * PAGE_SIZE < (page.total || Number.POSITIVE_INFINITY);
	return { results, paginationToken: more ? String(pageNum + 1) : undefined };
}
