/**
 * Fills a reply template from the DM item: {{nickname}}, {{text}}, {{ content.title }} …
 * (any field path of the item). Emoji and line breaks are kept as written; an unknown
 * field renders as empty, never as "undefined".
 */
const PLACEHOLDER = /\{\{\s*([\p{L}\p{N}_$.[\]-]+)\s*\}\}/gu;

function lookup(data: Record<string, unknown>, path: string): unknown {
	let value: unknown = data;
	for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
		if (value === null || value === undefined || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

export function renderReply(template: string, data: Record<string, unknown>): string {
	return template.replace(PLACEHOLDER, (_whole, path: string) => {
		const value = lookup(data, path);
		if (value === undefined || value === null) return '';
		return typeof value === 'object' ? JSON.stringify(value) : String(value);
	});
}

/** Which variant to use: in turn (a counter shared through the state store) or at random. */
export function pickVariant(
	count: number,
	order: 'rotate' | 'random',
	turn: number,
	random = Math.random,
): number {
	if (count <= 1) return 0;
	return order === 'random' ? Math.floor(random() * count) : ((turn % count) + count) % count;
}
