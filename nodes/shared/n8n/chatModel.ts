import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeInputConfiguration,
	type INodeProperties,
} from 'n8n-workflow';
import {
	askModel,
	type ChatAnswer,
	type ChatFn,
	type ChatMessage,
	type ModelPick,
	type ModelPickSettings,
	type PickCandidate,
} from '../modelPick';
import type { StateStore } from '../state';
import { FieldError } from './fieldError';

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

/** The model's guards as options of a node's options collection (Keyword Reply, the preview). */
export function chatModelOptionFields(withDailyCap: boolean): INodeProperties[] {
	return [
		...(withDailyCap
			? [
					{
						displayName: 'Chat Model: Daily Call Cap',
						name: 'modelDailyCap',
						type: 'number' as const,
						typeOptions: { minValue: 0 },
						default: 500,
						description:
							'Past this many model calls a day (this node), undecided DMs go straight to a human; 0 means no cap',
					},
				]
			: []),
		{
			displayName: 'Chat Model: Entries Shown',
			name: 'modelCandidates',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 5,
			description:
				'How many of the closest knowledge-base entries the model may choose from; more costs more tokens',
		},
		{
			displayName: 'Chat Model: Minimum Confidence',
			name: 'modelMinConfidence',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 0.7,
			description: "Below the model's stated confidence the DM goes to a human",
		},
		{
			displayName: 'Chat Model: Timeout (Seconds)',
			name: 'modelTimeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 8,
			description: 'A model slower than this hands the DM to a human',
		},
	];
}

/** Those options read from a node's options collection; a bad value names its field. */
export function chatModelSettingsFrom(
	options: IDataObject,
	collection: string,
	where: { scope: string; timeZone: string },
): ModelPickSettings {
	const number = (name: string, label: string, fallback: number, min: number, max = Infinity) => {
		const value = options[name] === undefined ? fallback : Number(options[name]);
		if (!Number.isFinite(value) || value < min || value > max)
			throw new FieldError(
				`"${String(options[name])}" is not a number from ${min}${max < Infinity ? ` to ${max}` : ' up'}`,
				`${collection} → ${label}`,
			);
		return value;
	};
	return {
		minConfidence: number('modelMinConfidence', 'Chat Model: Minimum Confidence', 0.7, 0, 1),
		dailyCap: Math.floor(number('modelDailyCap', 'Chat Model: Daily Call Cap', 500, 0)),
		timeoutMs: number('modelTimeoutSeconds', 'Chat Model: Timeout (Seconds)', 8, 0.1) * 1000,
		candidates: Math.floor(number('modelCandidates', 'Chat Model: Entries Shown', 5, 1, 10)),
		...where,
	};
}

/** The connected model as one question at a time, under the guards it was read with. */
export interface ModelPickFn {
	(dm: { text: string; messageId?: string }, candidates: PickCandidate[]): Promise<ModelPick>;
	settings: ModelPickSettings;
}

/**
 * For an operation that asks the model about one text at a time (the preview, agent assist):
 * the connected model under the node's options, or undefined when none is connected.
 */
export async function connectedModelPick(
	context: IExecuteFunctions,
	store: StateStore,
	options: IDataObject,
	where: { scope: string; timeZone: string; dailyCap?: number },
): Promise<ModelPickFn | undefined> {
	const chat = await connectedChatModel(context)();
	if (!chat) return undefined;
	const { dailyCap, ...place } = where;
	const read = chatModelSettingsFrom(options, 'Options', place);
	const settings = dailyCap === undefined ? read : { ...read, dailyCap };
	const ask = async (dm: { text: string; messageId?: string }, candidates: PickCandidate[]) =>
		await askModel(dm, candidates, chat, settings, store);
	return Object.assign(ask, { settings });
}
