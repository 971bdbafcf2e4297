import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { InvalidItemError, collectPages, type XhsClient } from '../../shared/xiaohongshu';
import { routed, type Routed } from '../../shared/n8n';
import { accountPicker } from './pickers';
import { returnAllFields, wantedRows } from './returnAll';

/** Note and Material share one shape: "Get Many" over a paged list of one business account. */
export type AccountListResource = 'note' | 'material';

export function accountListOperation(resource: AccountListResource) {
	const properties: INodeProperties[] = [
		...accountPicker(
			'Whose notes or materials to list (the user_id of a bound account). With Wire Revision 2 the platform lists the account the access token belongs to, whatever is chosen here.',
		),
		...returnAllFields,
	];
	const description = updateDisplayOptions(
		{ show: { resource: [resource], operation: ['getAll'] } },
		properties,
	);

	async function execute(this: IExecuteFunctions, i: number, client: XhsClient): Promise<Routed[]> {
		const limit = wantedRows(this, i);
		const userId = String(
			this.getNodeParameter('accountUserId', i, '', { extractValue: true }),
		).trim();
		if (!userId) throw new InvalidItemError('Business Account User ID is empty', 'accountUserId');
		const rows = await collectPages<Record<string, unknown>>(
			async (page) =>
				resource === 'note'
					? await client.notes(userId, page)
					: await client.materials(userId, page),
			limit,
		);
		return rows.map((row) => routed(0, row as IDataObject));
	}
	return { description, execute };
}

export function accountListResource(
	resource: AccountListResource,
	plural: string,
	action: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: [{ name: 'Get Many', value: 'getAll', description: `List ${plural}`, action }],
		default: 'getAll',
	};
}
