import { createHash } from 'node:crypto';
import { decide, type Route } from '../keywordReply/decide';
import { cachedFaqIndex } from '../keywordReply/faq/faqCache';
import type { FaqEntry } from '../keywordReply/faq/faqIndex';
import { compileRuleSet, type CompiledRuleSet } from '../keywordReply/rules/compileRules';
import type { KeywordRule } from '../keywordReply/rules/ruleModel';
import type { Synonym } from '../keywordReply/synonyms/synonymRows';

/**
 * The team's whole knowledge base as one value: keyword rules, product names and FAQ entries.
 * It is what an admin changes, what the preview compares, and what gets published for the
 * Keyword Reply node to use.
 */
export interface KnowledgeBase {
	rules: KeywordRule[];
	protectedTerms: string[];
	faq: FaqEntry[];
	/** The shop's synonyms (xhs_synonyms); absent in versions published before they existed. */
	synonyms?: Synonym[];
}

export interface CompiledKnowledgeBase {
	rules: CompiledRuleSet;
	faq: ReturnType<typeof cachedFaqIndex> | undefined;
	faqThreshold: number;
}

/** Throws RuleSetError when a rule cannot compile (the preview reports it). */
export function compileKnowledgeBase(
	kb: KnowledgeBase,
	faqThreshold: number,
): CompiledKnowledgeBase {
	return {
		rules: compileRuleSet({
			rules: kb.rules,
			protectedTerms: kb.protectedTerms,
			synonyms: kb.synonyms,
		}),
		faq: kb.faq.length ? cachedFaqIndex(kb.faq, kb.synonyms) : undefined,
		faqThreshold,
	};
}

export function fingerprintOf(value: unknown): string {
	return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/** What happens to one DM under a knowledge base, reduced to what a change can alter. */
export interface DmOutcome {
	route: Route;
	/** The rule that answers (or, in the fast lane without an answer, the first matched). */
	rule: string | null;
	faq: string | null;
	matchedRules: string[];
	/** Matched rules that have a reply, in the order they would answer. */
	replyingRules: string[];
	tags: string[];
}

export function dmOutcome(text: string, kb: CompiledKnowledgeBase): DmOutcome {
	const d = decide(text, kb.rules, kb.faq, kb.faqThreshold);
	return {
		route: d.route,
		rule: d.rule?.rule ?? null,
		faq: d.faqHit?.id ?? null,
		matchedRules: d.evaluation.matches.map((m) => m.rule),
		replyingRules: d.answering.map((m) => m.rule),
		tags: d.evaluation.tags,
	};
}

export function sameOutcome(a: DmOutcome, b: DmOutcome): boolean {
	return a.route === b.route && a.rule === b.rule && a.faq === b.faq;
}

export function describeOutcome(o: DmOutcome): string {
	if (o.route === 'urgent') return `fast lane${o.rule ? ` (rule "${o.rule}")` : ''}`;
	if (o.route === 'matched')
		return o.faq && !o.rule ? `auto-reply from FAQ "${o.faq}"` : `auto-reply by rule "${o.rule}"`;
	return o.matchedRules.length
		? `to a human (tags only: ${o.matchedRules.map((r) => `"${r}"`).join(', ')})`
		: 'to a human';
}
