import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeInputConfiguration,
} from 'n8n-workflow';
import type { ChatAnswer, ChatFn, ChatMessage } from '../modelPick';

/**
 * n8n's Chat Model sub-nodes (OpenAI, DeepSeek, Ollama, …) as the model-pick engine's ChatFn.
 * They hand over a LangChain chat model; only its `invoke` is used, through this narrow shape,
 * so the package needs no LangChain of its own (dependencies stay empty).
 */
export const chatModelInput: INodeInputConfiguration = {
	type: NodeConnectionTypes.AiLanguageModel,
	displayName: 'Chat Model',
	required: false,
	maxConnections: 1,
};

interface LangChainChatModel {
	invoke(
		input: Array<[string, string]>,
		options?: { signal?: AbortSignal },
	): Promise<{
		content?: unknown;
		usage_metadata?: { input_tokens?: number; output_tokens?: number };
	}>;
}

function isChatModel(value: unknown): value is LangChainChatModel {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { invoke?: unknown }).invoke === 'function'
	);
}

/** The text of a LangChain message: a string, or text parts (the Responses API gives parts). */
function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((part: unknown) =>
			typeof part === 'string'
				? part
				: typeof (part as { text?: unknown })?.text === 'string'
					? (part as { text: string }).text
					: '',
		)
		.join('');
}

const ROLE: Record<ChatMessage['role'], string> = { system: 'system', user: 'human' };

function chatFnOf(model: LangChainChatModel): ChatFn {
	return async (messages, { signal }): Promise<ChatAnswer> => {
		const answer = await model.invoke(
			messages.map((m) => [ROLE[m.role], m.content]),
			{ signal },
		);
		return {
			text: textOf(answer?.content),
			inputTokens: answer?.usage_metadata?.input_tokens,
			outputTokens: answer?.usage_metadata?.output_tokens,
		};
	};
}

/**
 * The connected chat model, looked up once per execution and only when a DM needs it: a
 * workflow without one (or whose DMs never reach the tail) never asks n8n for it.
 */
export function connectedChatModel(context: IExecuteFunctions): () => Promise<ChatFn | undefined> {
	let found: Promise<ChatFn | undefined> | undefined;
	return async () => {
		found ??= (async () => {
			const model = await context.getInputConnectionData(NodeConnectionTypes.AiLanguageModel, 0);
			if (model === undefined || model === null) return undefined;
			if (!isChatModel(model))
				throw new NodeOperationError(
					context.getNode(),
					'The node connected to "Chat Model" is not a chat model',
					{ description: "Connect one of n8n's Chat Model nodes (OpenAI, DeepSeek, Ollama, …)." },
				);
			return chatFnOf(model);
		})();
		return await found;
	};
}
