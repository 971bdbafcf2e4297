import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** "Return All" and "Limit", as every Get Many of this node shows them. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** How many rows a Get Many wants: all, or its limit. */
export function wantedRows(context: IExecuteFunctions, i: number): number {
	const returnAll = context.getNodeParameter('returnAll', i, false) as boolean;
	return returnAll
		? Number.POSITIVE_INFINITY
		: (context.getNodeParameter('limit', i, 50) as number);
}
