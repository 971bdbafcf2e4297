import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { ContentCryptoError } from '../xiaohongshu/contentCrypto';
import { InvalidItemError } from '../xiaohongshu/client';
import { XhsApiError } from '../xiaohongshu/errorCodes';
import { XhsTokenError } from '../xiaohongshu/tokenManager';

/**
 * Turns transport failures into the errors n8n shows: what went wrong, for which item, and
 * what the user can do about it. Secrets never enter the message.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof XhsApiError) {
		return new NodeApiError(
			node,
			{
				code: error.code,
				message: error.message,
				request_id: error.requestId ?? null,
			} as JsonObject,
			{
				message: error.message,
				description: error.hint,
				httpCode: String(error.httpStatus ?? ''),
				itemIndex,
			},
		);
	}
	if (error instanceof InvalidItemError) {
		return new NodeOperationError(node, `Item ${itemIndex}: ${error.message}`, {
			itemIndex,
			description: `Fix the field "${error.field}" of this item (or the expression that fills it).`,
		});
	}
	if (error instanceof XhsTokenError) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description:
				'Open the Xiaohongshu DM API credential and check the app ID, secret and authorization.',
		});
	}
	if (error instanceof ContentCryptoError) {
		return new NodeOperationError(node, `Item ${itemIndex}: ${error.message}`, {
			itemIndex,
			description:
				'Check the Encryption Key of the credential: 16 characters from the app console.',
		});
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}
