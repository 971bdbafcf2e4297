import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

/** Test-only start node: emits the items given as JSON in its parameter (n8n-nodes-base is not installed). */
export class TestItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Test Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | object[];
		const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as object[];
		return [
			list.map((json, i) => ({
				json: json as INodeExecutionData['json'],
				pairedItem: { item: Math.min(i, this.getInputData().length - 1) },
			})),
		];
	}
}
