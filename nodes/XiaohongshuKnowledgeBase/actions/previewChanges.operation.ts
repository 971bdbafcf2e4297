import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import {
	claimPreview,
	fingerprintOf,
	goldenFromRows,
	GoldenSetError,
	type KnowledgeBase,
	previewChange,
	previewHtml,
	previewModel,
	withModelPreview,
	previewSummary,
	publish,
	readPublication,
	type SampleDm,
} from '../../shared/knowledgeBase';
import { EventLog } from '../../shared/serviceMetrics';
import {
	chatModelOptionFields,
	connectedModelPick,
	FieldError,
	routed,
	type Routed,
} from '../../shared/n8n';
import type { StateStore } from '../../shared/state';
import { knowledgeFromFields, publicationName } from '../helpers/knowledgeInput';

/** Passed: nothing the golden set expects broke. Failed: what broke, or rules that do not compile. */
export const PASSED = 0;
export const FAILED = 1;

const properties: INodeProperties[] = [
	{
		displayName:
			'Passed: nothing the golden set expects broke (published when "Publish" is on). Failed: a golden example this change breaks, or a rule that does not compile; "report" and "summary" say which.',
		name: 'previewNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Changed Rules (JSON)',
		name: 'proposedRulesJson',
		type: 'json',
		default: '[]',
		placeholder: "={{ $('Rules table').all().map(item => item.json) }}",
		description:
			'The rules as the admin left them: rows with name, priority, any, all, none, regex, requires_tags, sets_tags, lane, replies …',
	},
	{
		displayName: 'Changed FAQ (JSON)',
		name: 'proposedFaqJson',
		type: 'json',
		default: '[]',
		placeholder: "={{ $('FAQ table').all().map(item => item.json) }}",
	},
	{
		displayName: 'Changed Synonyms (JSON)',
		name: 'proposedSynonymsJson',
		type: 'json',
		default: '[]',
		placeholder: "={{ $('Synonyms table').all().map(item => item.json) }}",
		description:
			'Synonym rows: words (what customers write: 小白罐, cream) and means (the word the rules and FAQ use: 面霜). Rules and FAQ then hear every word of a row.',
	},
	{
		displayName: 'Product and Brand Names',
		name: 'proposedProtectedTerms',
		type: 'string',
		default: '',
		placeholder: '急救精华, 急救面膜',
	},
	{
		displayName: 'Golden Set (JSON)',
		name: 'goldenJson',
		type: 'json',
		default: '[]',
		placeholder: "={{ $('Golden set').all().map(item => item.json) }}",
		description:
			'Example DMs with what must happen to them: text, expected_route (matched / urgent / noMatch, or 自动回复 / 加急 / 人工), expected_rule, expected_faq, expected_tags, note',
	},
	{
		displayName: 'Compare With',
		name: 'compareWith',
		type: 'options',
		options: [
			{
				name: 'The Published Version',
				value: 'published',
				description: 'What the Keyword Reply uses now',
			},
			{ name: 'Rules and FAQ Given Below', value: 'json' },
			{ name: 'Nothing (First Version)', value: 'nothing' },
		],
		default: 'published',
		description: 'The version the change is measured against: which DMs now route differently',
	},
	{
		displayName: 'Current Rules (JSON)',
		name: 'currentRulesJson',
		type: 'json',
		default: '[]',
		displayOptions: { show: { compareWith: ['json'] } },
	},
	{
		displayName: 'Current FAQ (JSON)',
		name: 'currentFaqJson',
		type: 'json',
		default: '[]',
		displayOptions: { show: { compareWith: ['json'] } },
	},
	{
		displayName: 'When a Golden Example Breaks',
		name: 'onBreak',
		type: 'options',
		options: [
			{ name: 'Block (Keep the Published Version)', value: 'block' },
			{ name: 'Warn Only (Publish Anyway)', value: 'warn' },
		],
		default: 'block',
		description: 'Rules that do not compile are never published',
	},
	{
		displayName: 'Publish When It Passes',
		name: 'publish',
		type: 'boolean',
		default: false,
		description:
			'Whether to make the change live for Keyword Reply nodes whose rules source is "Published"',
	},
	{
		displayName: 'Options',
		name: 'previewOptions',
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
				description: "The Keyword Reply's knowledge base threshold",
			},
			...chatModelOptionFields(false).map((field) => ({
				...field,
				description: `${field.description}. Set as in the Keyword Reply node, so the preview predicts it.`,
			})),
			{
				displayName: 'Chat Model: DMs Asked at Most',
				name: 'modelMaxDms',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 100,
				description:
					'With a Chat Model connected: how many distinct DMs the rules leave to humans are put to it (golden examples first); each is one model call',
			},
			{
				displayName: 'Max Recent DMs',
				name: 'maxRecent',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 2000,
				description: 'The most recent ones are used',
			},
			{
				displayName: 'Only When Changed',
				name: 'onlyWhenChanged',
				type: 'boolean',
				default: false,
				description:
					'Whether to output nothing when the rules, FAQ and golden set are the same as at the last preview (for a schedule that polls the tables)',
			},
			{
				displayName: 'Recent DMs (Days)',
				name: 'recentDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 7,
				description: 'Real DMs from the event log to replay; 0 uses the golden set only',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['previewChanges'] } },
	properties,
);

/** The preview of one item's change; no item when "Only When Changed" finds nothing new. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	store: StateStore,
): Promise<Routed[]> {
	const nowMs = Date.now();
	const name = publicationName(this, i);
	const options = this.getNodeParameter('previewOptions', i, {}) as IDataObject;
	const faqThreshold = options.faqThreshold === undefined ? 0.5 : Number(options.faqThreshold);
	const proposed = knowledgeFromFields(this, i, {
		rules: ['proposedRulesJson', 'Changed Rules (JSON)'],
		faq: ['proposedFaqJson', 'Changed FAQ (JSON)'],
		terms: ['proposedProtectedTerms', 'Product and Brand Names'],
		synonyms: ['proposedSynonymsJson', 'Changed Synonyms (JSON)'],
	});
	const golden = FieldError.wrap('Golden Set (JSON)', () => {
		let rows = this.getNodeParameter('goldenJson', i, '[]') as unknown;
		if (typeof rows === 'string') rows = rows.trim() ? JSON.parse(rows) : [];
		if (!Array.isArray(rows))
			throw new GoldenSetError('the golden set must be an array of rows', 0, 'text');
		return goldenFromRows(rows as Array<Record<string, unknown>>);
	});
	const fingerprint = fingerprintOf([proposed, faqThreshold]);
	const compareWith = this.getNodeParameter('compareWith', i, 'published') as string;
	const onBreak = this.getNodeParameter('onBreak', i, 'block') as string;
	const wanted = this.getNodeParameter('publish', i, false) === true;
	// Switching to "warn only" or turning publishing on is a change worth a new preview too.
	// Every preview claims what it saw, so a schedule polling the tables does not preview again
	// what a preview on demand (the template's "check now" webhook) has just reported.
	const fresh = await claimPreview(
		store,
		name,
		fingerprintOf([fingerprint, golden, onBreak, wanted]),
	);
	if (options.onlyWhenChanged === true && !fresh) return [];

	const published = await readPublication(store, name);
	let live: KnowledgeBase | undefined;
	if (compareWith === 'published') live = published;
	else if (compareWith === 'json')
		live = knowledgeFromFields(this, i, {
			rules: ['currentRulesJson', 'Current Rules (JSON)'],
			faq: ['currentFaqJson', 'Current FAQ (JSON)'],
		});
	// The current rows are compared under the proposed names and synonyms: the change measured
	// is the one in the rules and FAQ.
	if (live && compareWith === 'json')
		live = {
			...live,
			protectedTerms: proposed.protectedTerms,
			...(proposed.synonyms ? { synonyms: proposed.synonyms } : {}),
		};

	const recent = await recentDms(
		store,
		nowMs,
		Number(options.recentDays ?? 7),
		Number(options.maxRecent ?? 2000),
	);
	let report = previewChange(live, proposed, recent, golden, { faqThreshold });
	// Like the live node, minus the daily cap and the per-DM memory: the preview asks each text once.
	const ask = report.errors.length
		? undefined
		: await connectedModelPick(this, store, options, {
				scope: `preview:${name}`,
				timeZone: 'UTC',
				dailyCap: 0,
			});
	if (ask) {
		const model = await previewModel(
			proposed,
			recent,
			golden,
			async (text, candidates) => await ask({ text }, candidates),
			{
				faqThreshold,
				candidates: ask.settings.candidates,
				maxDms: Number(options.modelMaxDms ?? 100),
			},
		);
		report = withModelPreview(report, model);
	}
	const publishable =
		report.errors.length === 0 && (report.verdict === 'pass' || onBreak === 'warn');
	let publishedVersion: number | null = null;
	if (wanted && publishable) {
		// An unchanged knowledge base is not published again: the version only moves on real changes.
		publishedVersion =
			published?.fingerprint === fingerprint
				? published.version
				: (await publish(store, name, proposed, fingerprint, nowMs)).version;
	}
	const state = { published: publishedVersion !== null, blocked: wanted && !publishable };
	const html = previewHtml(report, 'Rule change preview 规则变更预检');
	return [
		routed(
			report.verdict === 'pass' ? PASSED : FAILED,
			{
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
			{
				binary: {
					report: await this.helpers.prepareBinaryData(
						Buffer.from(html, 'utf8'),
						'xhs-rule-preview.html',
						'text/html',
					),
				},
			},
		),
	];
}

/** The most recent customer DMs of the last `days`, one per message id. */
async function recentDms(
	store: StateStore,
	nowMs: number,
	days: number,
	max: number,
): Promise<SampleDm[]> {
	if (!(days > 0) || !(max > 0)) return [];
	const events = await new EventLog(store).read({
		sinceMs: nowMs - days * 86_400_000,
		untilMs: nowMs + 1,
	});
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
