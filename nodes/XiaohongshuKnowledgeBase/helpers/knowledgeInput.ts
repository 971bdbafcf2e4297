import type { IExecuteFunctions } from 'n8n-workflow';
import { faqFromRows, rulesFromJson, synonymsFromRows } from '../../shared/keywordReply';
import { listOf } from '../../shared/listOf';
import { type KnowledgeBase, requirePublication } from '../../shared/knowledgeBase';
import type { StateStore } from '../../shared/state';
import { FieldError } from '../../shared/n8n';

/** Knowledge Base Name: version 1's text field or version 2's pick list (its value). */
export function publicationName(context: IExecuteFunctions, i: number): string {
	return String(
		context.getNodeParameter('knowledgeBaseName', i, 'main', { extractValue: true }) || 'main',
	).trim();
}

/** Rules and FAQ from JSON fields, each error naming the field it came from. */
export function knowledgeFromFields(
	context: IExecuteFunctions,
	i: number,
	fields: {
		rules: [string, string];
		faq: [string, string];
		terms?: [string, string];
		synonyms?: [string, string];
	},
): KnowledgeBase {
	const [rulesName, rulesLabel] = fields.rules;
	const [faqName, faqLabel] = fields.faq;
	const synonyms = fields.synonyms
		? FieldError.wrap(fields.synonyms[1], () =>
				synonymsFromRows(context.getNodeParameter(fields.synonyms![0], i, '[]')),
			)
		: [];
	return {
		rules: FieldError.wrap(rulesLabel, () =>
			rulesFromJson(context.getNodeParameter(rulesName, i, '[]')),
		),
		faq: FieldError.wrap(faqLabel, () => faqFromRows(context.getNodeParameter(faqName, i, '[]'))),
		protectedTerms: fields.terms ? listOf(context.getNodeParameter(fields.terms[0], i, '')) : [],
		// Only when there are some: a knowledge base without them keeps its fingerprint.
		...(synonyms.length ? { synonyms } : {}),
	};
}

/** The knowledge base Suggest Replies and Find Gaps read: the published one, or JSON fields. */
export async function knowledgeFor(
	context: IExecuteFunctions,
	i: number,
	store: StateStore,
): Promise<KnowledgeBase> {
	if (context.getNodeParameter('knowledgeSource', i, 'published') === 'published') {
		const name = publicationName(context, i);
		const publication = await requirePublication(store, name).catch((error: Error) =>
			Promise.reject(new FieldError(error.message, 'Knowledge Base Name')),
		);
		return publication;
	}
	return knowledgeFromFields(context, i, {
		rules: ['rulesJson', 'Rules (JSON)'],
		faq: ['faqJson', 'FAQ (JSON)'],
		terms: ['protectedTerms', 'Product and Brand Names'],
		synonyms: ['synonymsJson', 'Synonyms (JSON)'],
	});
}
