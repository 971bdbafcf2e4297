import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import type { XhsClient } from '../../../shared/xiaohongshu';
import { routed, type Routed } from '../../../shared/n8n';
import { listAccounts } from '../../helpers/accountRows';
import { returnAllFields, wantedRows } from '../../helpers/returnAll';

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getAll'] } },
	returnAllFields,
);

export async function execute(
	this: IExecuteFunctions,
	i: number,
	client: XhsClient,
): Promise<Routed[]> {
	return (await listAccounts(client, wantedRows(this, i))).map((row) =>
		routed(0, row as IDataObject),
	);
}
