import type { Synonym } from '../synonyms/synonymRows';

/**
 * Keyword rules as admins write them (node UI, or rows of a Data Table / sheet). Everything
 * here is plain data; compileRules turns it into something fast to evaluate.
 */
export type Lane = 'normal' | 'urgent';

export interface KeywordRule {
	name: string;
	enabled?: boolean;
	/** Higher wins when several rules match (stop-on-match). */
	priority?: number;
	/** Every one of these must be mentioned. */
	all?: string[];
	/** At least one of these must be mentioned (when the list is not empty). */
	any?: string[];
	/** None of these may be mentioned. */
	none?: string[];
	/** Optional regular expression, tested on the original text and on the normalised text. */
	regex?: string;
	/** Tags that other rules must have set first: multi-level combinations. */
	requiresTags?: string[];
	/** Tags this rule sets when it matches (intent, product, urgency …). */
	setsTags?: string[];
	/** "urgent" sends the message to the fast lane (complaints, urgent orders). */
	lane?: Lane;
	/** Reply variants; {{nickname}} and other item fields are filled in. */
	replies?: string[];
	/** Reply outside business hours (falls back to the normal replies when empty). */
	outOfHoursReply?: string;
	/** How variants are picked: in turn (default) or at random. */
	variantOrder?: 'rotate' | 'random';
	/** Minutes before this rule may answer the same customer again (overrides the node's). */
	cooldownMinutes?: number;
	/** Ignore mentions preceded by a negation or a third-party description (default true). */
	ignoreNegated?: boolean;
}

export interface RuleSetInput {
	rules: KeywordRule[];
	/** Product and brand names: keywords inside them do not count (急救精华 is not 急). */
	protectedTerms?: string[];
	/** The shop's synonyms: a keyword also hears the other words of its group. */
	synonyms?: Synonym[];
}

export interface RuleProblem {
	rule: string;
	level: 'error' | 'warning';
	message: string;
}

export class RuleSetError extends Error {
	constructor(readonly problems: RuleProblem[]) {
		super(
			`The keyword rules have ${problems.filter((p) => p.level === 'error').length} error(s): ` +
				problems
					.filter((p) => p.level === 'error')
					.map((p) => `rule "${p.rule}": ${p.message}`)
					.join('; '),
		);
		this.name = 'RuleSetError';
	}
}
