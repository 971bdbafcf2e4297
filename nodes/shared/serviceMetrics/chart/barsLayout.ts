/**
 * Bars (grouped or stacked) with optional value labels, and the line series drawn over them.
 * Bar edges are whole pixels; stacked segments are cut at the rounded running total, so the
 * segments of a stack add up exactly to the total's height.
 */

import { THEME } from './color';
import type { PanelData } from './panelData';
import { measureText } from './text';
import { formatNumber } from './ticks';
import type { Plot, Shape } from './types';

/** Past this many categories value labels would crowd each other (24 hours), so none are drawn. */
const MAX_VALUE_LABELS = 12;
const VALUE_SIZE = 10;
/** Share of a category's slot the bars take; single bars are capped so 3 categories don't look like slabs. */
const GROUP_SHARE = 0.72;
const MAX_SINGLE_BAR = 64;

interface BarSlot {
	x: number;
	w: number;
	top: number;
	value: number;
}

export function layoutBars(shapes: Shape[], data: PanelData, plot: Plot, panel: number): void {
	const count = data.categories.length;
	const seriesCount = data.series.length;
	if (count === 0 || seriesCount === 0) return;
	const grouped = !data.stacked && seriesCount > 1;
	const groupWidth = Math.max(
		1,
		grouped ? plot.band * GROUP_SHARE : Math.min(plot.band * GROUP_SHARE, MAX_SINGLE_BAR),
	);
	const labels: BarSlot[] = [];
	for (let category = 0; category < count; category++) {
		const groupLeft = plot.center(category) - groupWidth / 2;
		if (data.stacked) {
			labels.push(stack(shapes, data, plot, panel, category, groupLeft, groupWidth));
			continue;
		}
		const slotWidth = groupWidth / seriesCount;
		data.series.forEach((item, series) => {
			const x = Math.round(groupLeft + series * slotWidth);
			const right = Math.round(groupLeft + (series + 1) * slotWidth);
			// A pixel between grouped bars keeps neighbours of similar colour apart.
			const w = Math.max(1, right - x - (grouped ? 1 : 0));
			const value = item.values[category];
			let top = Math.round(plot.yOf(value));
			if (value > 0 && top >= plot.bottom) top = plot.bottom - 1;
			if (top < plot.bottom) {
				shapes.push({
					kind: 'rect',
					x,
					y: top,
					w,
					h: plot.bottom - top,
					fill: item.color,
					tag: { role: 'bar', panel, series, category },
				});
			}
			labels.push({ x, w, top, value });
		});
	}
	if (count <= MAX_VALUE_LABELS) valueLabels(shapes, labels);
}

function stack(
	shapes: Shape[],
	data: PanelData,
	plot: Plot,
	panel: number,
	category: number,
	groupLeft: number,
	groupWidth: number,
): BarSlot {
	const x = Math.round(groupLeft);
	const w = Math.max(1, Math.round(groupLeft + groupWidth) - x);
	let total = 0;
	let below = plot.bottom;
	data.series.forEach((item, series) => {
		total += item.values[category];
		const top = Math.round(plot.yOf(total));
		if (top < below) {
			shapes.push({
				kind: 'rect',
				x,
				y: top,
				w,
				h: below - top,
				fill: item.color,
				tag: { role: 'bar', panel, series, category },
			});
			below = top;
		}
	});
	return { x, w, top: below, value: total };
}

/** Values over the bars, all or none: a panel where only some bars are labelled reads as missing data. */
function valueLabels(shapes: Shape[], slots: BarSlot[]): void {
	const texts = slots.map((slot) => formatNumber(slot.value));
	if (texts.some((text, index) => measureText(text, VALUE_SIZE) > slots[index].w + 6)) return;
	slots.forEach((slot, index) => {
		shapes.push({
			kind: 'text',
			x: slot.x + slot.w / 2,
			y: slot.top - 4,
			text: texts[index],
			size: VALUE_SIZE,
			color: THEME.soft,
			anchor: 'middle',
			tag: { role: 'value' },
		});
	});
}

/** The line series: one polyline per run of non-null values, and a dot on every value. */
export function layoutTrend(shapes: Shape[], data: PanelData, plot: Plot, panel: number): void {
	const line = data.line;
	if (!line) return;
	const runs: Array<Array<[number, number]>> = [];
	let run: Array<[number, number]> = [];
	line.values.forEach((value, category) => {
		if (value === null) {
			if (run.length > 0) runs.push(run);
			run = [];
			return;
		}
		run.push([round1(plot.center(category)), round1(plot.yOfLine(value))]);
	});
	if (run.length > 0) runs.push(run);
	for (const points of runs) {
		if (points.length > 1)
			shapes.push({
				kind: 'line',
				points,
				color: line.color,
				width: 2,
				tag: { role: 'trend', panel },
			});
	}
	for (const points of runs) {
		for (const [cx, cy] of points) {
			shapes.push({
				kind: 'circle',
				cx,
				cy,
				r: 3,
				fill: line.color,
				stroke: THEME.background,
				tag: { role: 'trend-dot', panel },
			});
		}
	}
}

function round1(value: number): number {
	return Math.round(value * 10) / 10;
}
