import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { InvalidItemError, updateAccount, type XhsClient } from '../../../shared/xiaohongshu';
import { routed, type Routed } from '../../../shared/n8n';
import { rowOf } from '../../helpers/accountRows';
import { accountPicker } from '../../helpers/pickers';

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['unbind'] } },
	accountPicker('The user_id of the bound account to unbind', ''),
);

export async function execute(
	this: IExecuteFunctions,
	i: number,
	client: XhsClient,
): Promise<Routed[]> {
	const userId = String(
		this.getNodeParameter('accountUserId', i, '', { extractValue: true }),
	).trim();
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
	return [routed(0, { unbound: true, ...rowOf(account) } as IDataObject)];
}
