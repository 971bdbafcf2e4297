import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { listQuarantine, type XhsClient } from '../../../shared/xiaohongshu';
import { routed, type Routed } from '../../../shared/n8n';

/** Pushes the trigger acknowledged but could not read (spec §0 point 3), as a person may see them: masked. */
const properties: INodeProperties[] = [
	{
		displayName: 'Include Replayed',
		name: 'includeReplayed',
		type: 'boolean',
		default: false,
		description: 'Whether to list pushes that were already replayed too',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['quarantine'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	i: number,
	client: XhsClient,
): Promise<Routed[]> {
	const includeReplayed = this.getNodeParameter('includeReplayed', i, false) as boolean;
	const entries = await listQuarantine(client.store, { appId: client.appId });
	return entries
		.filter((e) => includeReplayed || !e.replayed)
		.map((entry) =>
			routed(0, { ...entry, at: new Date(entry.at).toISOString() } as unknown as IDataObject),
		);
}
