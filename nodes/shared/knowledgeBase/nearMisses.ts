import type { CompiledRule, CompiledRuleSet } from '../keywordReply/rules/compileRules';
import { heardBy, type RuleEvaluation } from '../keywordReply/rules/evaluateRules';

/**
 * Rules that almost matched a DM, and what each lacked. An agent answering by hand sees
 * "问价格 needs 面霜 too" and can send that rule's reply in one click; an admin reading the
 * same list sees which keyword or alias the rule is missing.
 *
 * A rule counts as a near miss when the DM mentions at least one of its keywords (even negated
 * or inside a product name), its regex matches, or another rule set one of the tags it
 * requires, and the rule still did not match.
 */
export interface NearMiss {
	rule: string;
	priority: number;
	lane: 'normal' | 'urgent';
	/** Share of the rule's conditions the DM meets, in [0, 1). */
	closeness: number;
	/** What stopped it, in words an admin can act on. */
	missing: string[];
	/** The rule's first reply variant, unrendered; empty when it has none. */
	reply: string;
}

export function nearMisses(
	set: CompiledRuleSet,
	evaluation: RuleEvaluation,
	message: string,
): NearMiss[] {
	const matched = new Set(evaluation.matches.map((m) => m.compiled.index));
	const tags = new Set(evaluation.tags);
	// Why a mention did not count, for the fast lane and for the other rules (which hear a
	// hypothetical or reported mention: only negation and the spans below silence it for them).
	const ignoredWhy = { urgent: new Map<string, string>(), normal: new Map<string, string>() };
	for (const i of evaluation.ignored) {
		const why = `"${i.text}" ${i.reason === 'inside a product name' ? 'is inside a product name' : `is ${i.reason}`}`;
		for (const lane of i.fastLaneOnly ? (['urgent'] as const) : (['urgent', 'normal'] as const))
			if (!ignoredWhy[lane].has(i.keyword)) ignoredWhy[lane].set(i.keyword, why);
	}
	const out: NearMiss[] = [];
	for (const rule of set.order) {
		if (matched.has(rule.index)) continue;
		const lane = rule.source.lane === 'urgent' ? 'urgent' : 'normal';
		const miss = explain(set, rule, evaluation, tags, ignoredWhy[lane], message);
		if (miss) out.push(miss);
	}
	return out.sort((a, b) => b.closeness - a.closeness || b.priority - a.priority);
}

function explain(
	set: CompiledRuleSet,
	rule: CompiledRule,
	evaluation: RuleEvaluation,
	tags: Set<string>,
	ignoredWhy: Map<string, string>,
	message: string,
): NearMiss | undefined {
	const heard = heardBy(rule, evaluation);
	const touched = [...rule.all, ...rule.any].some(
		(id) => evaluation.mentionedIds.has(id) || ignoredWhy.has(set.keywords[id]),
	);
	const regexHit = rule.regex
		? rule.regex.test(message) || rule.regex.test(evaluation.normalizedText)
		: false;
	// A combination rule (only required tags) is near when some of its tags were set.
	const tagged = rule.requiresTags.some((t) => tags.has(t));
	if (!touched && !regexHit && !tagged) return undefined;
	const missing: string[] = [];
	let met = 0;
	let total = 0;
	const why = (id: number) => ignoredWhy.get(set.keywords[id]) ?? `needs "${set.keywords[id]}"`;
	for (const id of rule.all) {
		total++;
		if (heard.has(id)) met++;
		else missing.push(why(id));
	}
	if (rule.any.length) {
		total++;
		if (rule.any.some((id) => heard.has(id))) met++;
		else {
			const reasons = rule.any.filter((id) => ignoredWhy.has(set.keywords[id])).map(why);
			missing.push(
				...(reasons.length
					? reasons
					: [`needs one of ${rule.any.map((id) => `"${set.keywords[id]}"`).join(', ')}`]),
			);
		}
	}
	for (const id of rule.none) {
		total++;
		if (evaluation.mentionedIds.has(id)) missing.push(`excluded by "${set.keywords[id]}"`);
		else met++;
	}
	if (rule.regex) {
		total++;
		if (regexHit) met++;
		else missing.push(`the regex /${rule.regex.source}/ does not match`);
	}
	for (const tag of rule.requiresTags) {
		total++;
		if (tags.has(tag)) met++;
		else missing.push(`needs tag "${tag}" from another rule`);
	}
	if (!missing.length) return undefined;
	return {
		rule: rule.name,
		priority: rule.priority,
		lane: rule.source.lane === 'urgent' ? 'urgent' : 'normal',
		closeness: total ? met / total : 0,
		missing,
		reply: rule.source.replies?.[0] ?? '',
	};
}
