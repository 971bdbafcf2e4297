import { listOf } from '../../listOf';
import type { KeywordRule, Lane } from './ruleModel';

/**
 * Rules arrive as rows from n8n's Data Table node, Google Sheets, Feishu or a JSON field:
 * snake_case or camelCase columns, lists as arrays or as text separated by commas, 、, ，,
 * |, or new lines. Reply variants are separated by a line "---" or by "||".
 */
type Row = Record<string, unknown>;

function pick(row: Row, ...names: string[]): unknown {
	for (const name of names)
		if (row[name] !== undefined && row[name] !== null && row[name] !== '') return row[name];
	return undefined;
}

export function repliesOf(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	if (Array.isArray(value)) return value.map((v) => String(v)).filter((v) => v.trim());
	return String(value)
		.split(/\n-{3,}\n|\|\|/)
		.map((v) => v.trim())
		.filter(Boolean);
}

function boolOf(value: unknown, fallback: boolean): boolean {
	if (value === undefined) return fallback;
	if (typeof value === 'boolean') return value;
	return !/^(false|0|no|off|否|停用)$/i.test(String(value).trim());
}

function numberOf(value: unknown): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value);
	return Number.isFinite(n) ? n : undefined;
}

export function ruleFromRow(row: Row, index: number): KeywordRule {
	const lane = String(pick(row, 'lane', 'fast_lane', 'fastLane') ?? 'normal').toLowerCase();
	return {
		name: String(pick(row, 'name', 'rule', 'rule_name', 'ruleName') ?? `rule ${index + 1}`).trim(),
		enabled: boolOf(pick(row, 'enabled', 'active'), true),
		priority: numberOf(pick(row, 'priority')) ?? 0,
		all: listOf(pick(row, 'all', 'all_keywords', 'allKeywords')),
		any: listOf(pick(row, 'any', 'any_keywords', 'anyKeywords', 'keywords')),
		none: listOf(pick(row, 'none', 'none_keywords', 'noneKeywords', 'exclude')),
		regex: (pick(row, 'regex', 'pattern') as string | undefined)?.toString(),
		requiresTags: listOf(pick(row, 'requires_tags', 'requiresTags', 'requires')),
		setsTags: listOf(pick(row, 'sets_tags', 'setsTags', 'tags')),
		lane: (['urgent', 'true', 'yes', '是', 'fast'].includes(lane) ? 'urgent' : 'normal') as Lane,
		replies: repliesOf(pick(row, 'replies', 'reply', 'answer')),
		outOfHoursReply: (
			pick(row, 'out_of_hours_reply', 'outOfHoursReply') as string | undefined
		)?.toString(),
		variantOrder: pick(row, 'variant_order', 'variantOrder') === 'random' ? 'random' : 'rotate',
		cooldownMinutes: numberOf(pick(row, 'cooldown_minutes', 'cooldownMinutes')),
		ignoreNegated: boolOf(pick(row, 'ignore_negated', 'ignoreNegated'), true),
	};
}

/** Accepts an array of rows, a JSON string of one, or {rules: [...]}. */
export function rulesFromJson(input: unknown): KeywordRule[] {
	let value = input;
	if (typeof value === 'string') value = value.trim() ? (JSON.parse(value) as unknown) : [];
	if (
		value &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		Array.isArray((value as Row).rules)
	) {
		value = (value as Row).rules;
	}
	if (!Array.isArray(value)) throw new TypeError('rules JSON must be an array of rule objects');
	return value.map((row, i) => ruleFromRow((row ?? {}) as Row, i));
}
