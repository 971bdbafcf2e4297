/**
 * A 5×7 pixel font for printable ASCII (0x20–0x7E), with two extra rows below the baseline for
 * descenders (g j p q y , ;). The PNG cannot rely on any system font, so it carries its own.
 * Each glyph is a hex string of up to 9 rows, two digits a row, bit 0x10 the leftmost column.
 */

const GLYPHS: readonly string[] = [
	'00000000000000', // space
	'04040404040004', // !
	'0a0a0a00000000', // "
	'0a0a1f0a1f0a0a', // #
	'040f140e051e04', // $
	'18190204081303', // %
	'0c12140815120d', // &
	'04040800000000', // '
	'02040808080402', // (
	'08040202020408', // )
	'0004150e150400', // *
	'0004041f040400', // +
	'000000000c040408', // ,
	'0000001f000000', // -
	'00000000000c0c', // .
	'00010204081000', // /
	'0e11131519110e', // 0
	'040c040404040e', // 1
	'0e11010204081f', // 2
	'1f02040201110e', // 3
	'02060a121f0202', // 4
	'1f101e0101110e', // 5
	'0608101e11110e', // 6
	'1f010204080808', // 7
	'0e11110e11110e', // 8
	'0e11110f01020c', // 9
	'000c0c000c0c00', // :
	'000c0c000c040408', // ;
	'02040810080402', // <
	'00001f001f0000', // =
	'08040201020408', // >
	'0e110102040004', // ?
	'0e11010d15150e', // @
	'0e1111111f1111', // A
	'1e11111e11111e', // B
	'0e11101010110e', // C
	'1c12111111121c', // D
	'1f10101e10101f', // E
	'1f10101e101010', // F
	'0e11101711110f', // G
	'1111111f111111', // H
	'0e04040404040e', // I
	'0702020202120c', // J
	'11121418141211', // K
	'1010101010101f', // L
	'111b1515111111', // M
	'11111915131111', // N
	'0e11111111110e', // O
	'1e11111e101010', // P
	'0e11111115120d', // Q
	'1e11111e141211', // R
	'0f10100e01011e', // S
	'1f040404040404', // T
	'1111111111110e', // U
	'11111111110a04', // V
	'1111111515150a', // W
	'11110a040a1111', // X
	'1111110a040404', // Y
	'1f01020408101f', // Z
	'0e08080808080e', // [
	'00100804020100', // backslash
	'0e02020202020e', // ]
	'040a1100000000', // ^
	'00000000000000001f', // _
	'08040200000000', // `
	'00000e010f110f', // a
	'1010161911111e', // b
	'00000e1010110e', // c
	'01010d1311110f', // d
	'00000e111f100e', // e
	'0609081c080808', // f
	'00000f1111110f010e', // g
	'10101619111111', // h
	'04000c0404040e', // i
	'02000602020202120c', // j
	'10101214181412', // k
	'0c04040404040e', // l
	'00001a15151111', // m
	'00001619111111', // n
	'00000e1111110e', // o
	'00001e1111111e1010', // p
	'00000f1111110f0101', // q
	'00001619101010', // r
	'00000e100e011e', // s
	'08081c08080906', // t
	'0000111111130d', // u
	'00001111110a04', // v
	'0000111115150a', // w
	'0000110a040a11', // x
	'0000111111110f010e', // y
	'00001f0204081f', // z
	'02040408040402', // {
	'04040404040404', // |
	'08040402040408', // }
	'00000815020000', // ~
];

export const GLYPH_WIDTH = 5;
/** Rows above the baseline (cap height) and below it (descenders). */
export const GLYPH_ASCENT = 7;
export const GLYPH_DESCENT = 2;
/** Glyph plus one column of spacing. */
export const GLYPH_ADVANCE = 6;

const FIRST = 0x20;
const LAST = 0x7e;
const ROWS = GLYPH_ASCENT + GLYPH_DESCENT;
const BLANK: readonly number[] = new Array<number>(ROWS).fill(0);

const ROW_BITS: ReadonlyArray<readonly number[]> = GLYPHS.map((hex) => {
	const rows = BLANK.slice();
	for (let i = 0; i * 2 < hex.length && i < ROWS; i++)
		rows[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
	return rows;
});

/** Nine rows of 5-bit masks; characters outside printable ASCII come back blank. */
export function glyphRows(char: string): readonly number[] {
	const code = char.charCodeAt(0);
	if (char.length !== 1 || code < FIRST || code > LAST) return BLANK;
	return ROW_BITS[code - FIRST] ?? BLANK;
}

/**
 * Integer scale for an SVG font size: scale 1 is a 7 px cap height, close to an 11 px sans
 * face, so sizes up to 14 stay at 1, titles (≈ 20) get 2 and large figures 3.
 */
export function bitmapScale(size: number): number {
	return Math.min(3, Math.max(1, Math.round(size / 10)));
}

/** Pixel width of already-filtered text; bold is drawn twice, one pixel apart. */
export function bitmapWidth(text: string, scale: number, bold = false): number {
	if (text.length === 0) return 0;
	return (text.length * GLYPH_ADVANCE - 1) * scale + (bold ? 1 : 0);
}
