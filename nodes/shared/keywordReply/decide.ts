import type { FaqHit } from './faq/faqIndex';
import type { CompiledRuleSet } from './rules/compileRules';
import { evaluateRules, type RuleEvaluation, type RuleMatch } from './rules/evaluateRules';

/**
 * Which way a DM goes, from the rules and the knowledge base alone: no state, no guards, no
 * reply text. The Keyword Reply node adds the guards (cooldown, daily cap) on top; the rule
 * preview and agent assist call this directly, so a preview predicts exactly what the live
 * node decides.
 */
export type Route = 'matched' | 'urgent' | 'noMatch';

export interface FaqSearch {
	search(text: string, options: { topK?: number; threshold?: number }): FaqHit[];
}

export interface Decision {
	route: Route;
	evaluation: RuleEvaluation;
	/** Matched rules that have a reply, highest priority first: the ones that would answer. */
	answering: RuleMatch[];
	/** The knowledge-base entry that answers when no rule does (never in the fast lane). */
	faqHit: FaqHit | null;
	/** The rule that decides: the first answering one, else the first matched. */
	rule: RuleMatch | null;
}

export function decide(
	text: string,
	rules: CompiledRuleSet,
	faq: FaqSearch | undefined,
	faqThreshold: number,
): Decision {
	const evaluation = evaluateRules(rules, text);
	const answering = evaluation.matches.filter((m) => (m.compiled.source.replies ?? []).length > 0);
	const urgent = evaluation.lane === 'urgent';
	let faqHit: FaqHit | null = null;
	if (!answering.length && !urgent && faq)
		faqHit = faq.search(text, { topK: 1, threshold: faqThreshold })[0] ?? null;
	return {
		route: urgent ? 'urgent' : answering.length || faqHit ? 'matched' : 'noMatch',
		evaluation,
		answering,
		faqHit,
		rule: answering[0] ?? evaluation.matches[0] ?? null,
	};
}
