/**
 * A list as people type it in a field or a table cell: "面霜, 精华、防晒|口红" or one per line,
 * or already an array. Rules, rosters, settings and golden examples all read lists this way.
 */
export function listOf(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
	return String(value)
		.split(/[,，、|\n]/)
		.map((v) => v.trim())
		.filter(Boolean);
}
