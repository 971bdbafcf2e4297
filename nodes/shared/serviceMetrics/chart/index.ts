/**
 * Chart rendering for the metrics report: one layout, written as SVG, and the same SVG drawn
 * as PNG by resvg with a bundled Chinese font (for chat apps that show images only).
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
export { formatNumber, niceTicks, ticksWithIntervals } from './ticks';
