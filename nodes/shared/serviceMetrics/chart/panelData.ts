/**
 * A bar panel's numbers, cleaned: one value per category for every series (missing, NaN and
 * negative values count as 0), line values as number or null (a gap), and the two axes' ticks.
 * The model arrives from workflow data, so nothing here trusts its shape.
 */

import { normalizeColor, PALETTE } from './color';
import { cleanValue, niceTicks, ticksWithIntervals } from './ticks';
import type { BarPanel } from './types';

export interface CleanSeries {
	name: string;
	color: string;
	values: number[];
}

export interface CleanLine {
	name: string;
	color: string;
	unit: string;
	values: Array<number | null>;
}

export interface PanelData {
	categories: string[];
	series: CleanSeries[];
	stacked: boolean;
	line?: CleanLine;
	barTicks: number[];
	/** Same number of intervals as barTicks, so right-hand labels sit on the grid lines. */
	lineTicks: number[];
}

export function panelData(panel: BarPanel): PanelData {
	const categories = listOf(panel.categories).map((category) => textOf(category));
	const series = listOf(panel.series).map((raw, index): CleanSeries => {
		const item = (raw ?? {}) as Partial<CleanSeries>;
		const values = listOf(item.values);
		return {
			name: textOf(item.name),
			color: normalizeColor(item.color, PALETTE[index % PALETTE.length]),
			values: categories.map((_, category) => cleanValue(values[category])),
		};
	});
	const stacked = panel.stacked === true;
	const heights = categories.map((_, category) => {
		const values = series.map((item) => item.values[category]);
		return stacked ? values.reduce((sum, value) => sum + value, 0) : Math.max(0, ...values);
	});
	const integer = series.every((item) => item.values.every((value) => Number.isInteger(value)));
	const barTicks = niceTicks(Math.max(0, ...heights), integer);
	const line = lineOf(panel.line, categories.length, series.length);
	const lineMax = Math.max(0, ...(line?.values ?? []).map((value) => value ?? 0));
	const lineTicks = line ? ticksWithIntervals(lineMax, barTicks.length - 1) : [];
	return { categories, series, stacked, line, barTicks, lineTicks };
}

function lineOf(raw: BarPanel['line'], count: number, seriesCount: number): CleanLine | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const values = listOf(raw.values);
	return {
		name: textOf(raw.name),
		color: normalizeColor(raw.color, PALETTE[seriesCount % PALETTE.length]),
		unit: textOf(raw.unit),
		values: Array.from({ length: count }, (_, category) => {
			const value = values[category];
			return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : null;
		}),
	};
}

function listOf<T>(value: T[] | undefined): T[] {
	return Array.isArray(value) ? value : [];
}

function textOf(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}
