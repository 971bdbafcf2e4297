/**
 * Colours. Model colours are normalised to '#rrggbb' before they reach a renderer: the SVG
 * writer puts them in attributes, so anything else (a stray quote) must never get through.
 */

export type Rgb = [number, number, number];

export const THEME = {
	background: '#ffffff',
	text: '#111827',
	muted: '#6b7280',
	soft: '#4b5563',
	grid: '#eceef1',
	axis: '#9ca3af',
	border: '#e5e7eb',
	tile: '#f6f7f9',
	accent: '#ff2442',
} as const;

/** Used when a series comes without a usable colour. */
export const PALETTE = [
	'#4e79a7',
	'#f28e2b',
	'#e15759',
	'#76b7b2',
	'#59a14f',
	'#edc948',
	'#b07aa1',
];

const LONG = /^#([0-9a-f]{6})$/i;
const SHORT = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i;

export function normalizeColor(color: unknown, fallback: string): string {
	if (typeof color !== 'string') return fallback;
	const trimmed = color.trim();
	if (LONG.test(trimmed)) return trimmed.toLowerCase();
	const short = SHORT.exec(trimmed);
	if (short)
		return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase();
	return fallback;
}

export function rgbOf(color: string): Rgb {
	const hex = normalizeColor(color, '#000000').slice(1);
	return [
		parseInt(hex.slice(0, 2), 16),
		parseInt(hex.slice(2, 4), 16),
		parseInt(hex.slice(4, 6), 16),
	];
}
