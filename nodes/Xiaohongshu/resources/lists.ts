import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { InvalidItemError, collectPages, type XhsClient } from '../../shared/xiaohongshu/client';

/** Note and Material share one shape: "Get Many" over a paged list endpoint. */
type ListResource = 'note' | 'material';

const LABELS: Record<ListResource, { plural: string; action: string }> = {
	note: { plural: 'notes of a business account', action: 'Get many notes' },
	material: { plural: 'materials (images, cards) of a business account', action: 'Get many materials' },
};

export function listOperations(resource: ListResource): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: `List ${LABELS[resource].plural}`,
				action: LABELS[resource].action,
			},
		],
		default: 'getAll',
	};
}

/** "Return All" and "Limit", as every Get Many of this node shows them. */
export function returnAllFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** How many rows a Get Many wants: all, or its limit. */
export function wantedRows(context: IExecuteFunctions, i: number): number {
	const returnAll = context.getNodeParameter('returnAll', i, false) as boolean;
	return returnAll ? Number.POSITIVE_INFINITY : (context.getNodeParameter('limit', i, 50) as number);
}

export function listFields(resource: ListResource): INodeProperties[] {
	const show = { resource: [resource], operation: ['getAll'] };
	return [
		{
			displayName: 'Business Account User ID',
			name: 'accountUserId',
			type: 'string',
			required: true,
			default: '={{ $json.accountUserId }}',
			description: 'Whose notes or materials to list (the user_id of a bound account). With Wire Revision 2 the platform lists the account the access token belongs to, whatever is chosen here.',
			displayOptions: { show },
		},
		...returnAllFields(show),
	];
}

export async function listItems(
	context: IExecuteFunctions,
	client: XhsClient,
	resource: ListResource,
	i: number,
): Promise<INodeExecutionData[]> {
	const limit = wantedRows(context, i);
	const userId = String(context.getNodeParameter('accountUserId', i, '')).trim();
	if (!userId) {
		throw new InvalidItemError('Business Account User ID is empty', 'accountUserId');
	}
	const rows = await collectPages<Record<string, unknown>>(
		async (page) =>
			resource === 'note' ? await client.notes(userId, page) : await client.materials(userId, page),
		limit,
	);
	return rows.map((json) => ({ json: json as IDataObject, pairedItem: { item: i } }));
}
