/**
 * FAQ text preparation: the shared `normalize` (case, width, script folding — owned by
 * ../normalize.ts) followed by keeping letters and digits only, so emoji, punctuation and
 * spacing never count as evidence for or against an entry. Tokens are character unigrams and
 * bigrams: Chinese has no spaces to split words on, and bigrams carry most of the meaning
 * while unigrams keep a one-character typo (保值期 / 保质期) from wiping out the overlap.
 */
import { normalize } from '../normalize';

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/** The normalised, letters-and-digits-only form the index and the re-rank compare. */
export function faqText(input: string): string {
	return normalize(input).text.replace(NOT_LETTER_OR_DIGIT, '');
}

/**
 * Unigrams (by code point, so a supplementary-plane character stays one token) followed by
 * the bigrams of adjacent characters. The order is fixed because TF-IDF sums follow it.
 */
export function charNgrams(text: string): string[] {
	const chars: string[] = [];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
			chars.push(text.slice(i, i + 2));
			i++;
		} else {
			chars.push(text[i]);
		}
	}
	const tokens = chars.slice();
	for (let i = 1; i < chars.length; i++) tokens.push(chars[i - 1] + chars[i]);
	return tokens;
}
