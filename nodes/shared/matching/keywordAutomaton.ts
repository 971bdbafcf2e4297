/**
 * Aho–Corasick automaton over UTF-16 code units, for many Chinese and Latin keywords.
 *
 * Everything lives in flat typed arrays (built in keywordAutomatonBuild.ts), so a scan never
 * allocates and costs a few array reads per character whatever the alphabet size:
 * - `code` maps a code unit to a dense code; units in no keyword (most emoji, punctuation,
 *   rare characters) map to 0 and reset to the root without further work.
 * - the root's goto is a dense table by code (`rootNext`); most characters of a DM start
 *   from the root or fall back to it.
 * - other states' edges sit in a double array: state s's edge on code k is slot
 *   `base[s] + k` if that slot is tagged with s. One probe, even for states with hundreds of
 *   children, where sorted edge lists would need a binary search.
 * - a miss continues at `link[s]`: the failure state, or further along the failure chain
 *   where the build folded the failure state's few edges into s itself.
 * - outputs are linked lists in Int32Arrays: `emit` is the nearest state on s's failure
 *   chain (s included) that ends a keyword, `emitNext` the next one (dictionary suffix links),
 *   and each state's keywords, duplicates included, are chained by `nextKeyword`.
 *
 * Per-state fields share one record (`node`, stride 4) so a transition touches one cache
 * line for the state and one for the slot.
 *
 * Surrogate pairs need no care: a keyword of whole pairs matches only whole pairs, since a
 * low surrogate always follows a high one.
 */
import {
	type AutomatonTables,
	BASE,
	buildTables,
	EMIT,
	FIRST_KEYWORD,
	LINK,
	NODE_STRIDE,
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
		const { code, rootNext, node, slots, emitNext, nextKeyword } = this.tables;
		let s = 0;
		for (let i = 0, n = text.length; i < n; i++) {
			const k = code[text.charCodeAt(i)];
			if (k === 0) {
				s = 0; // no keyword contains this unit: nothing can match across it
				continue;
			}
			for (;;) {
				if (s === 0) {
					s = rootNext[k];
					break;
				}
				const record = s * NODE_STRIDE;
				const slot = (node[record + BASE] + k) * 2;
				if (slots[slot] === s) {
					s = slots[slot + 1];
					break;
				}
				s = node[record + LINK];
			}
			for (let t = node[s * NODE_STRIDE + EMIT]; t !== 0; t = emitNext[t]) {
				for (let kw = node[t * NODE_STRIDE + FIRST_KEYWORD]; kw !== -1; kw = nextKeyword[kw]) onMatch(kw, i + 1);
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
		return [t.code, t.rootNext, t.node, t.slots, t.emitNext, t.nextKeyword, t.keywordLength].reduce(
			(sum, table) => sum + table.byteLength,
			0,
		);
	}
}
