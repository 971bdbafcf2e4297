/**
 * Writes a layout as a standalone SVG document. Text stays as text (Chinese included) in a font
 * stack that covers CJK on macOS, Windows and Linux; the PNG draws the same SVG with Noto Sans SC.
 */

import { layoutChart } from './layout';
import type { ChartLayout, ChartModel, Shape, ShapeTag } from './types';

const FONT_FAMILY = "'PingFang SC','Microsoft YaHei','Noto Sans SC','Noto Sans CJK SC',sans-serif";

export function renderSvg(model: ChartModel): string {
	return svgOf(layoutChart(model), String(model.title ?? ''));
}

export function svgOf(layout: ChartLayout, title = ''): string {
	const { width, height } = layout;
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
	];
	if (title) parts.push(`<title>${escapeXml(title)}</title>`);
	parts.push(`<rect width="${width}" height="${height}" fill="${layout.background}"/>`);
	for (const shape of layout.shapes) parts.push(elementOf(shape));
	parts.push('</svg>');
	return parts.join('\n') + '\n';
}

function elementOf(shape: Shape): string {
	const tag = tagAttributes(shape.tag);
	switch (shape.kind) {
		case 'rect':
			if (!shape.stroke) {
				return `<rect${tag} x="${num(shape.x)}" y="${num(shape.y)}" width="${num(shape.w)}" height="${num(shape.h)}" fill="${shape.fill}" shape-rendering="crispEdges"/>`;
			}
			// A 1 px stroke centred half a pixel inside the edge covers exactly the edge pixels.
			return `<rect${tag} x="${num(shape.x + 0.5)}" y="${num(shape.y + 0.5)}" width="${num(Math.max(0, shape.w - 1))}" height="${num(Math.max(0, shape.h - 1))}" fill="${shape.fill}" stroke="${shape.stroke}" stroke-width="1"/>`;
		case 'line': {
			const stroke = `fill="none" stroke="${shape.color}" stroke-width="${num(shape.width)}" stroke-linecap="round" stroke-linejoin="round"`;
			if (shape.points.length === 2) {
				const [[x1, y1], [x2, y2]] = shape.points;
				const crisp =
					shape.width === 1 && (x1 === x2 || y1 === y2) ? ' shape-rendering="crispEdges"' : '';
				return `<line${tag} x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" ${stroke}${crisp}/>`;
			}
			const points = shape.points.map(([x, y]) => `${num(x)},${num(y)}`).join(' ');
			return `<polyline${tag} points="${points}" ${stroke}/>`;
		}
		case 'circle':
			if (!shape.stroke)
				return `<circle${tag} cx="${num(shape.cx)}" cy="${num(shape.cy)}" r="${num(shape.r)}" fill="${shape.fill}"/>`;
			// The ring sits outside r, as in the PNG: a 1.5 px stroke centred at r + 0.75.
			return `<circle${tag} cx="${num(shape.cx)}" cy="${num(shape.cy)}" r="${num(shape.r + 0.75)}" fill="${shape.fill}" stroke="${shape.stroke}" stroke-width="1.5"/>`;
		case 'text': {
			const anchor = shape.anchor === 'start' ? '' : ` text-anchor="${shape.anchor}"`;
			const weight = shape.bold ? ' font-weight="600"' : '';
			return `<text${tag} x="${num(shape.x)}" y="${num(shape.y)}" font-size="${num(shape.size)}" fill="${shape.color}"${anchor}${weight}>${escapeXml(shape.text)}</text>`;
		}
	}
}

function tagAttributes(tag: ShapeTag | undefined): string {
	if (!tag) return '';
	let attributes = ` class="${escapeXml(tag.role)}"`;
	if (tag.panel !== undefined) attributes += ` data-panel="${num(tag.panel)}"`;
	if (tag.series !== undefined) attributes += ` data-series="${num(tag.series)}"`;
	if (tag.category !== undefined) attributes += ` data-category="${num(tag.category)}"`;
	return attributes;
}

/** At most two decimals, and never NaN: a broken number would make the whole file invalid. */
function num(value: number): string {
	if (!Number.isFinite(value)) return '0';
	const rounded = Math.round(value * 100) / 100;
	return String(Object.is(rounded, -0) ? 0 : rounded);
}

const ENTITIES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
};

/** Escapes markup and drops characters XML 1.0 forbids (control characters, lone surrogates). */
export function escapeXml(text: string): string {
	return String(text)
		.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
		.replace(/[&<>"']/g, (char) => ENTITIES[char]);
}
