import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { tailCandidates } from '../../shared/keywordReply';
import { assist, compileKnowledgeBase, withModelPick } from '../../shared/knowledgeBase';
import {
	chatModelOptionFields,
	connectedModelPick,
	FieldError,
	routed,
	type Routed,
} from '../../shared/n8n';
import type { StateStore } from '../../shared/state';
import { knowledgeFor } from '../helpers/knowledgeInput';

const properties: INodeProperties[] = [
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '={{ $json.text }}',
		description:
			"The customer's DM; the item's other fields (nickname …) fill the replies' placeholders",
	},
	{
		displayName: 'Options',
		name: 'suggestOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Auto-Reply Threshold',
				name: 'faqThreshold',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.5,
				description:
					"The Keyword Reply's threshold, to mark which suggestion it would have sent by itself",
			},
			...chatModelOptionFields(true),
			{
				displayName: 'Lowest Score Shown',
				name: 'minScore',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.3,
				description:
					'Lower than the auto-reply threshold: an agent reads a suggestion before sending it',
			},
			{
				displayName: 'Near Misses',
				name: 'nearMisses',
				type: 'number',
				default: 3,
				description: 'How many rules that nearly matched to show',
			},
			{
				displayName: 'Suggestions',
				name: 'topK',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 3,
				description: 'How many knowledge-base answers',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['suggestReplies'] } },
	properties,
);

/** Agent assist for one DM: the best answers of the knowledge base and the rules that nearly matched. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	store: StateStore,
): Promise<Routed[]> {
	const item = this.getInputData()[i].json;
	const text = String(this.getNodeParameter('message', i, '') ?? '').trim();
	if (!text) throw new FieldError('the DM is empty', 'Message');
	const options = this.getNodeParameter('suggestOptions', i, {}) as IDataObject;
	const faqThreshold = options.faqThreshold === undefined ? 0.5 : Number(options.faqThreshold);
	const kb = compileKnowledgeBase(await knowledgeFor(this, i, store), faqThreshold);
	let result = assist({ ...item, text }, kb.rules, kb.faq, {
		topK: options.topK === undefined ? 3 : Number(options.topK),
		minScore: options.minScore === undefined ? 0.3 : Number(options.minScore),
		faqThreshold,
		maxNearMisses: options.nearMisses === undefined ? 3 : Number(options.nearMisses),
	});
	// With a Chat Model connected the agent also sees which entry it would choose, and why;
	// the agent still decides what is sent.
	const node = this.getNode();
	const ask = kb.faq
		? await connectedModelPick(this, store, options, {
				scope: `assist:${this.getWorkflow().id ?? 'workflow'}:${node.id ?? node.name}`,
				timeZone: 'Asia/Shanghai',
			})
		: undefined;
	if (ask && kb.faq) {
		const messageId = typeof item.messageId === 'string' ? item.messageId : undefined;
		const candidates = tailCandidates(kb.faq, text, ask.settings.candidates);
		result = withModelPick(result, await ask({ text, messageId }, candidates));
	}
	return [routed(0, { ...item, assist: result as unknown as IDataObject })];
}
