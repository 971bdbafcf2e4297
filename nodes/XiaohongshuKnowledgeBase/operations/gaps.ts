import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { findGaps } from '../../shared/improve/gapClusters';
import { draftFaqRow, gapHtml, gapSummary } from '../../shared/improve/gapReport';
import { selectGapDms } from '../../shared/improve/gapSelection';
import { compileKnowledgeBase, dmOutcome } from '../../shared/improve/knowledgeBase';
import { EventLog } from '../../shared/metrics/eventLog';
import { rangeFor, type RangePreset } from '../../shared/metrics/reportRange';
import type { StateStore } from '../../shared/state/StateStore';
import { FieldError } from '../../shared/n8n/fieldError';
import { knowledgeFor } from './knowledgeInput';

export async function gapItems(context: IExecuteFunctions, i: number, store: StateStore, nowMs: number): Promise<INodeExecutionData[]> {
	const timeZone = String(context.getNodeParameter('timeZone', i, 'Asia/Shanghai') || 'Asia/Shanghai');
	FieldError.wrap('Time Zone', () => new Intl.DateTimeFormat('en-US', { timeZone }));
	const preset = context.getNodeParameter('range', i, 'last7Days') as RangePreset;
	const range = FieldError.wrap(preset === 'custom' ? 'From / To' : 'Time Range', () =>
		rangeFor(preset, nowMs, timeZone, preset === 'custom' ? context.getNodeParameter('from', i) : undefined, preset === 'custom' ? context.getNodeParameter('to', i) : undefined),
	);
	const options = context.getNodeParameter('gapOptions', i, {}) as IDataObject;
	// Events are filed by when they were recorded, which can be after they happened (Record Event
	// with a past time): read up to now, then select by the events' own times.
	const events = await new EventLog(store).read({ sinceMs: range.sinceMs, untilMs: nowMs + 1 });
	const selection = selectGapDms(events, range.sinceMs, range.untilMs);
	let dms = selection.dms;
	let answered = selection.answered;
	if (options.skipAnswered === true) {
		const kb = compileKnowledgeBase(await knowledgeFor(context, i, store), 0.5);
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
	if (context.getNodeParameter('gapOutput', i, 'report') === 'groups') {
		return groups.map((g) => ({ json: { ...g, range: gapRange } as unknown as IDataObject, pairedItem: { item: i } }));
	}
	const day = gapRange.to.slice(0, 10);
	const html = gapHtml(result, totals, gapRange, 'Knowledge-base gaps 知识库缺口');
	return [
		{
			json: { range: gapRange, ...totals, considered: result.considered, clustered: result.clustered, ungrouped: result.ungrouped, groups, summary: gapSummary(result, totals, gapRange) } as unknown as IDataObject,
			binary: { report: await context.helpers.prepareBinaryData(Buffer.from(html, 'utf8'), `xhs-kb-gaps-${day}.html`, 'text/html') },
			pairedItem: { item: i },
		},
	];
}
