/**
 * The whole page: title, subtitle, a row (or rows) of KPI tiles, then the panels top to bottom.
 * Both renderers draw the shapes this returns, so this is the only place that decides where
 * anything goes.
 */

import { THEME } from './color';
import { layoutPanel, PANEL_HEIGHT } from './panelLayout';
import { fitText, textMetrics, truncateText } from './text';
import type { ChartLayout, ChartModel, Shape } from './types';

const DEFAULT_WIDTH = 960;
/** Below this the axes and legend have no room; above it the PNG buffer gets silly. */
const MIN_WIDTH = 360;
const MAX_WIDTH = 4000;
const PAD = 24;
const GAP = 16;
const TITLE_SIZE = 22;
const SUBTITLE_SIZE = 13;
const TILE_HEIGHT = 70;
const TILE_MIN_WIDTH = 150;
const TILE_GAP = 12;
const TILE_INSET = 14;
const TILE_LABEL_SIZE = 11;
const TILE_VALUE_SIZE = 24;

export function layoutChart(model: ChartModel): ChartLayout {
	const width = widthOf(model.width);
	const shapes: Shape[] = [];
	let y = layoutHeading(shapes, model, width);
	y = layoutSummary(shapes, Array.isArray(model.summary) ? model.summary : [], width, y);
	const panels = Array.isArray(model.panels) ? model.panels : [];
	panels.forEach((panel, index) => {
		shapes.push(...layoutPanel(panel, index, { x: PAD, y, w: width - 2 * PAD, h: PANEL_HEIGHT }));
		y += PANEL_HEIGHT + GAP;
	});
	const height = (panels.length > 0 ? y - GAP : y) + PAD;
	return { width, height, background: THEME.background, shapes };
}

function widthOf(width: number | undefined): number {
	if (typeof width !== 'number' || !Number.isFinite(width)) return DEFAULT_WIDTH;
	return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width)));
}

/** Title and subtitle behind a brand-red accent bar. Returns the y below them. */
function layoutHeading(shapes: Shape[], model: ChartModel, width: number): number {
	const left = PAD + 12;
	const room = width - left - PAD;
	const title = fitText(String(model.title ?? ''), TITLE_SIZE, room, true, 16);
	const titleMetrics = textMetrics(title.size);
	const titleBaseline = PAD + titleMetrics.ascent;
	let bottom = titleBaseline + titleMetrics.descent;
	shapes.push({
		kind: 'text',
		x: left,
		y: titleBaseline,
		text: title.text,
		size: title.size,
		color: THEME.text,
		anchor: 'start',
		bold: true,
		tag: { role: 'title' },
	});
	const subtitle = model.subtitle
		? fitText(String(model.subtitle), SUBTITLE_SIZE, room)
		: undefined;
	if (subtitle?.text) {
		const metrics = textMetrics(subtitle.size);
		const baseline = bottom + 6 + metrics.ascent;
		shapes.push({
			kind: 'text',
			x: left,
			y: baseline,
			text: subtitle.text,
			size: subtitle.size,
			color: THEME.muted,
			anchor: 'start',
			tag: { role: 'subtitle' },
		});
		bottom = baseline + metrics.descent;
	}
	shapes.push({
		kind: 'rect',
		x: PAD,
		y: PAD,
		w: 4,
		h: bottom - PAD,
		fill: THEME.accent,
		tag: { role: 'accent' },
	});
	return bottom + GAP + 4;
}

/** KPI tiles, as many per row as fit at TILE_MIN_WIDTH, sharing the row evenly. */
function layoutSummary(
	shapes: Shape[],
	summary: Array<{ label: string; value: string }>,
	width: number,
	top: number,
): number {
	if (summary.length === 0) return top;
	const room = width - 2 * PAD;
	const perRow = Math.max(
		1,
		Math.min(summary.length, Math.floor((room + TILE_GAP) / (TILE_MIN_WIDTH + TILE_GAP))),
	);
	const rows = Math.ceil(summary.length / perRow);
	summary.forEach((tile, index) => {
		const column = index % perRow;
		const x = Math.round(PAD + (column * (room + TILE_GAP)) / perRow);
		const right = Math.round(PAD + ((column + 1) * (room + TILE_GAP)) / perRow) - TILE_GAP;
		const y = top + Math.floor(index / perRow) * (TILE_HEIGHT + TILE_GAP);
		shapes.push(...tileShapes(tile ?? { label: '', value: '' }, x, y, right - x));
	});
	return top + rows * (TILE_HEIGHT + TILE_GAP) - TILE_GAP + GAP;
}

function tileShapes(
	tile: { label: string; value: string },
	x: number,
	y: number,
	w: number,
): Shape[] {
	const room = w - 2 * TILE_INSET;
	const labelBaseline = y + TILE_INSET + textMetrics(TILE_LABEL_SIZE).ascent;
	const label = truncateText(String(tile.label ?? ''), TILE_LABEL_SIZE, room);
	const value = fitText(String(tile.value ?? ''), TILE_VALUE_SIZE, room, true, 16);
	const valueBaseline = y + TILE_HEIGHT - TILE_INSET + 2 - textMetrics(TILE_VALUE_SIZE).descent;
	const tag = { role: 'tile' };
	return [
		{ kind: 'rect', x, y, w, h: TILE_HEIGHT, fill: THEME.tile, tag },
		{ kind: 'rect', x, y, w: 3, h: TILE_HEIGHT, fill: THEME.accent, tag },
		{
			kind: 'text',
			x: x + TILE_INSET,
			y: labelBaseline,
			text: label,
			size: TILE_LABEL_SIZE,
			color: THEME.muted,
			anchor: 'start',
			tag,
		},
		{
			kind: 'text',
			x: x + TILE_INSET,
			y: valueBaseline,
			text: value.text,
			size: value.size,
			color: THEME.text,
			anchor: 'start',
			bold: true,
			tag,
		},
	];
}
