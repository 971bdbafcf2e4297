/** What the nodes may use of this engine: node folders import from here, never from its files (eslint enforces it). */
export { cachedFaqIndex } from './faq/faqCache';
export type { FaqEntry } from './faq/faqIndex';
export { faqFromRows } from './faq/faqRows';
export { DEFAULT_BUSINESS_HOURS, validateBusinessHours } from './reply/businessHours';
export type { BusinessHours } from './reply/businessHours';
export { compileRuleSet } from './rules/compileRules';
export { RuleSetError } from './rules/ruleModel';
export type { KeywordRule, RuleSetInput } from './rules/ruleModel';
export { ruleFromRow, rulesFromJson } from './rules/ruleRows';
export { smartReply } from './smartReply';
export { synonymsFromRows } from './synonyms/synonymRows';
export type { Synonym } from './synonyms/synonymRows';
export type { Route, SmartReplySettings } from './smartReply';
export type { ModelTail, ModelTailSource } from './smartReply';
export { isUndecided, tailCandidates } from './tailCandidates';
