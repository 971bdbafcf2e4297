/**
 * Aho–Corasick automaton over UTF-16 code units, for many Chinese and Latin keywords.
 *
 * Everything lives in flat Int32Arrays (built in keywordAutomatonBuild.ts), so a scan never
 * allocates and costs a few array reads per character whatever the alphabet size:
 * - `code` maps a code unit to a dense code; units in no keyword (most emoji, punctuation,
 *   rare characters) map to 0 and reset to the root without further work.
 * - the root's goto is a dense row by code (`rootRow`); most characters of a DM start from
 *   the root or fall back to it.
 * - other states' edges sit in a double array: state s's edge on code k is the slot at
 *   `base(s) + k` if that slot is tagged with s. One probe, even for states with hundreds of
 *   children, where sorted edge lists would need a binary search. An edge also carries its
 *   target's base and output, so taking it is a single dependent read.
 * - a miss continues at the state's link: its failure state, or further along the failure
 *   chain where the build folded the failure state's few edges into the state itself.
 * - outputs are linked lists in Int32Arrays: an edge's `emit` is the nearest state on the
 *   target's failure chain (itself included) that ends a keyword, each state's record links
 *   to the next such state (dictionary suffix links), and each state's keywords, duplicates
 *   included, are chained by `nextKeyword`.
 *
 * Surrogate pairs need no care: a keyword of whole pairs matches only whole pairs, since a
 * low surrogate always follows a high one.
 */
import {
	type AutomatonTables,
	buildTables,
	EMIT_NEXT,
	FIRST_KEYWORD,
	LINK,
	LINK_BASE,
	OWNER,
	STRIDE,
	TARGET,
	TARGET_BASE,
	TARGET_EMIT,
} from './keywordAutomatonBuild';

export interface KeywordMatch {
	keyword: number;
	start: number;
	end: number;
}

export class KeywordAutomaton {
	readonly keywordCount: number;
	readonly stateCount: number;

	private constructor(private readonly tables: AutomatonTables) {
		this.keywordCount = tables.keywordLength.length;
		this.stateCount = tables.stateCount;
	}

	/** Keywords must already be normalised; empty ones are skipped but keep their index. */
	static build(keywords: readonly string[]): KeywordAutomaton {
		return new KeywordAutomaton(buildTables(keywords));
	}

	/** Calls onMatch for every occurrence; end is exclusive, in `text`. */
	scan(text: string, onMatch: (keywordIndex: number, end: number) => void): void {
		const { code, rootRow, slots, node, nextKeyword } = this.tables;
		// The current state, its base and the state whose keywords end here (0: none).
		let s = 0;
		let base = 0;
		let emit = 0;
		for (let i = 0, n = text.length; i < n; i++) {
			const k = code[text.charCodeAt(i)];
			if (k === 0) {
				s = 0; // no keyword contains this unit: nothing can match across it
				continue;
			}
			for (;;) {
				if (s === 0) {
					const r = k * STRIDE;
					s = rootRow[r + TARGET];
					base = rootRow[r + TARGET_BASE];
					emit = rootRow[r + TARGET_EMIT];
					break;
				}
				const slot = (base + k) * STRIDE;
				if (slots[slot + OWNER] === s) {
					s = slots[slot + TARGET];
					base = slots[slot + TARGET_BASE];
					emit = slots[slot + TARGET_EMIT];
					break;
				}
				const r = s * STRIDE;
				s = node[r + LINK];
				base = node[r + LINK_BASE];
			}
			for (let t = emit; t !== 0; t = node[t * STRIDE + EMIT_NEXT]) {
				for (let kw = node[t * STRIDE + FIRST_KEYWORD]; kw !== -1; kw = nextKeyword[kw])
					onMatch(kw, i + 1);
			}
		}
	}

	/**
	 * scan() of the text with every unit first mapped through `map` (a 64K table): the same
	 * automaton walk, without building the mapped string. The sound scan reads a message as it
	 * sounds this way (Chinese characters → syllables) at the cost of one more table lookup.
	 * The walk is written twice on purpose: scan() as scanMapped() through an identity table
	 * measured 1.10× slower (median of 12 interleaved rounds, 10k keywords, 20k DMs), and scan()
	 * is what every rule set runs.
	 */
	scanMapped(
		text: string,
		map: Uint16Array,
		onMatch: (keywordIndex: number, end: number) => void,
	): void {
		const { code, rootRow, slots, node, nextKeyword } = this.tables;
		let s = 0;
		let base = 0;
		let emit = 0;
		for (let i = 0, n = text.length; i < n; i++) {
			const k = code[map[text.charCodeAt(i)]];
			if (k === 0) {
				s = 0;
				continue;
			}
			for (;;) {
				if (s === 0) {
					const r = k * STRIDE;
					s = rootRow[r + TARGET];
					base = rootRow[r + TARGET_BASE];
					emit = rootRow[r + TARGET_EMIT];
					break;
				}
				const slot = (base + k) * STRIDE;
				if (slots[slot + OWNER] === s) {
					s = slots[slot + TARGET];
					base = slots[slot + TARGET_BASE];
					emit = slots[slot + TARGET_EMIT];
					break;
				}
				const r = s * STRIDE;
				s = node[r + LINK];
				base = node[r + LINK_BASE];
			}
			for (let t = emit; t !== 0; t = node[t * STRIDE + EMIT_NEXT]) {
				for (let kw = node[t * STRIDE + FIRST_KEYWORD]; kw !== -1; kw = nextKeyword[kw])
					onMatch(kw, i + 1);
			}
		}
	}

	/** Convenience: all occurrences as {keyword, start, end}, in order of their end. */
	matches(text: string): KeywordMatch[] {
		const found: KeywordMatch[] = [];
		const keywordLength = this.tables.keywordLength;
		this.scan(text, (keyword, end) => {
			found.push({ keyword, start: end - keywordLength[keyword], end });
		});
		return found;
	}

	/** Bytes held by the automaton's tables (object headers are negligible). */
	memoryBytes(): number {
		const t = this.tables;
		return [t.code, t.rootRow, t.slots, t.node, t.nextKeyword, t.keywordLength].reduce(
			(sum, table) => sum + table.byteLength,
			0,
		);
	}
}
