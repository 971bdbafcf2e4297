import type { Synonym } from './synonymRows';

/**
 * A shop's synonyms compiled for one text form (the rules' normalised keywords, or the FAQ's
 * letters-and-digits text): every spelling of a group, the `means` word included, maps to the
 * group. Spellings are matched longest first, so a word inside another ("充电" in "充电器")
 * never splits it.
 */
export class SynonymTable {
	/** Per first character, the spellings that start with it, longest first. */
	private readonly byHead = new Map<string, Array<{ spelling: string; group: number }>>();
	/** Each group's spellings, its `means` first. */
	readonly groups: string[][] = [];

	constructor(synonyms: readonly Synonym[], form: (text: string) => string) {
		const owner = new Map<string, number>();
		for (const synonym of synonyms) {
			const means = form(synonym.means);
			if (!means) continue;
			const spellings = [means, ...synonym.words.map(form)].filter(
				(s, k, all) => s && all.indexOf(s) === k && !owner.has(s),
			);
			if (spellings.length < 2) continue;
			const group = this.groups.length;
			this.groups.push(spellings);
			for (const spelling of spellings) {
				owner.set(spelling, group);
				const list = this.byHead.get(spelling[0]) ?? [];
				list.push({ spelling, group });
				list.sort((a, b) => b.spelling.length - a.spelling.length);
				this.byHead.set(spelling[0], list);
			}
		}
	}

	get size(): number {
		return this.groups.length;
	}

	/** Spellings found in the text, left to right, none overlapping, each longest at its start. */
	find(text: string): Array<{ start: number; end: number; group: number }> {
		const found: Array<{ start: number; end: number; group: number }> = [];
		if (this.groups.length === 0) return found;
		for (let i = 0; i < text.length;) {
			const hit = this.byHead.get(text[i])?.find((c) => text.startsWith(c.spelling, i));
			if (!hit) {
				i++;
				continue;
			}
			found.push({ start: i, end: i + hit.spelling.length, group: hit.group });
			i += hit.spelling.length;
		}
		return found;
	}

	/** The text with every spelling replaced by its group's `means`: both sides meet in it. */
	canonical(text: string): string {
		const found = this.find(text);
		if (!found.length) return text;
		let out = '';
		let at = 0;
		for (const f of found) {
			out += text.slice(at, f.start) + this.groups[f.group][0];
			at = f.end;
		}
		return out + text.slice(at);
	}

	/**
	 * The other spellings of a keyword: each synonym in it replaced by each other spelling of its
	 * group (one at a time, at most `limit`), so a rule written with 充电器 also hears 充电头.
	 */
	variants(keyword: string, limit = 16): string[] {
		const out = new Set<string>();
		for (const f of this.find(keyword)) {
			for (const other of this.groups[f.group]) {
				const variant = keyword.slice(0, f.start) + other + keyword.slice(f.end);
				if (variant !== keyword) out.add(variant);
				if (out.size >= limit) return [...out];
			}
		}
		return [...out];
	}
}
