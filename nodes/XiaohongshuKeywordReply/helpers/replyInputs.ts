import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import {
	type BusinessHours,
	DEFAULT_BUSINESS_HOURS,
	type FaqEntry,
	faqFromRows,
	type KeywordRule,
	ruleFromRow,
	type RuleSetInput,
	rulesFromJson,
	type SmartReplySettings,
	type Synonym,
	synonymsFromRows,
	validateBusinessHours,
} from '../../shared/keywordReply';
import { listOf } from '../../shared/listOf';
import type { ModelPickSettings } from '../../shared/modelPick';
import { requirePublication, type Publication } from '../../shared/knowledgeBase';
import type { StateStore } from '../../shared/state';
import { calendarFromOptions, chatModelSettingsFrom, FieldError } from '../../shared/n8n';

/** Maps the node's parameters for one item onto the engine's inputs (synonyms: synonymsFor's). */
export function ruleSetFor(
	context: IExecuteFunctions,
	i: number,
	published: Publication | undefined,
	synonyms: Synonym[],
): RuleSetInput {
	const source = context.getNodeParameter('rulesSource', i) as string;
	let rules: KeywordRule[];
	if (source === 'published' && published)
		return { rules: published.rules, protectedTerms: published.protectedTerms, synonyms };
	if (source === 'json') {
		rules = rulesFromJson(context.getNodeParameter('rulesJson', i, '[]'));
	} else {
		const rows = ((context.getNodeParameter('rules', i, {}) as IDataObject).rule ??
			[]) as IDataObject[];
		rules = rows.map((row, index) =>
			ruleFromRow(
				{
					...row,
					cooldownMinutes: Number(row.cooldownMinutes) >= 0 ? row.cooldownMinutes : undefined,
				},
				index,
			),
		);
	}
	return {
		rules,
		protectedTerms: listOf(context.getNodeParameter('protectedTerms', i, '')),
		synonyms,
	};
}

/**
 * The shop's synonyms: the published knowledge base's (when rules or FAQ come from it), then
 * the "Synonyms" option's rows.
 */
export function synonymsFor(
	context: IExecuteFunctions,
	i: number,
	published?: Publication,
): Synonym[] {
	const options = context.getNodeParameter('options', i, {}) as IDataObject;
	const own = FieldError.wrap('Synonyms', () => synonymsFromRows(options.synonymsJson ?? []));
	return [...(published?.synonyms ?? []), ...own];
}

export function faqFor(
	context: IExecuteFunctions,
	i: number,
	published?: Publication,
): FaqEntry[] | undefined {
	const source = context.getNodeParameter('faqSource', i, 'none') as string;
	if (source === 'none') return undefined;
	if (source === 'published' && published) return published.faq;
	if (source === 'json') return faqFromRows(context.getNodeParameter('faqJson', i, '[]'));
	return faqFromRows(
		((context.getNodeParameter('faqEntries', i, {}) as IDataObject).entry ?? []) as IDataObject[],
	);
}

/** The published knowledge base, when the rules or the FAQ come from it. */
export async function publicationFor(
	context: IExecuteFunctions,
	i: number,
	store: StateStore,
): Promise<Publication | undefined> {
	const fromPublication =
		context.getNodeParameter('rulesSource', i) === 'published' ||
		context.getNodeParameter('faqSource', i, 'none') === 'published';
	if (!fromPublication) return undefined;
	// Version 1's text field or version 2's pick list (its value).
	return await requirePublication(
		store,
		String(
			context.getNodeParameter('knowledgeBaseName', i, 'main', { extractValue: true }) || 'main',
		),
	);
}

/**
 * The reply's guards and a connected chat model's, from one read of the node's options (a
 * parameter read is a measurable share of a DM's time in n8n). The model's are read whether or
 * not one is connected, so a bad value is this item's error, never a silent hand-back.
 */
export function settingsFor(
	context: IExecuteFunctions,
	i: number,
): { reply: SmartReplySettings; model: ModelPickSettings } {
	const options = context.getNodeParameter('options', i, {}) as IDataObject;
	let businessHours: BusinessHours | undefined;
	if (options.useBusinessHours === true) {
		const calendar = calendarFromOptions(options);
		businessHours = {
			timeZone: String(options.timeZone || DEFAULT_BUSINESS_HOURS.timeZone),
			days: ((options.days as number[] | undefined) ?? DEFAULT_BUSINESS_HOURS.days).map(Number),
			open: String(options.open || DEFAULT_BUSINESS_HOURS.open),
			close: String(options.close || DEFAULT_BUSINESS_HOURS.close),
			holidays: [...calendar.holidays],
			workdays: [...calendar.workdays],
			officialCalendar: calendar.official,
		};
		validateBusinessHours(businessHours);
	}
	const node = context.getNode();
	const scope = `${context.getWorkflow().id ?? 'workflow'}:${node.id ?? node.name}`;
	return {
		reply: {
			matchMode: options.matchMode === 'all' ? 'all' : 'first',
			faqThreshold: options.faqThreshold === undefined ? 0.5 : Number(options.faqThreshold),
			cooldownMinutes: options.cooldownMinutes === undefined ? 10 : Number(options.cooldownMinutes),
			dailyCapPerConversation: options.dailyCap === undefined ? 20 : Number(options.dailyCap),
			businessHours,
			scope,
		},
		// The same day and scope as the reply's guards.
		model: chatModelSettingsFrom(options, 'Options', {
			scope,
			timeZone: businessHours?.timeZone ?? String(options.timeZone || 'Asia/Shanghai'),
		}),
	};
}
