import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { qrCode } from '../../shared/qr/qrCode';
import { createBindingLink } from '../../shared/xiaohongshu/bindingLink';
import { readAccounts, updateAccount, type KnownAccount } from '../../shared/xiaohongshu/boundAccounts';
import { InvalidItemError, collectPages, type XhsClient } from '../../shared/xiaohongshu/client';
import { XhsApiError } from '../../shared/xiaohongshu/errorCodes';
import { settled } from '../../shared/outcome';
import { returnAllFields, wantedRows } from './lists';

/**
 * The business accounts bound to this app. Revision 2 has no endpoint that lists them, so
 * the list joins what the platform answers with what bind and unbind pushes recorded; a
 * binding starts here, with a link (and a QR code, binary property "qrCode") for the account owner to open.
 */
const show = (operation: string) => ({ show: { resource: ['account'], operation: [operation] } });

export const accountOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['account'] } },
	options: [
		{
			name: 'Create Binding Link',
			value: 'createBindingLink',
			description: 'A link and a QR code image the account owner opens to bind an account to this app',
			action: 'Create a binding link',
		},
		{ name: 'Get Many', value: 'getAll', description: 'List the bound business accounts', action: 'Get many bound accounts' },
		{ name: 'Unbind', value: 'unbind', description: 'Unbind an account from this app', action: 'Unbind an account' },
	],
	default: 'getAll',
};

export const accountFields: INodeProperties[] = [
	{
		displayName: 'Account Code',
		name: 'accountCode',
		type: 'string',
		default: '',
		placeholder: 'shop_shanghai',
		description: 'Your own name for the account, sent back by the platform when it is bound. Leave empty for a generated one.',
		displayOptions: show('createBindingLink'),
	},
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		default: '',
		placeholder: '上海旗舰店',
		description: 'Shown on the item of the bind event, to tell bindings apart',
		displayOptions: show('createBindingLink'),
	},
	{
		displayName: 'Business Account User ID',
		name: 'accountUserId',
		type: 'string',
		required: true,
		default: '',
		description: 'The user_id of the bound account to unbind',
		displayOptions: show('unbind'),
	},
	...returnAllFields({ resource: ['account'], operation: ['getAll'] }),
];

type Row = Record<string, unknown>;

function rowOf(account: KnownAccount): Row {
	return {
		user_id: account.userId,
		nickname: account.nickname,
		third_account_id: account.thirdAccountId,
		account_code: account.accountCode,
		auth_status: account.authStatus ?? null,
		source: 'push',
	};
}

async function listAccounts(context: IExecuteFunctions, client: XhsClient, i: number): Promise<Row[]> {
	const limit = wantedRows(context, i);
	const recorded = await readAccounts(client.store, client.appId);
	const listPage = async (page: { pageNum: number; pageSize: number }) => (await client.boundAccounts(page)) as unknown as { list: Row[]; total: number };
	// Revision 2 answers every bound user in one call: asking for a "next page" would repeat them.
	const listed = await settled(async () => (client.wire.pagesBoundAccounts ? await collectPages<Row>(listPage, limit) : (await listPage({ pageNum: 1, pageSize: Math.min(limit, 100) })).list));
	// A platform that cannot list (revision 2 wants a user id) still has the recorded bindings.
	if (!listed.ok && !(listed.error instanceof XhsApiError && listed.error.behaviour === 'badRequest' && recorded.length)) throw listed.error;
	const byUser = new Map<string, Row>();
	for (const row of listed.ok ? listed.value : []) byUser.set(String(row.user_id ?? ''), { ...row, source: 'platform' });
	for (const account of recorded) {
		if (!account.bound) byUser.delete(account.userId);
		else byUser.set(account.userId, { ...rowOf(account), ...byUser.get(account.userId), account_code: account.accountCode });
	}
	return [...byUser.values()].slice(0, limit);
}

export async function runAccount(context: IExecuteFunctions, client: XhsClient, i: number): Promise<INodeExecutionData[]> {
	const operation = context.getNodeParameter('operation', i) as string;
	const paired = { pairedItem: { item: i } };
	if (operation === 'createBindingLink') {
		const link = await createBindingLink(client.store, client.config, {
			accountCode: String(context.getNodeParameter('accountCode', i, '')),
			label: String(context.getNodeParameter('label', i, '')),
		});
		const qr = qrCode(link.url);
		const binary = await context.helpers.prepareBinaryData(qr.png, `binding-${link.accountCode}.png`, 'image/png');
		return [{ json: { ...link, qrModules: qr.modules } as IDataObject, binary: { qrCode: binary }, ...paired }];
	}
	if (operation === 'unbind') {
		const userId = String(context.getNodeParameter('accountUserId', i, '')).trim();
		// The same third account id a send would use; none known leaves the platform to decide.
		const thirdAccountId = await client.thirdAccountIdFor(userId).catch((error: unknown) => {
			if (error instanceof InvalidItemError) return '';
			throw error;
		});
		await client.unbindAccount(userId, thirdAccountId);
		const account = await updateAccount(client.store, client.appId, userId, (previous) => ({
			...(previous ?? { userId, nickname: '', thirdAccountId: '', accountCode: '' }),
			bound: false,
			changedAt: Date.now(),
		}));
		return [{ json: { unbound: true, ...rowOf(account) } as IDataObject, ...paired }];
	}
	return (await listAccounts(context, client, i)).map((json) => ({ json: json as IDataObject, ...paired }));
}
