import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import {
	compileKnowledgeBase,
	dmOutcome,
	draftFaqRow,
	findGaps,
	gapHtml,
	gapSummary,
	selectGapDms,
} from '../../shared/knowledgeBase';
import { EventLog, rangeFor, type RangePreset } from '../../shared/serviceMetrics';
import { FieldError, routed, type Routed, timeRangeFields } from '../../shared/n8n';
import type { StateStore } from '../../shared/state';
import { knowledgeFor } from '../helpers/knowledgeInput';

const show = { operation: ['findGaps'] };

const properties: INodeProperties[] = [
	...timeRangeFields(
		show,
		'last7Days',
		'DMs received in this range, from the events the Xiaohongshu nodes record',
	),
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: 'Asia/Shanghai',
		description: 'For "yesterday" and "last 7 days"',
	},
	{
		displayName: 'Output',
		name: 'gapOutput',
		type: 'options',
		options: [
			{
				name: 'One Report',
				value: 'report',
				description: 'All groups in one item, with a summary for chat and an HTML table',
			},
			{
				name: 'One Item per Group (Draft FAQ Rows)',
				value: 'groups',
				description: 'Each group as a draft FAQ row for an admin to review, e.g. in a Data Table',
			},
		],
		default: 'report',
	},
	{
		displayName: 'Options',
		name: 'gapOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Max Groups',
				name: 'maxGroups',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 20,
			},
			{
				displayName: 'Min DMs per Group',
				name: 'minGroupSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 2,
				description: 'Smaller groups are left out of the report',
			},
			{
				displayName: 'Similarity',
				name: 'similarity',
				type: 'number',
				typeOptions: { minValue: 0.05, maxValue: 0.95, numberPrecision: 2 },
				default: 0,
				description:
					'How alike DMs must be to share a group (0 uses the tuned default); higher makes smaller, tighter groups',
			},
			{
				displayName: 'Skip DMs the Knowledge Base Answers Now',
				name: 'skipAnswered',
				type: 'boolean',
				default: false,
				description:
					'Whether to leave out DMs the current rules or FAQ (Knowledge Base above) would answer today, e.g. gaps already filled since',
			},
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

/** The DMs of a time range that went to humans, grouped by question: one report, or one item per group. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	store: StateStore,
): Promise<Routed[]> {
	const nowMs = Date.now();
	const timeZone = String(this.getNodeParameter('timeZone', i, 'Asia/Shanghai') || 'Asia/Shanghai');
	FieldError.wrap('Time Zone', () => new Intl.DateTimeFormat('en-US', { timeZone }));
	const preset = this.getNodeParameter('range', i, 'last7Days') as RangePreset;
	const range = FieldError.wrap(preset === 'custom' ? 'From / To' : 'Time Range', () =>
		rangeFor(
			preset,
			nowMs,
			timeZone,
			preset === 'custom' ? this.getNodeParameter('from', i) : undefined,
			preset === 'custom' ? this.getNodeParameter('to', i) : undefined,
		),
	);
	const options = this.getNodeParameter('gapOptions', i, {}) as IDataObject;
	// Events are filed by when they were recorded, which can be after they happened (Record Event
	// with a past time): read up to now, then select by the events' own times.
	const events = await new EventLog(store).read({ sinceMs: range.sinceMs, untilMs: nowMs + 1 });
	const selection = selectGapDms(events, range.sinceMs, range.untilMs);
	let dms = selection.dms;
	let answered = selection.answered;
	if (options.skipAnswered === true) {
		const kb = compileKnowledgeBase(await knowledgeFor(this, i, store), 0.5);
		const still = dms.filter((dm) => dmOutcome(dm.text, kb).route !== 'matched');
		answered += dms.length - still.length;
		dms = still;
	}
	const result = findGaps(dms, {
		similarity: Number(options.similarity) > 0 ? Number(options.similarity) : undefined,
		minGroupSize: options.minGroupSize === undefined ? undefined : Number(options.minGroupSize),
		maxGroups: options.maxGroups === undefined ? undefined : Number(options.maxGroups),
		totalDms: selection.total,
	});
	const iso = (ms: number) => new Date(ms).toISOString();
	const gapRange = { from: iso(range.sinceMs), to: iso(range.untilMs), timeZone };
	const totals = { total: selection.total, answered, gaps: dms.length };
	const foundAt = iso(nowMs);
	const groups = result.groups.map((g, rank) => ({
		rank: rank + 1,
		size: g.size,
		share: g.share,
		conversations: g.conversations,
		keywords: g.keywords,
		representatives: g.representatives,
		messageIds: g.members.map((m) => dms[m].messageId).filter(Boolean) as string[],
		draftFaq: draftFaqRow(g, foundAt),
	}));
	if (this.getNodeParameter('gapOutput', i, 'report') === 'groups') {
		return groups.map((g) => routed(0, { ...g, range: gapRange } as unknown as IDataObject));
	}
	const day = gapRange.to.slice(0, 10);
	const html = gapHtml(result, totals, gapRange, 'Knowledge-base gaps 知识库缺口');
	return [
		routed(
			0,
			{
				range: gapRange,
				...totals,
				considered: result.considered,
				clustered: result.clustered,
				ungrouped: result.ungrouped,
				groups,
				summary: gapSummary(result, totals, gapRange),
			} as unknown as IDataObject,
			{
				binary: {
					report: await this.helpers.prepareBinaryData(
						Buffer.from(html, 'utf8'),
						`xhs-kb-gaps-${day}.html`,
						'text/html',
					),
				},
			},
		),
	];
}
