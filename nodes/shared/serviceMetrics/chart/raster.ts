/**
 * Draws layout shapes onto an RGB pixel buffer. Geometry follows SVG's: a pixel is painted when
 * its centre lies inside the shape, so the PNG covers the same pixels the SVG does.
 */

import {
	bitmapScale,
	bitmapWidth,
	GLYPH_ADVANCE,
	GLYPH_ASCENT,
	GLYPH_WIDTH,
	glyphRows,
} from './bitmapFont';
import { rgbOf, type Rgb } from './color';
import { pngText } from './text';
import type { Anchor, ChartLayout, Shape } from './types';

export class Raster {
	readonly pixels: Buffer;

	constructor(
		readonly width: number,
		readonly height: number,
		background: Rgb,
	) {
		this.pixels = Buffer.alloc(width * height * 3);
		this.fillRect(0, 0, width, height, background);
	}

	/** Pixels [x, x + w) × [y, y + h), clipped to the image. */
	fillRect(x: number, y: number, w: number, h: number, color: Rgb): void {
		const x0 = Math.max(0, Math.round(x));
		const y0 = Math.max(0, Math.round(y));
		const x1 = Math.min(this.width, Math.round(x + w));
		const y1 = Math.min(this.height, Math.round(y + h));
		if (x1 <= x0 || y1 <= y0) return;
		const pattern = Buffer.from(color);
		for (let row = y0; row < y1; row++) {
			const start = (row * this.width + x0) * 3;
			this.pixels.fill(pattern, start, start + (x1 - x0) * 3);
		}
	}

	/** A 1 px border on the rect's edge pixels. */
	strokeRect(x: number, y: number, w: number, h: number, color: Rgb): void {
		this.fillRect(x, y, w, 1, color);
		this.fillRect(x, y + h - 1, w, 1, color);
		this.fillRect(x, y, 1, h, color);
		this.fillRect(x + w - 1, y, 1, h, color);
	}

	/** Round-capped segments: every pixel whose centre is closer than width / 2 to a segment. */
	polyline(points: Array<[number, number]>, width: number, color: Rgb): void {
		for (let i = 1; i < points.length; i++)
			this.segment(points[i - 1], points[i], width / 2, color);
	}

	private segment(
		[ax, ay]: [number, number],
		[bx, by]: [number, number],
		half: number,
		color: Rgb,
	): void {
		const dx = bx - ax;
		const dy = by - ay;
		const lengthSquared = dx * dx + dy * dy;
		const limit = half * half;
		const xMin = Math.max(0, Math.floor(Math.min(ax, bx) - half));
		const xMax = Math.min(this.width - 1, Math.ceil(Math.max(ax, bx) + half));
		const yMin = Math.max(0, Math.floor(Math.min(ay, by) - half));
		const yMax = Math.min(this.height - 1, Math.ceil(Math.max(ay, by) + half));
		for (let py = yMin; py <= yMax; py++) {
			for (let px = xMin; px <= xMax; px++) {
				const cx = px + 0.5 - ax;
				const cy = py + 0.5 - ay;
				const t =
					lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, (cx * dx + cy * dy) / lengthSquared));
				const ex = cx - t * dx;
				const ey = cy - t * dy;
				if (ex * ex + ey * ey < limit) this.set(px, py, color);
			}
		}
	}

	fillCircle(cx: number, cy: number, r: number, color: Rgb): void {
		const limit = r * r;
		for (
			let py = Math.max(0, Math.floor(cy - r));
			py <= Math.min(this.height - 1, Math.ceil(cy + r));
			py++
		) {
			for (
				let px = Math.max(0, Math.floor(cx - r));
				px <= Math.min(this.width - 1, Math.ceil(cx + r));
				px++
			) {
				const ex = px + 0.5 - cx;
				const ey = py + 0.5 - cy;
				if (ex * ex + ey * ey <= limit) this.set(px, py, color);
			}
		}
	}

	/** Bitmap-font text with its baseline at y; characters the font lacks are dropped (pngText). */
	text(
		x: number,
		y: number,
		raw: string,
		size: number,
		anchor: Anchor,
		bold: boolean,
		color: Rgb,
	): void {
		const text = pngText(raw);
		if (!text) return;
		const scale = bitmapScale(size);
		const width = bitmapWidth(text, scale, bold);
		const left = Math.round(anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x);
		const top = Math.round(y) - GLYPH_ASCENT * scale;
		// Bold is the glyph drawn twice, one pixel apart: one column wider per set bit.
		const dotWidth = scale + (bold ? 1 : 0);
		for (let i = 0; i < text.length; i++) {
			const rows = glyphRows(text[i]);
			const glyphLeft = left + i * GLYPH_ADVANCE * scale;
			rows.forEach((bits, row) => {
				for (let column = 0; column < GLYPH_WIDTH; column++) {
					if (bits & (0x10 >> column))
						this.fillRect(glyphLeft + column * scale, top + row * scale, dotWidth, scale, color);
				}
			});
		}
	}

	private set(x: number, y: number, [r, g, b]: Rgb): void {
		const offset = (y * this.width + x) * 3;
		this.pixels[offset] = r;
		this.pixels[offset + 1] = g;
		this.pixels[offset + 2] = b;
	}
}

export function rasterize(layout: ChartLayout): Raster {
	const raster = new Raster(layout.width, layout.height, rgbOf(layout.background));
	for (const shape of layout.shapes) draw(raster, shape);
	return raster;
}

function draw(raster: Raster, shape: Shape): void {
	switch (shape.kind) {
		case 'rect':
			raster.fillRect(shape.x, shape.y, shape.w, shape.h, rgbOf(shape.fill));
			if (shape.stroke) raster.strokeRect(shape.x, shape.y, shape.w, shape.h, rgbOf(shape.stroke));
			return;
		case 'line':
			raster.polyline(shape.points, shape.width, rgbOf(shape.color));
			return;
		case 'circle':
			if (shape.stroke) raster.fillCircle(shape.cx, shape.cy, shape.r + 1.5, rgbOf(shape.stroke));
			raster.fillCircle(shape.cx, shape.cy, shape.r, rgbOf(shape.fill));
			return;
		case 'text':
			raster.text(
				shape.x,
				shape.y,
				shape.text,
				shape.size,
				shape.anchor,
				shape.bold === true,
				rgbOf(shape.color),
			);
	}
}
