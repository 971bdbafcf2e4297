import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { type Routed, runItems, xhsClientFor } from '../../shared/n8n';
import { XhsApiError, type XhsClient } from '../../shared/xiaohongshu';
import * as account from './account';
import * as material from './material';
import * as message from './message';
import * as note from './note';
import * as quarantine from './quarantine';

interface Operation {
	execute(this: IExecuteFunctions, itemIndex: number, client: XhsClient): Promise<Routed[]>;
}

const OPERATIONS: Record<string, Record<string, Operation>> = {
	message: { send: message.send },
	account: {
		createBindingLink: account.createBindingLink,
		getAll: account.getAll,
		unbind: account.unbind,
	},
	note: { getAll: note.getAll },
	material: { getAll: material.getAll },
	quarantine: { getAll: quarantine.getAll, replay: quarantine.replay },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = await xhsClientFor(this);
	return await runItems(
		this,
		{
			outputs: 1,
			// A failed item carries the error alone (no input fields), with the platform's code.
			failedJson: (_input, nodeError, error) => ({
				error: nodeError.message,
				description: nodeError.description ?? null,
				code: error instanceof XhsApiError ? error.code : null,
			}),
		},
		async (i) => {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const chosen = OPERATIONS[resource]?.[operation];
			if (!chosen)
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not known for "${resource}"`,
					{ itemIndex: i },
				);
			return await chosen.execute.call(this, i, client);
		},
	);
}
