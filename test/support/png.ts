import { PNG } from 'pngjs';

/** A decoded PNG (pngjs checks signature, chunk CRCs and filters): size and pixel colours. */
export interface DecodedPng {
	width: number;
	height: number;
	/** "#rrggbb" of a pixel, alpha dropped (the charts are opaque). */
	pixel(x: number, y: number): string;
	/** How far a pixel is from white, 0 … 765 over the three channels. */
	ink(x: number, y: number): number;
}

export function decodePng(png: Buffer): DecodedPng {
	const { width, height, data } = PNG.sync.read(png);
	const at = (x: number, y: number) => (y * width + x) * 4;
	return {
		width,
		height,
		pixel: (x, y) =>
			'#' + [0, 1, 2].map((c) => data[at(x, y) + c].toString(16).padStart(2, '0')).join(''),
		ink: (x, y) => 765 - data[at(x, y)] - data[at(x, y) + 1] - data[at(x, y) + 2],
	};
}
