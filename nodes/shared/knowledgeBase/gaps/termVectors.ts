/**
 * Turns the gap DMs into the points the clustering works on: one weighted sparse unit vector
 * per distinct normalised text.
 *
 * Texts go through the FAQ matcher's preparation (faqText: script, width, case and alias
 * folding, letters and digits only; charNgrams: character unigrams + bigrams, since Chinese has
 * no spaces to split words on), except that a run of Latin letters or digits is one term.
 * Identical normalised texts are one point weighted by their number of DMs. Terms are weighted
 * (1 + ln tf) · ln(1 + U / df), df counted over the U distinct texts of this very set, so what
 * many of these DMs say weighs little and the topic words carry the similarity; vectors are
 * unit length, similarity is cosine. The 1 + keeps a topic that most DMs of a small week ask
 * about from weighing almost nothing (发票 in 6 of 11). The idf alone cannot tell chatter from
 * a topic word said as often (你好 in 8% of DMs, 发票 in 15%), nor a frame many questions share
 * (能用吗) from a topic, so a term lying wholly in the keyword stop list's words in its DM
 * (gapKeywords' chatterMask: 你好, 请问, 在吗, 谢谢, 吗, 用…) is a term of its own and keeps
 * CHATTER_WEIGHT of its weight.
 */
import { charNgrams, faqText } from '../../keywordReply/faq/faqText';
import { countTerms } from '../../keywordReply/faq/termCounts';
import type { GapDm } from './types';
import { chatterMask } from '../gapKeywords';

/** Share of its tf-idf weight a chatter term keeps (tuned with DEFAULT_GAP_SIMILARITY). */
const CHATTER_WEIGHT = 0.3;

/**
 * A distinct normalised text as a sparse unit vector, terms in ascending order of weight, so
 * the light ones come first (see similaritySearch). Centroids are turned into points too
 * (centroidPoint), with weight 1 and no members.
 */
export interface Point {
	/** Term ids, lightest first. */
	terms: Int32Array;
	/** The terms' weights, same order; unit length overall. */
	values: Float64Array;
	/** Number of DMs with this normalised text. */
	weight: number;
	/** Index of the first of those DMs in the input. */
	first: number;
	/** Indices of all of those DMs in the input, ascending. */
	members: number[];
	/** The normalised text. */
	text: string;
}

/** Sorts a vector's terms by ascending weight (ties by term id), in place. */
export function sortByWeight(terms: Int32Array, values: Float64Array): void {
	const order = Array.from(terms.keys()).sort(
		(a, b) => values[a] - values[b] || terms[a] - terms[b],
	);
	const t = Int32Array.from(order, (i) => terms[i]);
	const v = Float64Array.from(order, (i) => values[i]);
	terms.set(t);
	values.set(v);
}

/**
 * faqText leaves letters and digits only, so below U+0250 (ASCII, Latin-1, Latin Extended)
 * every character is a Latin letter or a digit.
 */
const LATIN_RUN = /[\u0030-\u024f]+/g;
const HAS_LATIN = /[\u0030-\u024f]/;

function isLatin(gram: string): boolean {
	for (let i = 0; i < gram.length; i++) if (gram.charCodeAt(i) >= 0x250) return false;
	return true;
}

/** Prefix of a term where it is chatter: a term of its own, weighing CHATTER_WEIGHT as much. */
const CHATTER = '\u0000';

/**
 * charNgrams, with two changes. A run of Latin letters or digits is one term: its letters mean
 * nothing alone, and as n-grams "hello" or a nickname would make nine rare terms and outweigh
 * the two or three of a Chinese topic word. And a term lying wholly in chatter in this DM (see
 * chatterMask) is marked as such: 好请 in 你好请问 is as empty as 你好 and 请问, while 能用 in
 * 敏感肌能用吗 is too, and weighs little whatever its idf.
 */
function termsOf(text: string): string[] {
	const grams = charNgrams(text);
	// charNgrams gives the n unigrams (by code point), then the n − 1 bigrams in order.
	const n = (grams.length + 1) / 2;
	const mask = chatterMask(grams.slice(0, n));
	const terms: string[] = [];
	const latin = HAS_LATIN.test(text);
	for (let i = 0; i < grams.length; i++) {
		const g = grams[i];
		if (latin && isLatin(g)) continue;
		const chatter = i < n ? mask[i] === 1 : mask[i - n] === 1 && mask[i - n + 1] === 1;
		terms.push(chatter ? CHATTER + g : g);
	}
	if (latin) {
		for (const match of text.matchAll(LATIN_RUN)) {
			const word = match[0];
			// The mask counts code points; the word itself is all single units.
			const start = Array.from(text.slice(0, match.index)).length;
			let chatter = true;
			for (let k = 0; k < word.length; k++) if (mask[start + k] !== 1) chatter = false;
			terms.push(chatter ? CHATTER + word : word);
		}
	}
	return terms;
}

/**
 * One point per distinct normalised text, in order of first appearance; blank DMs and DMs with
 * no letter or digit left after normalisation are skipped. termCount is the number of distinct
 * terms: term ids are 0..termCount − 1.
 */
export function buildPoints(dms: readonly GapDm[]): { points: Point[]; termCount: number } {
	const byText = new Map<string, Point>();
	const points: Point[] = [];
	for (let i = 0; i < dms.length; i++) {
		const raw = dms[i]?.text;
		if (typeof raw !== 'string' || raw.trim() === '') continue;
		const text = faqText(raw);
		if (text === '') continue;
		const seen = byText.get(text);
		if (seen) {
			seen.weight++;
			seen.members.push(i);
		} else {
			const p: Point = {
				terms: new Int32Array(0),
				values: new Float64Array(0),
				weight: 1,
				first: i,
				members: [i],
				text,
			};
			byText.set(text, p);
			points.push(p);
		}
	}
	const { ids, df, counts } = countTerms(points.map((p) => termsOf(p.text)));
	const u = points.length;
	const names = [...ids.keys()];
	const idf = df.map(
		(d, id) => Math.log(1 + u / d) * (names[id].startsWith(CHATTER) ? CHATTER_WEIGHT : 1),
	);
	points.forEach((p, k) => {
		const tf = counts[k];
		const terms = new Int32Array(tf.size);
		const values = new Float64Array(tf.size);
		let j = 0;
		let norm = 0;
		for (const [id, c] of tf) {
			terms[j] = id;
			values[j] = (1 + Math.log(c)) * idf[id];
			norm += values[j] * values[j];
			j++;
		}
		norm = Math.sqrt(norm);
		for (let i = 0; i < values.length; i++) values[i] /= norm;
		sortByWeight(terms, values);
		p.terms = terms;
		p.values = values;
	});
	return { points, termCount: df.length };
}
