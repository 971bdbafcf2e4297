import type { Route } from '../keywordReply/decide';
import { listOf } from '../listOf';
import type { DmOutcome } from './knowledgeBase';

/**
 * The team's golden set: example DMs with the outcome they must keep, as rows of a Data Table
 * or sheet (text, expected_route, expected_rule, expected_faq, expected_tags, note). Every
 * expectation is optional but one; a row that expects nothing checks nothing and is refused.
 */
export interface GoldenExample {
	/** 1-based row number, as an admin counts rows. */
	row: number;
	text: string;
	route?: Route;
	rule?: string;
	faq?: string;
	tags?: string[];
	note?: string;
}

export class GoldenSetError extends Error {
	constructor(
		problem: string,
		readonly row: number,
		readonly field: string,
	) {
		super(row > 0 ? `row ${row}, column "${field}": ${problem}` : problem);
		this.name = 'GoldenSetError';
	}
}

const ROUTE_WORDS: Array<[Route, RegExp]> = [
	['matched', /^(matched|answered|auto|auto-?reply|自动回复|自动|已回复|回复)$/i],
	['urgent', /^(urgent|fast ?lane|加急|紧急|快速通道)$/i],
	['noMatch', /^(no ?match|nomatch|human|agent|to a human|人工|转人工|客服)$/i],
];

function routeOf(value: string, row: number): Route {
	const found = ROUTE_WORDS.find(([, re]) => re.test(value.trim()));
	if (!found)
		throw new GoldenSetError(
			`"${value}" is not a route (use matched, urgent or noMatch; 自动回复, 加急 or 人工 work too)`,
			row,
			'expected_route',
		);
	return found[0];
}

function pick(row: Record<string, unknown>, ...names: string[]): string | undefined {
	for (const name of names) {
		const v = row[name];
		if (v !== undefined && v !== null && String(v).trim() !== '') return String(v).trim();
	}
	return undefined;
}

export function goldenFromRows(rows: Array<Record<string, unknown>>): GoldenExample[] {
	return rows.map((raw, index) => {
		const row = index + 1;
		const text = pick(raw, 'text', 'dm', 'message', 'example');
		if (!text) throw new GoldenSetError('the example DM is empty', row, 'text');
		const route = pick(raw, 'expected_route', 'expectedRoute', 'route');
		const example: GoldenExample = {
			row,
			text,
			route: route === undefined ? undefined : routeOf(route, row),
			rule: pick(raw, 'expected_rule', 'expectedRule', 'rule'),
			faq: pick(raw, 'expected_faq', 'expectedFaq', 'faq'),
			tags: listOf(pick(raw, 'expected_tags', 'expectedTags', 'tags')),
			note: pick(raw, 'note', 'notes', 'why'),
		};
		if (!example.route && !example.rule && !example.faq && !example.tags?.length) {
			throw new GoldenSetError(
				`expects nothing; give expected_route, expected_rule, expected_faq or expected_tags`,
				row,
				'expected_route',
			);
		}
		return example;
	});
}

/** What the example expected and did not get; empty when it holds. */
export function goldenFailures(example: GoldenExample, got: DmOutcome): string[] {
	const problems: string[] = [];
	if (example.route && got.route !== example.route)
		problems.push(`route "${got.route}" instead of "${example.route}"`);
	// A rule that only tags or routes is expected to match; a rule with a reply, to be the one answering.
	if (example.rule && !got.matchedRules.includes(example.rule)) {
		problems.push(
			`rule "${example.rule}" did not match${got.matchedRules.length ? ` (matched: ${got.matchedRules.map((r) => `"${r}"`).join(', ')})` : ''}`,
		);
	} else if (
		example.rule &&
		got.replyingRules.includes(example.rule) &&
		got.replyingRules[0] !== example.rule
	) {
		problems.push(`rule "${example.rule}" no longer answers ("${got.replyingRules[0]}" does)`);
	}
	if (example.faq && got.faq !== example.faq)
		problems.push(`FAQ "${example.faq}" did not answer${got.faq ? ` ("${got.faq}" did)` : ''}`);
	for (const tag of example.tags ?? [])
		if (!got.tags.includes(tag)) problems.push(`tag "${tag}" missing`);
	return problems;
}
