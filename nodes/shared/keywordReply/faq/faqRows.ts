import { listOf } from '../../listOf';
import { repliesOf } from '../rules/ruleRows';
import type { FaqEntry } from './faqIndex';

/**
 * FAQ entries arrive as rows of a Data Table, a sheet or a JSON field: columns name (or id),
 * questions (an array, or one per line), answer, tags. A JSON string of such rows works too.
 * A Data Table numbers its rows in "id", so a "name" column wins over it.
 *
 * Rows that cannot answer are left out: drafts (status draft / 草稿, e.g. from the gap report)
 * until an admin reviews them, switched-off rows, and rows without an answer, which would
 * otherwise auto-reply with nothing.
 */
const NOT_LIVE = /^(draft|草稿|disabled|off|停用|pending|待审核)$/i;

function isLive(row: Record<string, unknown>): boolean {
	if (NOT_LIVE.test(String(row.status ?? '').trim())) return false;
	return row.enabled !== false && String(row.enabled ?? '').toLowerCase() !== 'false';
}

export function faqFromRows(input: unknown): FaqEntry[] {
	let value = input;
	if (typeof value === 'string') value = value.trim() ? (JSON.parse(value) as unknown) : [];
	if (!Array.isArray(value)) throw new TypeError('FAQ JSON must be an array of entries');
	const entries: FaqEntry[] = [];
	(value as Array<Record<string, unknown>>).forEach((row, index) => {
		const answer = repliesOf(row.answer)[0] ?? '';
		if (!isLive(row) || !answer.trim()) return;
		entries.push({
			id: String(row.faq_id ?? row.name ?? row.id ?? `faq ${index + 1}`),
			questions: Array.isArray(row.questions)
				? (row.questions as unknown[]).map(String)
				: String(row.questions ?? row.question ?? '')
						.split('\n')
						.map((q) => q.trim())
						.filter(Boolean),
			answer,
			tags: listOf(row.tags),
		});
	});
	return entries;
}
