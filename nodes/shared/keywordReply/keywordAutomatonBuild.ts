/**
 * Builds the flat tables behind KeywordAutomaton (see there for the scan side).
 *
 * 1. A trie from the keywords inserted in sorted order: each keyword only adds the suffix it
 *    does not share with its predecessor, and children come out sorted, with no hashing.
 * 2. States renumbered breadth-first; failure links; a state whose failure target has few
 *    edges inherits them ("folds" the failure link into its goto), so scans rarely hop.
 * 3. Characters that occur in keywords get dense codes, most frequent first; every other
 *    character has code 0 and sends the scan straight back to the root.
 * 4. Every non-root state's edges go into a double array: the edge on code k of state s sits
 *    in slot base[s] + k, tagged with s. One lookup per transition whatever the state's
 *    degree, which matters because CJK states can have hundreds of children.
 */
import { placeEdges } from './keywordAutomatonPacking';

/** A state inherits its failure state's edges while the merged list stays this short. */
const FOLD_LIMIT = 4;
const ALPHABET = 0x10000;
/**
 * Everything a scan needs after taking an edge travels with the edge, so a transition is one
 * dependent read (of the slot), not two (slot, then the target's record). Fields of a slot
 * (and of a `rootRow` entry) and of a state's record, all with stride STRIDE:
 */
export const STRIDE = 4;
export const OWNER = 0;
export const TARGET = 1;
/** The target's base, and the nearest state on its failure chain (itself included) that
 *  ends a keyword (0: none). */
export const TARGET_BASE = 2;
export const TARGET_EMIT = 3;
/** A state's record: where to retry a miss, that state's base, its first keyword (-1: none),
 *  and the next state ending a keyword further along its failure chain (dictionary link). */
export const LINK = 0;
export const LINK_BASE = 1;
export const FIRST_KEYWORD = 2;
export const EMIT_NEXT = 3;

export interface AutomatonTables {
	/** UTF-16 code unit → dense code; 0 for units that occur in no keyword. (Int32: if the
	 *  keywords used all 65536 units, the last code would not fit 16 bits.) */
	code: Int32Array;
	/** By code: the root's edges (TARGET, TARGET_BASE, TARGET_EMIT; target 0 if none). */
	rootRow: Int32Array;
	/** Double-array slots: OWNER (-1: free), TARGET, TARGET_BASE, TARGET_EMIT. */
	slots: Int32Array;
	/** Per state: LINK, LINK_BASE, FIRST_KEYWORD, EMIT_NEXT. */
	node: Int32Array;
	/** Per keyword: the next keyword ending at the same state (-1: none). */
	nextKeyword: Int32Array;
	keywordLength: Int32Array;
	stateCount: number;
}

interface Trie {
	size: number;
	char: Uint16Array;
	firstChild: Int32Array;
	nextSibling: Int32Array;
	/** Trie node ending each keyword; 0 for empty keywords. */
	terminal: Int32Array;
}

function buildTrie(keywords: readonly string[]): Trie {
	let capacity = 1;
	let longest = 0;
	const order: number[] = [];
	for (let k = 0; k < keywords.length; k++) {
		const length = keywords[k].length;
		if (length === 0) continue;
		order.push(k);
		capacity += length;
		if (length > longest) longest = length;
	}
	order.sort((a, b) => (keywords[a] < keywords[b] ? -1 : keywords[a] > keywords[b] ? 1 : a - b));
	const char = new Uint16Array(capacity);
	const firstChild = new Int32Array(capacity);
	const lastChild = new Int32Array(capacity);
	const nextSibling = new Int32Array(capacity);
	const terminal = new Int32Array(keywords.length);
	const path = new Int32Array(longest + 1);
	let size = 1;
	let previous = '';
	for (const k of order) {
		const word = keywords[k];
		const limit = Math.min(previous.length, word.length);
		let shared = 0;
		while (shared < limit && previous.charCodeAt(shared) === word.charCodeAt(shared)) shared++;
		for (let d = shared; d < word.length; d++) {
			const parent = path[d];
			const node = size++;
			char[node] = word.charCodeAt(d);
			if (lastChild[parent] === 0) firstChild[parent] = node;
			else nextSibling[lastChild[parent]] = node;
			lastChild[parent] = node;
			path[d + 1] = node;
		}
		terminal[k] = path[word.length];
		previous = word;
	}
	return { size, char, firstChild, nextSibling, terminal };
}

/** Growable edge list (sorted by character per state); folding makes its size unknown. */
class EdgeList {
	chars = new Uint16Array(1024);
	targets = new Int32Array(1024);
	length = 0;

	push(c: number, target: number): void {
		if (this.length === this.chars.length) {
			const chars = new Uint16Array(this.length * 2);
			const targets = new Int32Array(this.length * 2);
			chars.set(this.chars);
			targets.set(this.targets);
			this.chars = chars;
			this.targets = targets;
		}
		this.chars[this.length] = c;
		this.targets[this.length++] = target;
	}

	/** Replaces the own edges at [from, length) by their union with [inherited, inheritedEnd)
	 *  (an earlier state's list); own edges win on a shared character. */
	mergeFrom(from: number, inherited: number, inheritedEnd: number): void {
		const ownChars = this.chars.slice(from, this.length);
		const ownTargets = this.targets.slice(from, this.length);
		this.length = from;
		let a = 0;
		let b = inherited;
		while (a < ownChars.length || b < inheritedEnd) {
			// Read before pushing: a push may reallocate the arrays.
			const bc = b < inheritedEnd ? this.chars[b] : ALPHABET;
			const ac = a < ownChars.length ? ownChars[a] : ALPHABET;
			if (ac <= bc) {
				this.push(ac, ownTargets[a++]);
				if (ac === bc) b++;
			} else {
				this.push(bc, this.targets[b++]);
			}
		}
	}
}

/** Breadth-first states with failure links (folded where cheap), as sorted edge lists. */
function layOut(trie: Trie) {
	const states = trie.size;
	const rootByChar = new Int32Array(ALPHABET);
	const edgeStart = new Int32Array(states + 1);
	const edges = new EdgeList();
	const link = new Int32Array(states);
	const fail = new Int32Array(states);
	const stateOf = new Int32Array(states);
	const queue = new Int32Array(states);
	let queued = 1;
	// Goto over the states laid out so far, all shallower than the one being processed.
	const step = (s: number, c: number): number => {
		for (;;) {
			if (s === 0) return rootByChar[c];
			for (let e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
				if (edges.chars[e] === c) return edges.targets[e];
			}
			s = link[s];
		}
	};
	for (let id = 0; id < states; id++) {
		const from = fail[id];
		const ownStart = edges.length;
		for (let child = trie.firstChild[queue[id]]; child !== 0; child = trie.nextSibling[child]) {
			const target = queued++;
			const c = trie.char[child];
			queue[target] = child;
			stateOf[child] = target;
			if (id === 0) {
				rootByChar[c] = target;
			} else {
				fail[target] = step(from, c);
				edges.push(c, target);
			}
		}
		edgeStart[id] = ownStart;
		const inherited = edgeStart[from + 1] - edgeStart[from];
		if (id === 0 || from === 0 || edges.length - ownStart + inherited > FOLD_LIMIT) {
			link[id] = from;
		} else {
			edges.mergeFrom(ownStart, edgeStart[from], edgeStart[from + 1]);
			link[id] = link[from];
		}
		edgeStart[id + 1] = edges.length;
	}
	return { states, rootByChar, edgeStart, edges, link, fail, stateOf };
}

/** Dense codes for the characters on any edge, most frequent first (keeps the double array
 *  compact: popular characters cluster at small offsets). */
function assignCodes(rootByChar: Int32Array, edges: EdgeList) {
	const count = new Int32Array(ALPHABET);
	for (let c = 0; c < ALPHABET; c++) if (rootByChar[c] !== 0) count[c]++;
	for (let e = 0; e < edges.length; e++) count[edges.chars[e]]++;
	const used: number[] = [];
	for (let c = 0; c < ALPHABET; c++) if (count[c] > 0) used.push(c);
	used.sort((a, b) => count[b] - count[a] || a - b);
	const code = new Int32Array(ALPHABET);
	used.forEach((c, i) => (code[c] = i + 1));
	const rootNext = new Int32Array(used.length + 1);
	for (let c = 0; c < ALPHABET; c++) if (rootByChar[c] !== 0) rootNext[code[c]] = rootByChar[c];
	return { code, rootNext, alphabet: used.length };
}

export function buildTables(keywords: readonly string[]): AutomatonTables {
	const trie = buildTrie(keywords);
	const { states, rootByChar, edgeStart, edges, link, fail, stateOf } = layOut(trie);
	const { code, rootNext, alphabet } = assignCodes(rootByChar, edges);
	const { base, owner, target } = placeEdges(
		states,
		alphabet,
		edgeStart,
		edges.chars,
		edges.targets,
		code,
	);
	const node = new Int32Array(states * STRIDE);
	const nextKeyword = new Int32Array(keywords.length).fill(-1);
	const keywordLength = new Int32Array(keywords.length);
	for (let s = 0; s < states; s++) {
		node[s * STRIDE + LINK] = link[s];
		node[s * STRIDE + LINK_BASE] = base[link[s]];
		node[s * STRIDE + FIRST_KEYWORD] = -1;
	}
	// Chained in ascending keyword order, by prepending from the last keyword.
	for (let k = keywords.length - 1; k >= 0; k--) {
		keywordLength[k] = keywords[k].length;
		if (keywordLength[k] === 0) continue;
		const at = stateOf[trie.terminal[k]] * STRIDE + FIRST_KEYWORD;
		nextKeyword[k] = node[at];
		node[at] = k;
	}
	// Breadth-first order resolves each failure target before the states failing to it.
	const emit = new Int32Array(states);
	for (let s = 1; s < states; s++) {
		emit[s] = node[s * STRIDE + FIRST_KEYWORD] !== -1 ? s : emit[fail[s]];
		node[s * STRIDE + EMIT_NEXT] = emit[fail[s]];
	}
	const edge = (row: Int32Array, at: number, to: number) => {
		row[at + TARGET] = to;
		row[at + TARGET_BASE] = base[to];
		row[at + TARGET_EMIT] = emit[to];
	};
	const rootRow = new Int32Array((alphabet + 1) * STRIDE);
	for (let k = 1; k <= alphabet; k++) edge(rootRow, k * STRIDE, rootNext[k]);
	const slots = new Int32Array(owner.length * STRIDE);
	for (let t = 0; t < owner.length; t++) {
		slots[t * STRIDE + OWNER] = owner[t];
		if (owner[t] >= 0) edge(slots, t * STRIDE, target[t]);
	}
	return { code, rootRow, slots, node, nextKeyword, keywordLength, stateCount: states };
}
