/**
 * One bar panel inside its card: title and legend on top, left axis (bar values), optional right
 * axis (the line's values), grid, bars, line and category labels below the plot.
 */

import { layoutBars, layoutTrend } from './barsLayout';
import { THEME } from './color';
import { LEGEND_ROW_HEIGHT, layoutLegend, legendWidth, type LegendItem } from './legend';
import { panelData, type PanelData } from './panelData';
import { fitText, measureText, textMetrics, truncateText } from './text';
import { formatNumber } from './ticks';
import type { BarPanel, Plot, Shape } from './types';

export type { Plot } from './types';

export const PANEL_HEIGHT = 260;

export interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

const INSET = 16;
const TITLE_SIZE = 15;
const LABEL_SIZE = 11;
const AXIS_GAP = 8;
/** Room above the plot for the axis units and the value printed over the tallest bar. */
const PLOT_HEAD = 30;
/** Room below the plot for the category labels. */
const PLOT_FOOT = 20;
const MAX_UNIT_WIDTH = 90;
const MAX_CATEGORY_WIDTH = 140;
/** Narrowest slot worth cutting a label to (about eight characters) rather than skipping labels. */
const MIN_CUT_WIDTH = 56;

export function layoutPanel(panel: BarPanel, index: number, box: Box): Shape[] {
	const data = panelData(panel);
	const shapes: Shape[] = [
		{
			kind: 'rect',
			...box,
			fill: THEME.background,
			stroke: THEME.border,
			tag: { role: 'panel', panel: index },
		},
	];
	const left = box.x + INSET;
	const right = box.x + box.w - INSET;
	const headerBottom = layoutHeader(
		shapes,
		panel.title,
		legendItems(data),
		left,
		right,
		box.y + INSET,
	);
	const plot = plotOf(
		data,
		panel.yUnit,
		left,
		right,
		headerBottom + PLOT_HEAD,
		box.y + box.h - INSET - PLOT_FOOT,
	);
	layoutAxes(shapes, data, plot, panel.yUnit);
	layoutCategories(shapes, data, plot);
	layoutBars(shapes, data, plot, index);
	layoutTrend(shapes, data, plot, index);
	return shapes;
}

function legendItems(data: PanelData): LegendItem[] {
	const items: LegendItem[] = data.series.map((item) => ({
		label: item.name,
		color: item.color,
		kind: 'box',
	}));
	if (data.line) items.push({ label: data.line.name, color: data.line.color, kind: 'line' });
	return items.filter((item) => item.label.trim() !== '');
}

/** Title on the left, legend beside it when both fit on one row, else below. Returns the bottom. */
function layoutHeader(
	shapes: Shape[],
	title: string,
	items: LegendItem[],
	left: number,
	right: number,
	top: number,
): number {
	const fitted = fitText(String(title ?? ''), TITLE_SIZE, right - left, true, 13);
	const baseline = top + textMetrics(fitted.size).ascent;
	if (fitted.text) {
		shapes.push({
			kind: 'text',
			x: left,
			y: baseline,
			text: fitted.text,
			size: fitted.size,
			color: THEME.text,
			anchor: 'start',
			bold: true,
		});
	}
	if (items.length === 0) return baseline + textMetrics(fitted.size).descent;
	const besideTitle =
		measureText(fitted.text, fitted.size, true) + 24 + legendWidth(items) <= right - left;
	const legendBaseline = besideTitle ? baseline : baseline + LEGEND_ROW_HEIGHT + 4;
	const legend = layoutLegend(items, left, right, legendBaseline, besideTitle);
	shapes.push(...legend.shapes);
	return legendBaseline + (legend.rows - 1) * LEGEND_ROW_HEIGHT + textMetrics(fitted.size).descent;
}

function plotOf(
	data: PanelData,
	yUnit: string | undefined,
	left: number,
	right: number,
	top: number,
	bottom: number,
): Plot {
	const leftAxis = axisWidth(data.barTicks, yUnit);
	const rightAxis = data.line ? axisWidth(data.lineTicks, data.line.unit) : 0;
	const plotLeft = Math.round(left + leftAxis + AXIS_GAP);
	const plotRight = Math.round(data.line ? right - rightAxis - AXIS_GAP : right);
	const plotTop = Math.round(top);
	const plotBottom = Math.max(plotTop + 1, Math.round(bottom));
	const band = (plotRight - plotLeft) / Math.max(1, data.categories.length);
	const barTop = data.barTicks[data.barTicks.length - 1] || 1;
	const lineTop = data.lineTicks[data.lineTicks.length - 1] || 1;
	const height = plotBottom - plotTop;
	return {
		left: plotLeft,
		right: plotRight,
		top: plotTop,
		bottom: plotBottom,
		band,
		center: (category) => plotLeft + band * (category + 0.5),
		yOf: (value) => plotBottom - (Math.min(value, barTop) / barTop) * height,
		yOfLine: (value) => plotBottom - (Math.min(value, lineTop) / lineTop) * height,
	};
}

function axisWidth(ticks: number[], unit: string | undefined): number {
	const labels = ticks.map((tick) => measureText(formatNumber(tick), LABEL_SIZE));
	const unitWidth = unit ? Math.min(MAX_UNIT_WIDTH, measureText(unit, LABEL_SIZE)) : 0;
	return Math.max(unitWidth, ...labels);
}

/** Label baseline that centres an 11 px label on a grid line. */
function labelBaseline(y: number): number {
	return Math.round(y) + Math.round(textMetrics(LABEL_SIZE).ascent / 2);
}

function layoutAxes(shapes: Shape[], data: PanelData, plot: Plot, yUnit: string | undefined): void {
	const unitBaseline = plot.top - 12;
	data.barTicks.forEach((tick, index) => {
		const y = Math.round(plot.yOf(tick));
		if (index > 0) {
			shapes.push({
				kind: 'line',
				points: [
					[plot.left, y + 0.5],
					[plot.right, y + 0.5],
				],
				color: THEME.grid,
				width: 1,
				tag: { role: 'grid' },
			});
		}
		shapes.push(
			axisLabel(formatNumber(tick), plot.left - AXIS_GAP, labelBaseline(y), 'end', THEME.muted),
		);
	});
	if (yUnit)
		shapes.push(
			axisLabel(
				truncateText(yUnit, LABEL_SIZE, MAX_UNIT_WIDTH),
				plot.left - AXIS_GAP,
				unitBaseline,
				'end',
				THEME.muted,
			),
		);
	if (data.line) {
		const color = data.line.color;
		for (const tick of data.lineTicks) {
			shapes.push(
				axisLabel(
					formatNumber(tick),
					plot.right + AXIS_GAP,
					labelBaseline(plot.yOfLine(tick)),
					'start',
					color,
				),
			);
		}
		const unit = truncateText(data.line.unit, LABEL_SIZE, MAX_UNIT_WIDTH);
		if (unit) shapes.push(axisLabel(unit, plot.right + AXIS_GAP, unitBaseline, 'start', color));
	}
	shapes.push({
		kind: 'line',
		points: [
			[plot.left, plot.bottom + 0.5],
			[plot.right, plot.bottom + 0.5],
		],
		color: THEME.axis,
		width: 1,
		tag: { role: 'axis' },
	});
}

function axisLabel(
	text: string,
	x: number,
	y: number,
	anchor: 'start' | 'end',
	color: string,
): Shape {
	return { kind: 'text', x, y, text, size: LABEL_SIZE, color, anchor, tag: { role: 'axis-label' } };
}

/**
 * Category labels under their slots. Wide slots (a few agents) cut long names to the slot;
 * narrow ones (24 hours on a small chart) show only every 2nd, 3rd, ... label instead, always
 * starting with the first, since a name cut to three letters says nothing.
 */
function layoutCategories(shapes: Shape[], data: PanelData, plot: Plot): void {
	const count = data.categories.length;
	if (count === 0) {
		const y = Math.round((plot.top + plot.bottom) / 2) + 4;
		shapes.push({
			kind: 'text',
			x: Math.round((plot.left + plot.right) / 2),
			y,
			text: 'No data',
			size: 12,
			color: THEME.muted,
			anchor: 'middle',
			tag: { role: 'empty' },
		});
		return;
	}
	const maxWidth = plot.band - 6 >= MIN_CUT_WIDTH ? plot.band - 6 : MAX_CATEGORY_WIDTH;
	const labels = data.categories.map((category) => truncateText(category, LABEL_SIZE, maxWidth));
	const widest = Math.max(...labels.map((label) => measureText(label, LABEL_SIZE)));
	const step = Math.max(1, Math.ceil((widest + 6) / plot.band));
	const baseline = plot.bottom + 6 + textMetrics(LABEL_SIZE).ascent;
	labels.forEach((label, index) => {
		if (index % step !== 0 || label === '') return;
		shapes.push({
			kind: 'text',
			x: Math.round(plot.center(index)),
			y: baseline,
			text: label,
			size: LABEL_SIZE,
			color: THEME.muted,
			anchor: 'middle',
			tag: { role: 'category', category: index },
		});
	});
}
