/**
 * The chart model the metrics node fills in, and the positioned shapes both renderers draw.
 * One layout feeds the SVG writer and the PNG rasterizer, so the two images agree.
 */

export interface ChartSeries {
	name: string;
	/** '#rrggbb' */
	color: string;
	values: number[];
}

export interface ChartLine {
	name: string;
	color: string;
	/** null leaves a gap in the line. */
	values: Array<number | null>;
	unit?: string;
}

export interface BarPanel {
	kind: 'bars';
	title: string;
	categories: string[];
	series: ChartSeries[];
	stacked?: boolean;
	/** Drawn as a polyline with dots on its own right-hand axis. */
	line?: ChartLine;
	yUnit?: string;
}

export interface ChartModel {
	title: string;
	subtitle?: string;
	panels: BarPanel[];
	width?: number;
	/** KPI tiles under the title. */
	summary?: Array<{ label: string; value: string }>;
}

export type Anchor = 'start' | 'middle' | 'end';

/** What a shape stands for: becomes class / data-* in the SVG, and lets tests find bars. */
export interface ShapeTag {
	role: string;
	panel?: number;
	series?: number;
	category?: number;
}

/** Integer pixel edges, so both renderers cover exactly the same pixels. */
export interface RectShape {
	kind: 'rect';
	x: number;
	y: number;
	w: number;
	h: number;
	fill: string;
	/** A 1 px border inside the rect's edge. */
	stroke?: string;
	tag?: ShapeTag;
}

/** Polyline with round caps and joins; 1 px lines sit on half pixels to stay crisp. */
export interface LineShape {
	kind: 'line';
	points: Array<[number, number]>;
	color: string;
	width: number;
	tag?: ShapeTag;
}

export interface CircleShape {
	kind: 'circle';
	cx: number;
	cy: number;
	r: number;
	fill: string;
	/** A ring of this colour just outside r, so dots stand out from bars behind them. */
	stroke?: string;
	tag?: ShapeTag;
}

/** y is the baseline. */
export interface TextShape {
	kind: 'text';
	x: number;
	y: number;
	text: string;
	size: number;
	color: string;
	anchor: Anchor;
	bold?: boolean;
	tag?: ShapeTag;
}

export type Shape = RectShape | LineShape | CircleShape | TextShape;

export interface ChartLayout {
	width: number;
	height: number;
	background: string;
	/** In paint order. */
	shapes: Shape[];
}

/** The plot rectangle (integer edges) and its scales. */
export interface Plot {
	left: number;
	right: number;
	top: number;
	bottom: number;
	/** Width of one category's slot. */
	band: number;
	center(category: number): number;
	yOf(value: number): number;
	yOfLine(value: number): number;
}
