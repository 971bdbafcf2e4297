/**
 * The first of a push's fields that holds a text or a number, as text ('' when none): the
 * platform sends ids and names as either, and absent fields as null, '' or nothing.
 */
export function firstText(...values: unknown[]): string {
	const found = values.find(
		(v) => (typeof v === 'string' && v) || (typeof v === 'number' && Number.isFinite(v)),
	);
	return found === undefined ? '' : String(found);
}
