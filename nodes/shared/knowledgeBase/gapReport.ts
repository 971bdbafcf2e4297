import { createHash } from 'node:crypto';
import { page, table } from '../html/htmlPage';
import type { GapGroup, GapResult } from './gapClusters';

/**
 * The gap report as people read it: a ranked list for the weekly chat message, an HTML table,
 * and each group as a draft FAQ row (questions from the group's own DMs, candidate keywords,
 * an empty answer) that an admin completes and switches on.
 */
export interface GapRange {
	from: string;
	to: string;
	timeZone: string;
}

export interface DraftFaqRow {
	/** Stable for the same group wording, so a weekly upsert does not pile up duplicates. */
	id: string;
	questions: string;
	answer: string;
	tags: string;
	keywords: string;
	status: 'draft';
	dms: number;
	share: number;
	found_at: string;
}

export function draftFaqRow(group: GapGroup, foundAt: string): DraftFaqRow {
	const seed = group.keywords.slice(0, 3).join('|') || group.representatives[0] || '';
	return {
		id: `draft-${createHash('sha256').update(seed).digest('hex').slice(0, 10)}`,
		questions: group.representatives.join('\n'),
		answer: '',
		tags: group.keywords.slice(0, 2).join(', '),
		keywords: group.keywords.join(', '),
		status: 'draft',
		dms: group.size,
		share: Math.round(group.share * 10_000) / 10_000,
		found_at: foundAt,
	};
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function gapSummary(
	result: GapResult,
	totals: { total: number; answered: number; gaps: number },
	range: GapRange,
): string {
	const lines = [
		`**Knowledge-base gaps 知识库缺口** · ${range.from.slice(0, 10)} – ${range.to.slice(0, 10)}`,
		`${totals.total} DMs, ${totals.answered} answered automatically, ${totals.gaps} went to humans or got no answer; ${result.clustered} of them in ${result.groups.length} groups.`,
	];
	result.groups.slice(0, 10).forEach((g, i) => {
		lines.push(
			`${i + 1}. ${g.size} DMs (${pct(g.share)}) · ${g.keywords.slice(0, 3).join(' / ') || '–'} · e.g. "${clip(g.representatives[0] ?? '')}"`,
		);
	});
	if (!result.groups.length)
		lines.push('No repeated unanswered question. 没有重复出现的未回答问题。');
	return lines.join('\n');
}

export function gapHtml(
	result: GapResult,
	totals: { total: number; answered: number; gaps: number },
	range: GapRange,
	title: string,
): string {
	const kpis: Array<[string, string]> = [
		['DMs 私信', String(totals.total)],
		['Answered automatically 自动回复', String(totals.answered)],
		['To humans / unanswered 转人工或未回复', String(totals.gaps)],
		['Groups 问题组', String(result.groups.length)],
		['In groups 已归组', String(result.clustered)],
	];
	const rows = result.groups.map((g, i) => [
		i + 1,
		g.size,
		pct(g.share),
		g.conversations,
		g.keywords.join(', '),
		g.representatives.join(' ｜ '),
	]);
	const body = `<h2>Questions the knowledge base does not answer 未覆盖的问题</h2>
${table(['#', 'DMs 私信数', 'Share 占比', 'Customers 会话', 'Candidate keywords 候选关键词', 'Examples 示例'], rows, [4, 5])}`;
	return page(title, `${range.from} – ${range.to} (${range.timeZone})`, kpis, body);
}

function clip(text: string): string {
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
