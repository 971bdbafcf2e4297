import { decide, type FaqSearch, type Route } from '../keywordReply/decide';
import type { FaqHit } from '../keywordReply/faq/faqIndex';
import { renderReply } from '../keywordReply/reply/renderReply';
import type { CompiledRuleSet } from '../keywordReply/rules/compileRules';
import { nearMisses, type NearMiss } from './nearMisses';
import type { ModelPick } from '../modelPick';

/**
 * Agent assist: for a DM a human is answering, the best knowledge-base answers (with scores,
 * rendered for this customer) and the rules that matched or nearly matched, each with its reply,
 * so the agent answers in one click instead of searching. The bar for a suggestion is lower than
 * for an automatic answer: a human reads it before it is sent.
 */
export interface AssistOptions {
	/** How many knowledge-base answers. @default 3 */
	topK?: number;
	/** Lowest score shown. @default 0.3 */
	minScore?: number;
	/** The automatic-answer threshold, to say which suggestion the bot would have sent. @default 0.5 */
	faqThreshold?: number;
	/** How many near misses. @default 3 */
	maxNearMisses?: number;
}

export interface Suggestion {
	rank: number;
	source: 'faq' | 'rule';
	/** FAQ id or rule name. */
	id: string;
	/** The FAQ question it matched, or the rule's name. */
	title: string;
	/** Ready to send: placeholders filled from the DM item. */
	reply: string;
	score: number;
	/** Whether the bot would have sent it on its own. */
	automatic: boolean;
	/** The entry a connected chat model chose for this DM (Suggest Replies with a Chat Model). */
	chosenByModel?: boolean;
}

export interface AssistResult {
	route: Route;
	tags: string[];
	suggestions: Suggestion[];
	matchedRules: Array<{ rule: string; priority: number; lane: string; reply: string }>;
	nearMisses: Array<NearMiss & { reply: string }>;
	/** The first suggestion's reply, for a one-click answer; empty when there is none. */
	bestReply: string;
	/** With a Chat Model connected: its choice among the closest entries, its reason and confidence. */
	model?: ModelPick;
}

export function assist(
	dm: Record<string, unknown> & { text: string },
	rules: CompiledRuleSet | undefined,
	faq: FaqSearch | undefined,
	options: AssistOptions = {},
): AssistResult {
	const topK = options.topK ?? 3;
	const minScore = options.minScore ?? 0.3;
	const faqThreshold = options.faqThreshold ?? 0.5;
	const decision = rules ? decide(dm.text, rules, faq, faqThreshold) : undefined;
	const render = (template: string) => renderReply(template, dm);
	const suggestions: Suggestion[] = [];
	for (const m of decision?.answering ?? []) {
		suggestions.push({
			rank: 0,
			source: 'rule',
			id: m.rule,
			title: m.rule,
			reply: render(m.compiled.source.replies?.[0] ?? ''),
			score: 1,
			automatic: true,
		});
	}
	const hits: FaqHit[] = faq ? faq.search(dm.text, { topK, threshold: minScore }) : [];
	for (const hit of hits) {
		suggestions.push({
			rank: 0,
			source: 'faq',
			id: hit.id,
			title: hit.matchedQuestion,
			reply: render(hit.answer),
			score: round(hit.score),
			automatic:
				hit.score >= faqThreshold && decision?.route === 'matched' && !decision.answering.length,
		});
	}
	// Rules that answer come first (they would have been sent), then the knowledge base's top K.
	const top = suggestions;
	top.forEach((s, i) => (s.rank = i + 1));
	const misses =
		rules && decision
			? nearMisses(rules, decision.evaluation, dm.text).slice(0, options.maxNearMisses ?? 3)
			: [];
	return {
		route: decision?.route ?? (hits.some((h) => h.score >= faqThreshold) ? 'matched' : 'noMatch'),
		tags: decision?.evaluation.tags ?? [],
		suggestions: top,
		matchedRules: (decision?.evaluation.matches ?? []).map((m) => ({
			rule: m.rule,
			priority: m.priority,
			lane: m.lane,
			reply: render(m.compiled.source.replies?.[0] ?? ''),
		})),
		nearMisses: misses.map((m) => ({
			...m,
			closeness: round(m.closeness),
			reply: render(m.reply),
		})),
		bestReply: top[0]?.reply ?? '',
	};
}

/** The model's pick marked on the suggestions: the agent sees which answer it chose and why. */
export function withModelPick(result: AssistResult, pick: ModelPick): AssistResult {
	return {
		...result,
		model: pick,
		suggestions: result.suggestions.map((s) =>
			pick.outcome === 'answered' && s.source === 'faq' && s.id === pick.entry
				? { ...s, chosenByModel: true }
				: s,
		),
	};
}

function round(x: number): number {
	return Math.round(x * 1000) / 1000;
}
