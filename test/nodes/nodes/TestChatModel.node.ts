import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type ISupplyDataFunctions,
	type SupplyData,
} from 'n8n-workflow';

/**
 * Test-only Chat Model sub-node: supplies what n8n's Chat Model nodes supply (an object with a
 * LangChain-style `invoke`), answering each DM from its `answers` parameter: the first key the
 * DM contains gives the answer text; "throw 429" throws like a rate-limited SDK. Every call is
 * kept in `TestChatModel.calls` so tests can see which DMs reached the model.
 */
export class TestChatModel implements INodeType {
	static calls: Array<{ node: string; prompt: string }> = [];

	description: INodeTypeDescription = {
		displayName: 'Test Chat Model',
		name: 'testChatModel',
		group: ['transform'],
		version: 1,
		description: 'Scripted chat model',
		defaults: { name: 'Test Chat Model' },
		inputs: [],
		outputs: [NodeConnectionTypes.AiLanguageModel],
		properties: [{ displayName: 'Answers', name: 'answers', type: 'json', default: '{}' }],
	};

	async supplyData(this: ISupplyDataFunctions): Promise<SupplyData> {
		const raw = this.getNodeParameter('answers', 0) as string | Record<string, string>;
		const answers = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, string>;
		const node = this.getNode().name;
		return {
			response: {
				invoke: async (messages: Array<[string, string]>) => {
					const prompt = messages.map(([, content]) => content).join('\n');
					TestChatModel.calls.push({ node, prompt });
					const dm = /"""\n([\s\S]*?)\n"""/.exec(prompt)?.[1] ?? '';
					const key = Object.keys(answers).find((k) => dm.includes(k));
					const text = key === undefined ? '{"entry": null, "confidence": 1}' : answers[key];
					if (text.startsWith('throw ')) {
						const status = Number(text.slice(6));
						throw Object.assign(new Error(`Request failed with status code ${status}`), {
							status,
						});
					}
					return {
						content: text,
						usage_metadata: { input_tokens: prompt.length, output_tokens: text.length },
					};
				},
			},
		};
	}
}
