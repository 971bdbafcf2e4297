import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
} from 'n8n-workflow';
import { matchesFilter, stateStoreFor } from '../../shared/n8n';
import { feishuClientFor } from '../helpers/targets/feishu';

/**
 * The pick list of version 2: the tables of the configured Feishu Base, through the Bitable
 * API, filtered by what the user types.
 */
export async function searchFeishuTables(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const given = this.getCurrentNodeParameter('feishuBaseId') as IDataObject | string | undefined;
	const baseId = String((given && typeof given === 'object' ? given.value : given) ?? '').trim();
	if (!baseId || baseId.startsWith('=')) {
		throw new NodeOperationError(
			this.getNode(),
			'Enter the Base ID first (as text, not an expression): the list shows the tables of that Base',
		);
	}
	const client = await feishuClientFor(this, await stateStoreFor(this));
	const page = await client.listTables(baseId, { pageToken: paginationToken });
	const results = page.tables
		.filter((table) => matchesFilter(filter, table.name, table.table_id))
		.map((table) => ({ name: table.name || table.table_id, value: table.table_id }));
	return { results, paginationToken: page.pageToken };
}
