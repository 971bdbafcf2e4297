/**
 * Double-array packing for KeywordAutomaton: every state's edges (as dense character codes)
 * get a base such that slot base + code is free for each of them; the slot records the
 * owning state and the target. First fit over a list of free slots; states with several
 * edges search from where the last state of similar degree went, because rescanning a region
 * that already failed them (wide CJK states need many free slots at once) would make the
 * build quadratic. Narrow states fill the holes left behind.
 */

const FREE = -1;
/** States with fewer edges always search from the first free slot, filling holes. */
const NARROW = 4;

export interface PackedEdges {
	base: Int32Array;
	/** Per slot: the state whose edge it is (FREE if none), and the edge's target. */
	owner: Int32Array;
	target: Int32Array;
}

/**
 * Slot owners and targets while packing, plus a doubly linked list of the free slots in
 * increasing order, so the search for a base jumps over occupied slots. Grows by doubling;
 * the list always runs to the end of the arrays (slot 0 is never handed out: it is the head).
 */
class SlotArrays {
	owner: Int32Array = new Int32Array(0);
	target: Int32Array = new Int32Array(0);
	nextFree: Int32Array = new Int32Array(0);
	prevFree: Int32Array = new Int32Array(0);

	constructor() {
		this.ensure(4096);
	}

	ensure(size: number): void {
		const old = this.owner.length;
		if (size <= old) return;
		let length = Math.max(old, 1024);
		while (length < size) length *= 2;
		const grow = (from: Int32Array, fill: number) => {
			const to = new Int32Array(length).fill(fill);
			to.set(from);
			return to;
		};
		this.owner = grow(this.owner, FREE);
		this.target = grow(this.target, 0);
		this.nextFree = grow(this.nextFree, 0);
		this.prevFree = grow(this.prevFree, 0);
		// Link the new slots [old, length) after the current last free slot.
		let previous = old === 0 ? 0 : this.prevFree[0];
		for (let t = Math.max(old, 1); t < length; t++) {
			this.nextFree[previous] = t;
			this.prevFree[t] = previous;
			previous = t;
		}
		this.nextFree[previous] = 0;
		this.prevFree[0] = previous;
	}

	/** The first free slot at or after t; 0 (the list's end) if there is none yet. */
	firstFreeFrom(t: number): number {
		while (t < this.owner.length && this.owner[t] !== FREE) t++;
		return t < this.owner.length ? t : 0;
	}

	take(t: number, owner: number, target: number): void {
		this.owner[t] = owner;
		this.target[t] = target;
		this.nextFree[this.prevFree[t]] = this.nextFree[t];
		this.prevFree[this.nextFree[t]] = this.prevFree[t];
	}
}

/** Sorts one state's edges by code (insertion sort: most states have a handful of edges). */
function sortByCode(codes: Int32Array, targets: Int32Array, n: number): void {
	for (let i = 1; i < n; i++) {
		const c = codes[i];
		const t = targets[i];
		let j = i - 1;
		while (j >= 0 && codes[j] > c) {
			codes[j + 1] = codes[j];
			targets[j + 1] = targets[j];
			j--;
		}
		codes[j + 1] = c;
		targets[j + 1] = t;
	}
}

/**
 * @param edgeStart per state, the start of its edges in edgeChars/edgeTargets (CSR)
 * @param code UTF-16 unit → dense code (1..alphabet)
 */
export function placeEdges(
	states: number,
	alphabet: number,
	edgeStart: Int32Array,
	edgeChars: Uint16Array,
	edgeTargets: Int32Array,
	code: Int32Array,
): PackedEdges {
	const base = new Int32Array(states);
	const arrays = new SlotArrays();
	let widest = 0;
	for (let s = 1; s < states; s++) widest = Math.max(widest, edgeStart[s + 1] - edgeStart[s]);
	const codes = new Int32Array(widest);
	const targets = new Int32Array(widest);
	let top = 0;
	const cursor = new Int32Array(33).fill(1); // slot 0 is the free list's head, never used
	for (let s = 1; s < states; s++) {
		const n = edgeStart[s + 1] - edgeStart[s];
		if (n === 0) continue; // a leaf keeps base 0: no slot is owned by it, so lookups miss
		for (let i = 0; i < n; i++) {
			codes[i] = code[edgeChars[edgeStart[s] + i]];
			targets[i] = edgeTargets[edgeStart[s] + i];
		}
		sortByCode(codes, targets, n);
		const first = codes[0];
		const span = codes[n - 1] - first;
		// Walk the free slots as candidates for the first edge; the list ends in slot 0, and
		// growing past the end always succeeds, so the loop ends.
		const bucket = n < NARROW ? 0 : 32 - Math.clz32(n);
		let p = bucket === 0 ? arrays.nextFree[0] : arrays.firstFreeFrom(cursor[bucket]);
		for (;;) {
			if (p === 0) {
				p = arrays.owner.length;
				arrays.ensure(p + span + 1);
				p = Math.max(p, first);
				while (arrays.owner[p] !== FREE) p++;
			}
			if (p >= first) {
				arrays.ensure(p + span + 1);
				const b = p - first;
				let i = 1;
				while (i < n && arrays.owner[b + codes[i]] === FREE) i++;
				if (i === n) break;
			}
			p = arrays.nextFree[p];
		}
		if (bucket !== 0) cursor[bucket] = p;
		const b = p - first;
		base[s] = b;
		for (let i = 0; i < n; i++) arrays.take(b + codes[i], s, targets[i]);
		top = Math.max(top, b + codes[n - 1]);
	}
	// Any state's base plus any code must stay inside the array (leaves have base 0).
	let maxBase = 0;
	for (let s = 1; s < states; s++) maxBase = Math.max(maxBase, base[s]);
	const size = Math.max(top, maxBase + alphabet) + 1;
	arrays.ensure(size);
	return { base, owner: arrays.owner.slice(0, size), target: arrays.target.slice(0, size) };
}
