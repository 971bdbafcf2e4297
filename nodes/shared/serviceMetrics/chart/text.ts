/**
 * Text sizing for the layout. It cannot know how wide a browser draws a string, so it takes an
 * estimate for a CJK-capable sans face that errs wide: labels then fit in the SVG a browser
 * draws and in the PNG (the same SVG drawn with Noto Sans SC).
 */

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
	return Math.ceil(em * size * (bold ? 1.06 : 1));
}

/** Pixels above and below the baseline. */
export function textMetrics(size: number): { ascent: number; descent: number } {
	return { ascent: Math.ceil(size * 0.75), descent: Math.ceil(size * 0.25) };
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

/** Cuts the end until the text fits, with an ellipsis. */
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
