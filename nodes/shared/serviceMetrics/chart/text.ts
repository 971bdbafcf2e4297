/**
 * Text sizing shared by layout and both renderers. The layout cannot know how wide a browser
 * draws a string, so it takes the larger of an SVG estimate and the exact bitmap width: labels
 * then fit in both images.
 */

import { bitmapScale, bitmapWidth, GLYPH_ASCENT, GLYPH_DESCENT } from './bitmapFont';

/**
 * What the PNG shows for a string: the bitmap font only has printable ASCII, so everything else
 * goes (Chinese titles keep their English part), then whitespace is collapsed and trimmed.
 */
export function pngText(text: string): string {
	return (
		String(text ?? '')
			.replace(/\s+/g, ' ')
			// Punctuation that has an ASCII twin keeps its meaning ("09:00–18:00", "p50 · p90", "（分钟）").
			.replace(/[\u2010-\u2015\u2212]/g, '-')
			.replace(/[\u00b7\u2022\u30fb]/g, '|')
			.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
			.replace(/[^\x20-\x7e]/g, '')
			.replace(/\(\s*\)/g, '')
			.replace(/ {2,}/g, ' ')
			.trim()
	);
}

const NARROW = new Set("iljtfI.,:;|!'`()[] ");
const WIDE = new Set('MWmw@%');

/** Em fraction of a character in a CJK-capable sans face, erring wide. */
function svgCharWidth(char: string): number {
	const code = char.codePointAt(0) ?? 0;
	if (code >= 0x2e80 || (code >= 0x1100 && code <= 0x11ff)) return 1;
	if (code > 0x7e) return 0.8;
	if (NARROW.has(char)) return 0.32;
	if (WIDE.has(char)) return 0.86;
	if (char >= 'A' && char <= 'Z') return 0.68;
	return 0.58;
}

export function measureText(text: string, size: number, bold = false): number {
	let em = 0;
	for (const char of text) em += svgCharWidth(char);
	const svg = em * size * (bold ? 1.06 : 1);
	const png = bitmapWidth(pngText(text), bitmapScale(size), bold);
	return Math.ceil(Math.max(svg, png));
}

/** Pixels above and below the baseline, again the larger of the two renderers. */
export function textMetrics(size: number): { ascent: number; descent: number } {
	const scale = bitmapScale(size);
	return {
		ascent: Math.max(GLYPH_ASCENT * scale, Math.ceil(size * 0.75)),
		descent: Math.max(GLYPH_DESCENT * scale, Math.ceil(size * 0.25)),
	};
}

const MIN_SIZE = 10;
const ELLIPSIS = '...';

/**
 * Shrinks the font down to minSize, then cuts the end (see truncateText) until the text fits
 * maxWidth. Headings pass a larger minSize: a title shrunk to label size no longer reads as one.
 */
export function fitText(
	text: string,
	size: number,
	maxWidth: number,
	bold = false,
	minSize = MIN_SIZE,
): { text: string; size: number } {
	let fitted = size;
	while (fitted > minSize && measureText(text, fitted, bold) > maxWidth) fitted--;
	return { text: truncateText(text, fitted, maxWidth, bold), size: fitted };
}

/**
 * Cuts the end until the text fits: Chinese suffixes go first, so the English part the PNG
 * shows survives longest.
 */
export function truncateText(text: string, size: number, maxWidth: number, bold = false): string {
	if (measureText(text, size, bold) <= maxWidth) return text;
	const chars = Array.from(text);
	while (chars.length > 0) {
		chars.pop();
		const cut = chars.join('').trimEnd() + ELLIPSIS;
		if (measureText(cut, size, bold) <= maxWidth) return cut;
	}
	return '';
}
