import { createHash } from 'node:crypto';
import { KeywordAutomaton } from '../keywordAutomaton';
import { normalizeKeyword } from '../normalize';
import { buildSoundIndex, type SoundIndex } from '../sound/soundMatches';
import { SynonymTable } from '../synonyms/synonymTable';
import { ALIASES } from '../aliases';
import { RuleSetError, type KeywordRule, type RuleProblem, type RuleSetInput } from './ruleModel';

/**
 * A rule set compiled once: every keyword of every rule (and every protected term) in one
 * automaton, so a message is scanned once whatever the number of rules; rules refer to
 * keyword ids. Compiled sets are cached by content hash, so an execution with unchanged
 * rules rebuilds nothing.
 */
export interface CompiledRule {
	index: number;
	source: KeywordRule;
	name: string;
	priority: number;
	all: number[];
	any: number[];
	none: number[];
	regex?: RegExp;
	requiresTags: string[];
	setsTags: string[];
	ignoreNegated: boolean;
}

export interface CompiledRuleSet {
	hash: string;
	rules: CompiledRule[];
	/** In evaluation order: priority high → low, then as written. */
	order: CompiledRule[];
	automaton: KeywordAutomaton;
	/** Normalised keyword text per keyword id. */
	keywords: string[];
	/** Keyword ids that are protected terms (product names). */
	protectedIds: Set<number>;
	/** Keyword ids some rule uses: a product name that is also a rule's keyword is a mention of it. */
	ruleKeywordIds: Set<number>;
	/**
	 * The rule keywords that have a sound form, found as written and by sound (推货 for 退货,
	 * "tuihuo"); the automaton above holds the rest. Undefined when none has a sound form.
	 */
	sound?: SoundIndex;
	/**
	 * Keyword ids that are another spelling of rule keywords, with the rule keyword ids each
	 * stands for: by the shop's synonyms (充电头 for a rule's 充电器), and the vocabulary's Chinese
	 * spellings heard by sound (烂脸 for 过敏). Undefined when there are none.
	 */
	standsFor?: ReadonlyMap<number, readonly number[]>;
	warnings: RuleProblem[];
}

const cache = new Map<string, CompiledRuleSet>();
const CACHE_LIMIT = 16;

export function ruleSetHash(input: RuleSetInput): string {
	return createHash('sha256')
		.update(JSON.stringify([input.rules, input.protectedTerms ?? [], input.synonyms ?? []]))
		.digest('hex');
}

export function compileRuleSet(input: RuleSetInput): CompiledRuleSet {
	const hash = ruleSetHash(input);
	const cached = cache.get(hash);
	if (cached) return cached;
	const compiled = build(input, hash);
	cache.set(hash, compiled);
	if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
	return compiled;
}

export function compiledCacheSize(): number {
	return cache.size;
}

function build(input: RuleSetInput, hash: string): CompiledRuleSet {
	const problems: RuleProblem[] = [];
	const keywordIds = new Map<string, number>();
	const keywords: string[] = [];
	const idOf = (raw: string): number | undefined => {
		const k = normalizeKeyword(raw);
		if (!k) return undefined;
		let id = keywordIds.get(k);
		if (id === undefined) {
			id = keywords.length;
			keywords.push(k);
			keywordIds.set(k, id);
		}
		return id;
	};
	const ids = (list: string[] | undefined, rule: string, field: string): number[] => {
		const out: number[] = [];
		for (const raw of list ?? []) {
			const id = idOf(raw);
			if (id === undefined)
				problems.push({
					rule,
					level: 'warning',
					message: `${field} keyword "${raw}" is empty after normalisation and is ignored`,
				});
			else out.push(id);
		}
		return out;
	};

	const seenNames = new Set<string>();
	const rules: CompiledRule[] = [];
	input.rules.forEach((source, index) => {
		const name = (source.name ?? '').trim() || `rule ${index + 1}`;
		if (seenNames.has(name))
			problems.push({ rule: name, level: 'error', message: 'another rule has the same name' });
		seenNames.add(name);
		if (source.enabled === false) return;
		const rule: CompiledRule = {
			index,
			source,
			name,
			priority: Number.isFinite(source.priority) ? Number(source.priority) : 0,
			all: ids(source.all, name, 'all'),
			any: ids(source.any, name, 'any'),
			none: ids(source.none, name, 'none'),
			requiresTags: (source.requiresTags ?? []).map((t) => t.trim()).filter(Boolean),
			setsTags: (source.setsTags ?? []).map((t) => t.trim()).filter(Boolean),
			ignoreNegated: source.ignoreNegated !== false,
		};
		if (source.regex && source.regex.trim()) {
			const regex = compileRegex(source.regex.trim());
			if (typeof regex === 'string')
				problems.push({ rule: name, level: 'error', message: `invalid regex: ${regex}` });
			else rule.regex = regex;
		}
		// An invalid regex is reported above; "no condition" would only repeat it wrongly.
		if (
			rule.all.length === 0 &&
			rule.any.length === 0 &&
			!source.regex?.trim() &&
			rule.requiresTags.length === 0
		) {
			problems.push({
				rule: name,
				level: 'error',
				message: 'has no condition: give it keywords (all / any), a regex or required tags',
			});
			return;
		}
		rules.push(rule);
	});

	const tagSetters = new Set(rules.flatMap((r) => r.setsTags));
	for (const rule of rules) {
		for (const tag of rule.requiresTags) {
			if (!tagSetters.has(tag)) {
				problems.push({
					rule: rule.name,
					level: 'warning',
					message: `requires tag "${tag}" that no enabled rule sets, so it can never match`,
				});
			}
		}
		if (
			!rule.source.replies?.length &&
			rule.setsTags.length === 0 &&
			rule.source.lane !== 'urgent'
		) {
			problems.push({
				rule: rule.name,
				level: 'warning',
				message: 'has no reply, sets no tag and is not a fast-lane rule: it has no effect',
			});
		}
	}
	const errors = problems.filter((p) => p.level === 'error');
	if (errors.length) throw new RuleSetError(problems);

	const protectedIds = new Set<number>();
	for (const term of input.protectedTerms ?? []) {
		const id = idOf(term);
		if (id !== undefined) protectedIds.add(id);
	}
	const order = [...rules].sort((a, b) => b.priority - a.priority || a.index - b.index);
	const ruleKeywordIds = new Set(rules.flatMap((r) => [...r.all, ...r.any, ...r.none]));
	const standsFor = synonymSpellings(input, keywords, ruleKeywordIds, idOf);
	const heardOnly = vocabularySounds(keywords, ruleKeywordIds, protectedIds, standsFor);
	const sound = buildSoundIndex(
		keywords,
		(id) => (ruleKeywordIds.has(id) && !protectedIds.has(id)) || heardOnly.has(id),
	);
	const bySound = new Set(sound?.keywordIds.flat() ?? []);
	return {
		hash,
		rules,
		order,
		// Keywords with a sound form are found by the sound scan, as written and as heard; the
		// keyword automaton keeps the others (single characters, digits, Latin, product names).
		automaton: KeywordAutomaton.build(
			keywords.map((k, id) => (bySound.has(id) || heardOnly.has(id) ? '' : k)),
		),
		sound,
		...(standsFor.size ? { standsFor } : {}),
		keywords,
		protectedIds,
		ruleKeywordIds,
		warnings: problems,
	};
}

/** The shop's synonyms: every other spelling of each rule keyword, as a keyword standing for it. */
function synonymSpellings(
	input: RuleSetInput,
	keywords: string[],
	ruleKeywordIds: ReadonlySet<number>,
	idOf: (raw: string) => number | undefined,
): Map<number, number[]> {
	const standsFor = new Map<number, number[]>();
	if (!input.synonyms?.length) return standsFor;
	// Product names included: a product's nickname (小金瓶 for 急救精华) is what shops add most.
	addSpellings(
		new SynonymTable(input.synonyms, normalizeKeyword),
		ruleKeywordIds,
		keywords,
		standsFor,
		idOf,
	);
	return standsFor;
}

/**
 * The vocabulary's Chinese spellings of rule keywords, heard by their sound only. Normalising
 * turns 烂脸 into 过敏 (vocabulary.ts), so a rule keyword 烂脸 is stored as 过敏 and would hear
 * "guomin" but no longer "lan lian" or 烂剑; these spellings keep their own sound. As written they
 * never reach the matcher (normalising rewrote them), hence sound only: each is a keyword of its
 * own, as written, returned so that only the sound scan holds it.
 */
let vocabulary: SynonymTable | undefined;

function vocabularySounds(
	keywords: string[],
	ruleKeywordIds: ReadonlySet<number>,
	protectedIds: ReadonlySet<number>,
	standsFor: Map<number, number[]>,
): Set<number> {
	vocabulary ??= new SynonymTable(
		[...groupBy(ALIASES.filter(([key]) => /^\p{Script=Han}{2,}$/u.test(key)))].map(
			([means, words]) => ({ means, words }),
		),
		(t) => t,
	);
	const added = new Set<number>();
	const heardOnly = (variant: string) => {
		added.add(keywords.length);
		return keywords.push(variant) - 1;
	};
	const ids = [...ruleKeywordIds].filter((id) => !protectedIds.has(id));
	addSpellings(vocabulary, ids, keywords, standsFor, heardOnly);
	return added;
}

/** Each keyword's other spellings by `table`, as the keywords `idOf` gives, standing for it. */
function addSpellings(
	table: SynonymTable,
	ids: Iterable<number>,
	keywords: string[],
	standsFor: Map<number, number[]>,
	idOf: (spelling: string) => number | undefined,
): void {
	for (const id of ids) {
		for (const variant of table.variants(keywords[id])) {
			const other = idOf(variant);
			if (other === undefined || other === id) continue;
			const list = standsFor.get(other) ?? [];
			if (!list.includes(id)) list.push(id);
			standsFor.set(other, list);
		}
	}
}

function groupBy(aliases: ReadonlyArray<readonly [string, string]>): Map<string, string[]> {
	const groups = new Map<string, string[]>();
	for (const [key, canonical] of aliases)
		groups.set(canonical, [...(groups.get(canonical) ?? []), key]);
	return groups;
}

function compileRegex(text: string): RegExp | string {
	// "/pattern/flags" or a bare pattern (case-insensitive by default, as keywords are).
	const literal = /^\/(.+)\/([dgimsuy]*)$/s.exec(text);
	try {
		return literal ? new RegExp(literal[1], literal[2].replace('g', '')) : new RegExp(text, 'i');
	} catch (error) {
		return (error as Error).message;
	}
}
