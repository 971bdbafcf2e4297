import { faqText } from '../keywordReply/faq/faqText';
import { outcomeOf } from '../outcome';
import { RuleSetError, type RuleProblem } from '../keywordReply/rules/ruleModel';
import { goldenFailures, type GoldenExample } from './goldenSet';
import type { ModelPreview } from './modelPreview';
import {
	compileKnowledgeBase,
	describeOutcome,
	dmOutcome,
	sameOutcome,
	type CompiledKnowledgeBase,
	type KnowledgeBase,
	type DmOutcome,
} from './knowledgeBase';

/**
 * What an admin's change to the rules or the knowledge base would do, before it goes live:
 * both versions decide every sample DM (recent real ones and the golden set) exactly as the
 * Keyword Reply node would, and the report lists what moves, which golden examples break,
 * which rules never fire, and which rules or FAQ entries step on each other.
 */
export interface SampleDm {
	text: string;
	messageId?: string;
	at?: number;
}

export interface PreviewOptions {
	faqThreshold?: number;
	/** How many changed DMs are listed (all are counted). @default 30 */
	maxExamples?: number;
}

export type ChangeKind =
	| 'now answered'
	| 'no longer answered'
	| 'into the fast lane'
	| 'out of the fast lane'
	| 'different answer';

export interface RouteChange {
	text: string;
	kind: ChangeKind;
	before: string;
	after: string;
	/** How many sample DMs had this same text. */
	count: number;
}

export interface GoldenResult {
	row: number;
	text: string;
	note?: string;
	problems: string[];
	got: string;
	/** Whether it held under the live version (false: it was already failing). */
	passedBefore: boolean | null;
}

export interface RuleOverlap {
	higher: string;
	lower: string;
	/** DMs both matched. */
	together: number;
	/** DMs only the lower-priority rule matched. */
	lowerAlone: number;
	/** The lower rule has a reply but never gets to send it: the higher one always answers first. */
	shadowed: boolean;
}

export interface FaqOverlap {
	entry: string;
	question: string;
	otherEntry: string;
	score: number;
}

export interface PreviewReport {
	/** pass: nothing the team said must hold broke; fail: a golden example this change breaks, or rules that do not compile. */
	verdict: 'pass' | 'fail';
	errors: RuleProblem[];
	warnings: RuleProblem[];
	sampled: { recent: number; golden: number; distinctTexts: number };
	golden: {
		total: number;
		passed: number;
		brokenByChange: GoldenResult[];
		alreadyFailing: GoldenResult[];
	};
	changes: { total: number; byKind: Record<ChangeKind, number>; examples: RouteChange[] };
	neverFired: string[];
	overlaps: RuleOverlap[];
	faqOverlaps: FaqOverlap[];
	/** With a chat model connected: what it would answer of what the rules leave to humans. */
	model?: ModelPreview;
}

const KINDS: ChangeKind[] = [
	'now answered',
	'no longer answered',
	'into the fast lane',
	'out of the fast lane',
	'different answer',
];

export function previewChange(
	live: KnowledgeBase | undefined,
	proposed: KnowledgeBase,
	recent: SampleDm[],
	golden: GoldenExample[],
	options: PreviewOptions = {},
): PreviewReport {
	const threshold = options.faqThreshold ?? 0.5;
	const report: PreviewReport = {
		verdict: 'pass',
		errors: [],
		warnings: [],
		sampled: { recent: recent.length, golden: golden.length, distinctTexts: 0 },
		golden: { total: golden.length, passed: 0, brokenByChange: [], alreadyFailing: [] },
		changes: {
			total: 0,
			byKind: Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>,
			examples: [],
		},
		neverFired: [],
		overlaps: [],
		faqOverlaps: [],
	};
	const compiled = outcomeOf(() => compileKnowledgeBase(proposed, threshold));
	if (!compiled.ok) {
		if (!(compiled.error instanceof RuleSetError)) throw compiled.error;
		report.errors = compiled.error.problems.filter((p) => p.level === 'error');
		report.warnings = compiled.error.problems.filter((p) => p.level === 'warning');
		report.verdict = 'fail';
		return report;
	}
	const next = compiled.value;
	report.warnings = next.rules.warnings;
	// The live version compiled before; if it no longer does (a normaliser change), compare with nothing.
	const liveCompiled = live ? outcomeOf(() => compileKnowledgeBase(live, threshold)) : undefined;
	const before = liveCompiled?.ok ? liveCompiled.value : undefined;

	// Each distinct text is decided once; repeats only add to its counts.
	const texts = new Map<string, { text: string; count: number; recent: number }>();
	const add = (text: string, recentOne: number) => {
		const key = faqText(text) || text;
		const seen = texts.get(key) ?? { text, count: 0, recent: 0 };
		seen.count++;
		seen.recent += recentOne;
		texts.set(key, seen);
	};
	for (const dm of recent) add(dm.text, 1);
	for (const example of golden) add(example.text, 0);
	report.sampled.distinctTexts = texts.size;
	const after = new Map<string, DmOutcome>();
	for (const [key, { text }] of texts) after.set(key, dmOutcome(text, next));

	for (const example of golden) {
		const got = after.get(faqText(example.text) || example.text) as DmOutcome;
		const problems = goldenFailures(example, got);
		if (!problems.length) {
			report.golden.passed++;
			continue;
		}
		const passedBefore = before
			? goldenFailures(example, dmOutcome(example.text, before)).length === 0
			: null;
		const result: GoldenResult = {
			row: example.row,
			text: example.text,
			note: example.note,
			problems,
			got: describeOutcome(got),
			passedBefore,
		};
		// Without a live version every failure is this change's; an example that already failed does not block.
		if (passedBefore === false) report.golden.alreadyFailing.push(result);
		else report.golden.brokenByChange.push(result);
	}

	if (before) {
		for (const [key, { text, recent: count }] of texts) {
			if (count === 0) continue;
			const was = dmOutcome(text, before);
			const now = after.get(key) as DmOutcome;
			if (sameOutcome(was, now)) continue;
			const kind = changeKind(was, now);
			report.changes.total += count;
			report.changes.byKind[kind] += count;
			report.changes.examples.push({
				text,
				kind,
				before: describeOutcome(was),
				after: describeOutcome(now),
				count,
			});
		}
		report.changes.examples.sort(
			(a, b) => b.count - a.count || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind),
		);
		report.changes.examples = report.changes.examples.slice(0, options.maxExamples ?? 30);
	}

	const outcomes = [...after.entries()].map(([key, o]) => ({
		o,
		count: texts.get(key)?.count ?? 1,
	}));
	report.neverFired = next.rules.order
		.filter((r) => !outcomes.some(({ o }) => o.matchedRules.includes(r.name)))
		.map((r) => r.name);
	report.overlaps = overlapsOf(next, outcomes);
	report.faqOverlaps = faqOverlapsOf(proposed, next);
	if (report.golden.brokenByChange.length) report.verdict = 'fail';
	return report;
}

function changeKind(was: DmOutcome, now: DmOutcome): ChangeKind {
	if (was.route !== 'urgent' && now.route === 'urgent') return 'into the fast lane';
	if (was.route === 'urgent' && now.route !== 'urgent') return 'out of the fast lane';
	if (was.route === 'noMatch' && now.route === 'matched') return 'now answered';
	if (was.route === 'matched' && now.route === 'noMatch') return 'no longer answered';
	return 'different answer';
}

function overlapsOf(
	kb: CompiledKnowledgeBase,
	outcomes: Array<{ o: DmOutcome; count: number }>,
): RuleOverlap[] {
	const order = kb.rules.order;
	const rank = new Map(order.map((r, i) => [r.name, i]));
	const hasReply = new Map(order.map((r) => [r.name, (r.source.replies ?? []).length > 0]));
	const pairs = new Map<string, { higher: string; lower: string; together: number }>();
	for (const { o, count } of outcomes) {
		const matched = [...o.matchedRules].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
		for (let i = 0; i < matched.length; i++) {
			for (let j = i + 1; j < matched.length; j++) {
				const key = `${matched[i]}\u0000${matched[j]}`;
				const pair = pairs.get(key) ?? { higher: matched[i], lower: matched[j], together: 0 };
				pair.together += count;
				pairs.set(key, pair);
			}
		}
	}
	return [...pairs.values()]
		.map((p) => {
			// Alone here means: without this particular higher rule.
			const lowerAlone = outcomes
				.filter(({ o }) => o.matchedRules.includes(p.lower) && !o.matchedRules.includes(p.higher))
				.reduce((s, { count }) => s + count, 0);
			return {
				...p,
				lowerAlone,
				shadowed:
					lowerAlone === 0 && hasReply.get(p.lower) === true && hasReply.get(p.higher) === true,
			};
		})
		.sort((a, b) => Number(b.shadowed) - Number(a.shadowed) || b.together - a.together)
		.slice(0, 20);
}

/**
 * FAQ entries with near-duplicate questions: another entry scores at least halfway between the
 * threshold and a perfect match on one of this entry's own questions. Merely passing the
 * threshold is too common to be news (孕妇能用吗 reaches 0.51 against 过期能用吗 on 能用吗).
 */
function faqOverlapsOf(kb: KnowledgeBase, compiled: CompiledKnowledgeBase): FaqOverlap[] {
	if (!compiled.faq) return [];
	const bar = (compiled.faqThreshold + 1) / 2;
	const seen = new Set<string>();
	const out: FaqOverlap[] = [];
	for (const entry of kb.faq) {
		for (const question of entry.questions) {
			for (const hit of compiled.faq.search(question, { topK: 3, threshold: bar })) {
				if (hit.id === entry.id) continue;
				const pair = [entry.id, hit.id].sort().join('\u0000');
				if (seen.has(pair)) continue;
				seen.add(pair);
				out.push({
					entry: entry.id,
					question,
					otherEntry: hit.id,
					score: Math.round(hit.score * 1000) / 1000,
				});
			}
		}
	}
	return out;
}
