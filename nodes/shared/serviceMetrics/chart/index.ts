/**
 * Dependency-free chart rendering for the metrics report: one layout, written as SVG (keeps
 * Chinese text) or rasterized to PNG (bitmap font, printable ASCII only).
 */

export type {
	Anchor,
	BarPanel,
	ChartLayout,
	ChartLine,
	ChartModel,
	ChartSeries,
	CircleShape,
	LineShape,
	RectShape,
	Shape,
	ShapeTag,
	TextShape,
} from './types';
export { layoutChart } from './layout';
export { renderPng } from './png';
export { renderSvg } from './svg';
export { pngText } from './text';
export { formatNumber, niceTicks, ticksWithIntervals } from './ticks';
