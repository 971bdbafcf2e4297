import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { goldenFromRows, GoldenSetError } from '../../shared/improve/goldenSet';
import { fingerprintOf, type KnowledgeBase } from '../../shared/improve/knowledgeBase';
import { previewHtml, previewSummary } from '../../shared/improve/previewText';
import { claimPreview, publish, readPublication } from '../../shared/improve/publication';
import { previewChange, type SampleDm } from '../../shared/improve/rulePreview';
import { EventLog } from '../../shared/metrics/eventLog';
import type { StateStore } from '../../shared/state/StateStore';
import { FieldError } from '../../shared/n8n/fieldError';
import { knowledgeFromFields, publicationName } from './knowledgeInput';

export const PASSED = 0;
export const FAILED = 1;

/** The preview of one item's change; no item when "Only When Changed" finds nothing new. */
export async function previewItem(context: IExecuteFunctions, i: number, store: StateStore, nowMs: number): Promise<{ output: number; item: INodeExecutionData } | undefined> {
	const name = publicationName(context, i);
	const options = context.getNodeParameter('previewOptions', i, {}) as IDataObject;
	const faqThreshold = options.faqThreshold === undefined ? 0.5 : Number(options.faqThreshold);
	const proposed = knowledgeFromFields(context, i, {
		rules: ['proposedRulesJson', 'Changed Rules (JSON)'],
		faq: ['proposedFaqJson', 'Changed FAQ (JSON)'],
		terms: ['proposedProtectedTerms', 'Product and Brand Names'],
	});
	const golden = FieldError.wrap('Golden Set (JSON)', () => {
		let rows = context.getNodeParameter('goldenJson', i, '[]') as unknown;
		if (typeof rows === 'string') rows = rows.trim() ? JSON.parse(rows) : [];
		if (!Array.isArray(rows)) throw new GoldenSetError('the golden set must be an array of rows', 0, 'text');
		return goldenFromRows(rows as Array<Record<string, unknown>>);
	});
	const fingerprint = fingerprintOf([proposed, faqThreshold]);
	const compareWith = context.getNodeParameter('compareWith', i, 'published') as string;
	const onBreak = context.getNodeParameter('onBreak', i, 'block') as string;
	const wanted = context.getNodeParameter('publish', i, false) === true;
	// Switching to "warn only" or turning publishing on is a change worth a new preview too.
	// Every preview claims what it saw, so a schedule polling the tables does not preview again
	// what a preview on demand (the template's "check now" webhook) has just reported.
	const fresh = await claimPreview(store, name, fingerprintOf([fingerprint, golden, onBreak, wanted]));
	if (options.onlyWhenChanged === true && !fresh) return undefined;

	const published = await readPublication(store, name);
	let live: KnowledgeBase | undefined;
	if (compareWith === 'published') live = published;
	else if (compareWith === 'json') live = knowledgeFromFields(context, i, { rules: ['currentRulesJson', 'Current Rules (JSON)'], faq: ['currentFaqJson', 'Current FAQ (JSON)'] });
	if (live && compareWith === 'json') live = { ...live, protectedTerms: proposed.protectedTerms };

	const recent = await recentDms(store, nowMs, Number(options.recentDays ?? 7), Number(options.maxRecent ?? 2000));
	const report = previewChange(live, proposed, recent, golden, { faqThreshold });
	const publishable = report.errors.length === 0 && (report.verdict === 'pass' || onBreak === 'warn');
	let publishedVersion: number | null = null;
	if (wanted && publishable) {
		// An unchanged knowledge base is not published again: the version only moves on real changes.
		publishedVersion = published?.fingerprint === fingerprint ? published.version : (await publish(store, name, proposed, fingerprint, nowMs)).version;
	}
	const state = { published: publishedVersion !== null, blocked: wanted && !publishable };
	const html = previewHtml(report, 'Rule change preview 规则变更预检');
	return {
		output: report.verdict === 'pass' ? PASSED : FAILED,
		item: {
			json: {
				verdict: report.verdict,
				...state,
				publishedVersion,
				// What Keyword Reply nodes answer from now: this version, or the one a block kept.
				liveVersion: publishedVersion ?? published?.version ?? null,
				knowledgeBase: name,
				fingerprint,
				summary: previewSummary(report, state),
				report: report as unknown as IDataObject,
			},
			binary: { report: await context.helpers.prepareBinaryData(Buffer.from(html, 'utf8'), 'xhs-rule-preview.html', 'text/html') },
			pairedItem: { item: i },
		},
	};
}

/** The most recent customer DMs of the last `days`, one per message id. */
async function recentDms(store: StateStore, nowMs: number, days: number, max: number): Promise<SampleDm[]> {
	if (!(days > 0) || !(max > 0)) return [];
	const events = await new EventLog(store).read({ sinceMs: nowMs - days * 86_400_000, untilMs: nowMs + 1 });
	const seen = new Set<string>();
	const out: SampleDm[] = [];
	for (let k = events.length - 1; k >= 0 && out.length < max; k--) {
		const e = events[k];
		if (e.type !== 'message_in' || !e.text) continue;
		if (e.messageId) {
			if (seen.has(e.messageId)) continue;
			seen.add(e.messageId);
		}
		out.push({ text: e.text, messageId: e.messageId, at: e.at });
	}
	return out.reverse();
}
