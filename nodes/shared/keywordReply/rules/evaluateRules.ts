import { normalize, originalSpan } from '../normalize';
import type { CompiledRule, CompiledRuleSet } from './compileRules';
import { scanSound } from '../sound/soundMatches';
import { clauseContext } from './clauseContext';
import { mentionContext, type MentionContext } from './mentionContext';
import { otherSense } from './wordSenses';
import type { Lane } from './ruleModel';

/**
 * One message against a compiled rule set: one scan of the normalised text finds every
 * keyword of every rule; mentions inside product names are dropped, negated or third-party
 * mentions are kept apart; then rules match in passes until no new tag appears, so rules that
 * require tags set by other rules (multi-level combinations) see them whatever their order.
 */
export interface KeywordHit {
	keyword: string;
	/** Span in the ORIGINAL message (UTF-16 units), and the original text of it. */
	start: number;
	end: number;
	text: string;
	/** Heard by its sound: the text is a same-sound typo or typed pinyin of the keyword. */
	sound?: true;
	/** Heard through the shop's synonyms: the text is another word for the keyword. */
	synonym?: true;
}

export interface IgnoredMention extends KeywordHit {
	reason:
		| Exclude<MentionContext, 'plain'>
		| 'inside a product name'
		| 'inside a longer number'
		| 'inside another word';
	/**
	 * Ignored by the fast lane's rules only: a hypothetical, someone else's words or case, or the
	 * customer's work is no complaint or emergency now, yet it is still what they ask about
	 * ("别人说你们退款很慢，是真的吗" asks about refunds).
	 */
	fastLaneOnly?: true;
}

export interface RuleMatch {
	rule: string;
	priority: number;
	lane: Lane;
	setsTags: string[];
	keywords: KeywordHit[];
	regex?: string;
	/** The rule as compiled, for reply rendering. */
	compiled: CompiledRule;
}

export interface RuleEvaluation {
	/** Matched rules, highest priority first. */
	matches: RuleMatch[];
	tags: string[];
	lane: Lane;
	ignored: IgnoredMention[];
	normalizedText: string;
	/**
	 * Keyword ids mentioned plainly (what the fast lane hears), asked about (not negated: what
	 * the other rules hear), and mentioned at all. Read them through `heardBy`.
	 */
	plainIds: ReadonlySet<number>;
	askedIds: ReadonlySet<number>;
	mentionedIds: ReadonlySet<number>;
}

/**
 * The keyword ids a rule hears: every mention when it does not ignore negated ones; else the
 * fast lane only plain mentions, and the other rules all but negated ones. The node, the rule
 * preview and the near-miss list all decide through this.
 */
export function heardBy(
	rule: CompiledRule,
	evaluation: Pick<RuleEvaluation, 'plainIds' | 'askedIds' | 'mentionedIds'>,
): ReadonlySet<number> {
	if (!rule.ignoreNegated) return evaluation.mentionedIds;
	return rule.source.lane === 'urgent' ? evaluation.plainIds : evaluation.askedIds;
}

interface Occurrence {
	id: number;
	start: number;
	end: number;
	context: MentionContext;
	sound?: true;
	synonym?: true;
}

export function evaluateRules(set: CompiledRuleSet, message: string): RuleEvaluation {
	const n = normalize(message);
	const found: Occurrence[] = [];
	set.automaton.scan(n.text, (id, end) => {
		found.push({ id, start: end - set.keywords[id].length, end, context: 'plain' });
	});
	if (set.sound) {
		scanSound(set.sound, n.text, set.keywords, (id, start, end, exact) =>
			found.push(
				exact
					? { id, start, end, context: 'plain' }
					: { id, start, end, context: 'plain', sound: true },
			),
		);
		// In text order again, as one scan reports them (by end; the longer first at one end).
		found.sort((a, b) => a.end - b.end || a.start - b.start);
	}
	if (set.standsFor) {
		const before = found.length;
		for (let k = 0; k < before; k++) {
			const o = found[k];
			for (const id of set.standsFor.get(o.id) ?? []) found.push({ ...o, id, synonym: true });
		}
		if (found.length > before) found.sort((a, b) => a.end - b.end || a.start - b.start);
	}
	const protectedSpans = found.filter((o) => set.protectedIds.has(o.id));
	const hit = (o: Occurrence): KeywordHit => {
		const span = originalSpan(n, o.start, o.end);
		return {
			keyword: set.keywords[o.id],
			start: span.start,
			end: span.end,
			text: message.slice(span.start, span.end),
			...(o.sound ? { sound: true as const } : {}),
			...(o.synonym ? { synonym: true as const } : {}),
		};
	};
	const ignored: IgnoredMention[] = [];
	const mentions: Occurrence[] = [];
	for (const o of found) {
		// Another spelling (a synonym, a vocabulary word heard by sound) counts as the keyword it
		// stands for, added above; as itself it is no mention, to use or to ignore.
		if (set.standsFor?.has(o.id) && !set.ruleKeywordIds.has(o.id)) continue;
		// A product name shields the keywords inside it; named as a rule's keyword itself (精华 rule
		// listing 急救精华), it is a mention like any other.
		if (set.protectedIds.has(o.id) && !set.ruleKeywordIds.has(o.id)) continue;
		if (
			protectedSpans.some(
				(p) => p.start <= o.start && o.end <= p.end && !(p.start === o.start && p.end === o.end),
			)
		) {
			ignored.push({ ...hit(o), reason: 'inside a product name' });
			continue;
		}
		// A hotline number inside an order number ("订单号 123150098") is not the hotline.
		if (
			isDigits(set.keywords[o.id]) &&
			(isDigitAt(n.text, o.start - 1) || isDigitAt(n.text, o.end))
		) {
			ignored.push({ ...hit(o), reason: 'inside a longer number' });
			continue;
		}
		// 急 in 急救面膜, 退 in 退红霜: the word means something else.
		if (!o.synonym && otherSense(n.text, set.keywords[o.id], o.start)) {
			ignored.push({ ...hit(o), reason: 'inside another word' });
			continue;
		}
		o.context = mentionContext(n.text, o.start, o.end);
		if (o.context === 'plain') {
			const span = originalSpan(n, o.start, o.end);
			o.context = clauseContext(message, span.start, span.end) ?? 'plain';
		}
		mentions.push(o);
	}
	// A keyword inside a negated one is negated too: "不需要加急" also silences "急".
	for (const o of mentions) {
		if (o.context !== 'plain') continue;
		const outer = mentions.find(
			(p) => p.context !== 'plain' && p.start <= o.start && o.end <= p.end,
		);
		if (outer) o.context = outer.context;
	}
	for (const o of mentions)
		if (o.context !== 'plain')
			ignored.push({
				...hit(o),
				reason: o.context,
				...(o.context === 'negated' ? {} : { fastLaneOnly: true as const }),
			});
	const anyMention = new Set(mentions.map((o) => o.id));
	const plainMention = new Set(mentions.filter((o) => o.context === 'plain').map((o) => o.id));
	const askedMention = new Set(mentions.filter((o) => o.context !== 'negated').map((o) => o.id));
	const heardSets = { plainIds: plainMention, askedIds: askedMention, mentionedIds: anyMention };

	const tags = new Set<string>();
	const matched = new Map<number, RuleMatch>();
	for (let changed = true, passes = 0; changed && passes <= set.order.length; passes++) {
		changed = false;
		for (const rule of set.order) {
			if (matched.has(rule.index) || !rule.requiresTags.every((t) => tags.has(t))) continue;
			const heard = heardBy(rule, heardSets);
			if (!conditionsHold(rule, heard, anyMention, message, n.text)) continue;
			const ruleIds = new Set([...rule.all, ...rule.any]);
			matched.set(rule.index, {
				rule: rule.name,
				priority: rule.priority,
				lane: rule.source.lane === 'urgent' ? 'urgent' : 'normal',
				setsTags: rule.setsTags,
				keywords: mentions.filter((o) => ruleIds.has(o.id) && hears(rule, o.context)).map(hit),
				regex: rule.regex?.source,
				compiled: rule,
			});
			for (const tag of rule.setsTags) {
				if (!tags.has(tag)) {
					tags.add(tag);
					changed = true;
				}
			}
		}
	}
	const matches = set.order
		.filter((r) => matched.has(r.index))
		.map((r) => matched.get(r.index) as RuleMatch);
	return {
		matches,
		tags: [...tags],
		lane: matches.some((m) => m.lane === 'urgent') ? 'urgent' : 'normal',
		ignored,
		normalizedText: n.text,
		plainIds: plainMention,
		askedIds: askedMention,
		mentionedIds: anyMention,
	};
}

/** Whether a rule hears one mention in its context (heardBy, for a single occurrence). */
function hears(rule: CompiledRule, context: MentionContext): boolean {
	if (!rule.ignoreNegated || context === 'plain') return true;
	return rule.source.lane !== 'urgent' && context !== 'negated';
}

function isDigits(text: string): boolean {
	if (text.length === 0) return false;
	for (let i = 0; i < text.length; i++) if (!isDigitAt(text, i)) return false;
	return true;
}

function isDigitAt(text: string, i: number): boolean {
	const c = i >= 0 && i < text.length ? text.charCodeAt(i) : 0;
	return c >= 0x30 && c <= 0x39;
}

function conditionsHold(
	rule: CompiledRule,
	heard: ReadonlySet<number>,
	anyMention: ReadonlySet<number>,
	original: string,
	normalized: string,
): boolean {
	if (!rule.all.every((id) => heard.has(id))) return false;
	if (rule.any.length > 0 && !rule.any.some((id) => heard.has(id))) return false;
	if (rule.none.some((id) => anyMention.has(id))) return false;
	if (rule.regex && !(rule.regex.test(original) || rule.regex.test(normalized))) return false;
	return true;
}
