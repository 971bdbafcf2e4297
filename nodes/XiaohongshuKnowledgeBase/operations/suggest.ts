import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { assist } from '../../shared/improve/agentAssist';
import { compileKnowledgeBase } from '../../shared/improve/knowledgeBase';
import type { StateStore } from '../../shared/state/StateStore';
import { FieldError } from '../../shared/n8n/fieldError';
import { knowledgeFor } from './knowledgeInput';

export async function suggestItem(context: IExecuteFunctions, i: number, store: StateStore): Promise<INodeExecutionData> {
	const item = context.getInputData()[i].json;
	const text = String(context.getNodeParameter('message', i, '') ?? '').trim();
	if (!text) throw new FieldError('the DM is empty', 'Message');
	const options = context.getNodeParameter('suggestOptions', i, {}) as IDataObject;
	const faqThreshold = options.faqThreshold === undefined ? 0.5 : Number(options.faqThreshold);
	const kb = compileKnowledgeBase(await knowledgeFor(context, i, store), faqThreshold);
	const result = assist({ ...item, text }, kb.rules, kb.faq, {
		topK: options.topK === undefined ? 3 : Number(options.topK),
		minScore: options.minScore === undefined ? 0.3 : Number(options.minScore),
		faqThreshold,
		maxNearMisses: options.nearMisses === undefined ? 3 : Number(options.nearMisses),
	});
	return { json: { ...item, assist: result as unknown as IDataObject }, pairedItem: { item: i } };
}
