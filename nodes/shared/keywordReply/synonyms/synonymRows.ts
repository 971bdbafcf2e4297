import { listOf } from '../../listOf';

/**
 * A shop's own synonyms, kept by admins in a table like the rules (xhs_synonyms): the words its
 * customers use (`words`: 充电头, 快充头) for the word its rules and FAQ use (`means`: 充电器).
 * Built-in vocabulary (vocabulary.ts) covers what every shop says; this covers the products,
 * nicknames and slang of one shop, without a deploy.
 */
export interface Synonym {
	means: string;
	words: string[];
}

const MEANS = ['means', 'word', 'canonical', '标准词'];
const WORDS = ['words', 'synonyms', 'same_as', 'sameAs', '同义词'];

function pick(row: Record<string, unknown>, names: string[]): unknown {
	for (const name of names) if (row[name] !== undefined && row[name] !== null) return row[name];
	return undefined;
}

/**
 * Synonym rows from a Data Table, a sheet or a JSON field (a JSON string of rows works too).
 * Switched-off rows are left out; a row with words but nothing they mean is an error that names
 * the row, since silently dropping it would leave the admin wondering why nothing changed.
 */
export function synonymsFromRows(input: unknown): Synonym[] {
	let value = input;
	if (typeof value === 'string') value = value.trim() ? (JSON.parse(value) as unknown) : [];
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw new TypeError('Synonyms must be an array of rows');
	const out: Synonym[] = [];
	(value as Array<Record<string, unknown>>).forEach((row, index) => {
		if (!row || typeof row !== 'object')
			throw new TypeError(`synonym row ${index + 1} is not a row`);
		if (row.enabled === false || String(row.enabled ?? '').toLowerCase() === 'false') return;
		const means = String(pick(row, MEANS) ?? '').trim();
		const words = listOf(pick(row, WORDS)).filter((w) => w !== means);
		if (!means && !words.length) return;
		if (!means)
			throw new TypeError(
				`synonym row ${index + 1}: "means" is empty (what do ${words.join(', ')} mean?)`,
			);
		if (!words.length) return;
		out.push({ means, words });
	});
	return out;
}
