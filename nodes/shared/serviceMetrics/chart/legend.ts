/**
 * A panel's legend: a coloured square per bar series, a short line with a dot for the line
 * series. Rows wrap so a long list never runs past the panel.
 */

import { THEME } from './color';
import { measureText, truncateText } from './text';
import type { Shape } from './types';

export interface LegendItem {
	label: string;
	color: string;
	kind: 'box' | 'line';
}

const SIZE = 12;
const BOX = 10;
const LINE_SWATCH = 18;
const SWATCH_GAP = 6;
const ITEM_GAP = 16;
export const LEGEND_ROW_HEIGHT = 18;

function swatchWidth(item: LegendItem): number {
	return item.kind === 'line' ? LINE_SWATCH : BOX;
}

function itemWidth(item: LegendItem): number {
	return swatchWidth(item) + SWATCH_GAP + measureText(item.label, SIZE);
}

/** Width of the legend on one row, for deciding whether it fits beside the panel title. */
export function legendWidth(items: LegendItem[]): number {
	if (items.length === 0) return 0;
	return items.reduce((sum, item) => sum + itemWidth(item), 0) + ITEM_GAP * (items.length - 1);
}

/**
 * Lays the items out in rows between left and right, the first row's baseline at `baseline`;
 * alignEnd pushes each row to the right edge. Returns the shapes and the number of rows.
 */
export function layoutLegend(
	items: LegendItem[],
	left: number,
	right: number,
	baseline: number,
	alignEnd: boolean,
): { shapes: Shape[]; rows: number } {
	const maxWidth = Math.max(1, right - left);
	const rows: LegendItem[][] = [];
	let row: LegendItem[] = [];
	for (const item of items) {
		const fitted = fitItem(item, maxWidth);
		if (row.length > 0 && legendWidth([...row, fitted]) > maxWidth) {
			rows.push(row);
			row = [];
		}
		row.push(fitted);
	}
	if (row.length > 0) rows.push(row);

	const shapes: Shape[] = [];
	rows.forEach((rowItems, index) => {
		const y = baseline + index * LEGEND_ROW_HEIGHT;
		let x = alignEnd ? right - legendWidth(rowItems) : left;
		for (const item of rowItems) {
			shapes.push(...swatch(item, Math.round(x), y));
			x += swatchWidth(item) + SWATCH_GAP;
			shapes.push({
				kind: 'text',
				x: Math.round(x),
				y,
				text: item.label,
				size: SIZE,
				color: THEME.soft,
				anchor: 'start',
			});
			x += measureText(item.label, SIZE) + ITEM_GAP;
		}
	});
	return { shapes, rows: rows.length };
}

/** A single label wider than the whole row is cut rather than allowed to overflow. */
function fitItem(item: LegendItem, maxWidth: number): LegendItem {
	const room = maxWidth - swatchWidth(item) - SWATCH_GAP;
	if (measureText(item.label, SIZE) <= room) return item;
	return { ...item, label: truncateText(item.label, SIZE, room) };
}

function swatch(item: LegendItem, x: number, baseline: number): Shape[] {
	const tag = { role: 'legend' };
	if (item.kind === 'box') {
		return [{ kind: 'rect', x, y: baseline - BOX, w: BOX, h: BOX, fill: item.color, tag }];
	}
	const y = baseline - BOX / 2;
	return [
		{
			kind: 'line',
			points: [
				[x, y],
				[x + LINE_SWATCH, y],
			],
			color: item.color,
			width: 2,
			tag,
		},
		{ kind: 'circle', cx: x + LINE_SWATCH / 2, cy: y, r: 3, fill: item.color, tag },
	];
}
