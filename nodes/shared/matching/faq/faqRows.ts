import { listOf, repliesOf } from '../rules/ruleRows';
import type { FaqEntry } from './faqIndex';

/**
 * FAQ entries arrive as rows of a Data Table, a sheet or a JSON field: columns id (or name),
 * questions (an array, or one per line), answer, tags. A JSON string of such rows works too.
 */
export function faqFromRows(input: unknown): FaqEntry[] {
	let value = input;
	if (typeof value === 'string') value = value.trim() ? (JSON.parse(value) as unknown) : [];
	if (!Array.isArray(value)) throw new TypeError('FAQ JSON must be an array of entries');
	return (value as Array<Record<string, unknown>>).map((row, index) => ({
		id: String(row.id ?? row.name ?? `faq ${index + 1}`),
		questions: Array.isArray(row.questions)
			? (row.questions as unknown[]).map(String)
			: String(row.questions ?? row.question ?? '')
					.split('\n')
					.map((q) => q.trim())
					.filter(Boolean),
		answer: repliesOf(row.answer)[0] ?? '',
		tags: listOf(row.tags),
	}));
}
