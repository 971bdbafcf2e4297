import { inflateSync } from 'node:zlib';

import {
	layoutChart,
	niceTicks,
	pngText,
	renderPng,
	renderSvg,
	ticksWithIntervals,
	type BarPanel,
	type ChartModel,
	type RectShape,
	type Shape,
	type TextShape,
} from '../../nodes/shared/serviceMetrics/chart';
import { bitmapWidth, glyphRows } from '../../nodes/shared/serviceMetrics/chart/bitmapFont';
import { measureText } from '../../nodes/shared/serviceMetrics/chart/text';

const HOURS = Array.from({ length: 24 }, (_, hour) => String(hour));

function hourlyPanel(): BarPanel {
	return {
		kind: 'bars',
		title: 'DMs by hour 每小时私信',
		categories: HOURS,
		stacked: true,
		yUnit: 'DMs',
		series: [
			{ name: 'Auto 自动', color: '#4e79a7', values: HOURS.map((_, h) => (h * 7) % 23) },
			{ name: 'Human 人工', color: '#f28e2b', values: HOURS.map((_, h) => (h * 5) % 11) },
			{ name: 'Unanswered', color: '#e15759', values: HOURS.map((_, h) => h % 3) },
		],
		line: {
			name: 'First response p50',
			color: '#2f9e44',
			unit: 'min',
			values: HOURS.map((_, h) => (h % 6 === 0 ? null : h / 8)),
		},
	};
}

function csatPanel(): BarPanel {
	return {
		kind: 'bars',
		title: 'CSAT 满意度',
		categories: ['1★', '2★', '3★', '4★', '5★'],
		series: [{ name: 'Ratings', color: '#59a14f', values: [3, 5, 14, 52, 131] }],
	};
}

function sampleModel(): ChartModel {
	return {
		title: 'Xiaohongshu DM service · 2026-11-23 小红书私信日报',
		subtitle: 'Yesterday, all shops',
		summary: [
			{ label: 'DMs', value: '1,234' },
			{ label: 'First response p50', value: '1.2 min' },
			{ label: 'Auto-reply rate', value: '63%' },
			{ label: 'CSAT', value: '4.6' },
		],
		panels: [hourlyPanel(), csatPanel()],
	};
}

/** Independent of the encoder's own table: bit by bit. */
function crc32(bytes: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of bytes) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
	}
	return (crc ^ 0xffffffff) >>> 0;
}

interface DecodedPng {
	width: number;
	height: number;
	chunkTypes: string[];
	pixel(x: number, y: number): string;
	pixelCount: number;
}

/** Checks the container strictly (signature, CRCs, filter bytes) and decodes the RGB pixels. */
function decodePng(png: Buffer): DecodedPng {
	expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const chunkTypes: string[] = [];
	const idat: Buffer[] = [];
	let header: Buffer | undefined;
	let offset = 8;
	while (offset < png.length) {
		const length = png.readUInt32BE(offset);
		const type = png.toString('ascii', offset + 4, offset + 8);
		const data = png.subarray(offset + 8, offset + 8 + length);
		expect(png.readUInt32BE(offset + 8 + length)).toBe(
			crc32(png.subarray(offset + 4, offset + 8 + length)),
		);
		chunkTypes.push(type);
		if (type === 'IHDR') header = data;
		if (type === 'IDAT') idat.push(data);
		offset += 12 + length;
	}
	expect(offset).toBe(png.length);
	if (!header) throw new Error('no IHDR');
	const width = header.readUInt32BE(0);
	const height = header.readUInt32BE(4);
	expect([...header.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
	const raw = inflateSync(Buffer.concat(idat));
	const stride = width * 3;
	expect(raw.length).toBe(height * (stride + 1));
	for (let row = 0; row < height; row++) expect(raw[row * (stride + 1)]).toBe(0);
	const pixel = (x: number, y: number) => {
		const at = y * (stride + 1) + 1 + x * 3;
		return (
			'#' + [raw[at], raw[at + 1], raw[at + 2]].map((v) => v.toString(16).padStart(2, '0')).join('')
		);
	};
	return { width, height, chunkTypes, pixel, pixelCount: (raw.length - height) / 3 };
}

const bars = (shapes: Shape[], panel?: number) =>
	shapes.filter(
		(s): s is RectShape =>
			s.kind === 'rect' && s.tag?.role === 'bar' && (panel === undefined || s.tag.panel === panel),
	);
const texts = (shapes: Shape[], role?: string) =>
	shapes.filter(
		(s): s is TextShape => s.kind === 'text' && (role === undefined || s.tag?.role === role),
	);
const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length;

/** Rough XML check: tags nest, attributes are quoted, every & starts an entity. */
function expectWellFormed(svg: string): void {
	const stack: string[] = [];
	for (const [, closing, name, , selfClosing] of svg.matchAll(
		/<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z:-]+="[^"<]*")*)\s*(\/?)>/g,
	)) {
		if (selfClosing) continue;
		if (closing) expect(stack.pop()).toBe(name);
		else stack.push(name);
	}
	expect(stack).toEqual([]);
	expect(svg.replace(/<[^>]*>/g, '')).not.toMatch(/[<>]/);
	expect(svg).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
}

describe('pngText', () => {
	it('keeps printable ASCII, drops the rest, collapses white space', () => {
		expect(pngText('DMs by hour 每小时私信')).toBe('DMs by hour');
		expect(pngText('每小时')).toBe('');
		expect(pngText('Xiaohongshu DM service · 2026-11-23 小红书私信日报')).toBe(
			'Xiaohongshu DM service | 2026-11-23',
		);
		// Punctuation with an ASCII twin keeps its meaning; empty brackets left by Chinese go.
		expect(pngText('09:00–18:00 （分钟） Resp (分钟)')).toBe('09:00-18:00 Resp');
		expect(pngText('  a\tb\n\nc  ')).toBe('a b c');
		expect(pngText('5★')).toBe('5');
		expect(pngText('')).toBe('');
	});
});

describe('nice ticks', () => {
	it('all zero, small and large maxima', () => {
		expect(niceTicks(0)).toEqual([0, 1]);
		expect([8, 10]).toContain(niceTicks(7).at(-1));
		const big = niceTicks(1234);
		expect([1500, 2000]).toContain(big.at(-1));
		expect(big.length).toBeGreaterThanOrEqual(4);
		expect(big.length).toBeLessThanOrEqual(6);
		expect(niceTicks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
		expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
	});

	it('bad input counts as zero', () => {
		expect(niceTicks(NaN)).toEqual([0, 1]);
		expect(niceTicks(-5)).toEqual([0, 1]);
		expect(niceTicks(Infinity)).toEqual([0, 1]);
	});

	it('4–6 evenly spaced 1/2/5 × 10^n ticks reaching the maximum, for any maximum', () => {
		for (let i = 0; i < 2000; i++) {
			const max = 10 ** (Math.random() * 12 - 4);
			const ticks = niceTicks(max);
			expect(ticks.length).toBeGreaterThanOrEqual(4);
			expect(ticks.length).toBeLessThanOrEqual(6);
			expect(ticks[0]).toBe(0);
			expect(ticks.at(-1)).toBeGreaterThanOrEqual(max * (1 - 1e-9));
			const step = ticks[1];
			const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
			expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
			ticks.forEach((tick, k) => expect(tick).toBeCloseTo(k * step, 9));
		}
	});

	it('integer mode never steps by fractions', () => {
		expect(niceTicks(1, true)).toEqual([0, 1]);
		expect(niceTicks(3, true)).toEqual([0, 1, 2, 3]);
		expect(niceTicks(7, true)).toEqual([0, 2, 4, 6, 8]);
		for (let max = 1; max < 500; max++)
			expect(niceTicks(max, true).every(Number.isInteger)).toBe(true);
	});

	it('a second axis gets the same number of intervals', () => {
		expect(ticksWithIntervals(1.3, 5)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
		expect(ticksWithIntervals(0, 4)).toEqual([0, 1, 2, 3, 4]);
		expect(ticksWithIntervals(37, 4)).toEqual([0, 10, 20, 30, 40]);
	});
});

describe('renderPng', () => {
	it('is a valid PNG of the layout size with correct chunk CRCs', () => {
		const model = sampleModel();
		const layout = layoutChart(model);
		const png = decodePng(renderPng(model));
		expect(png.chunkTypes[0]).toBe('IHDR');
		expect(png.chunkTypes.at(-1)).toBe('IEND');
		expect(png.width).toBe(960);
		expect(png.height).toBe(layout.height);
		expect(png.pixelCount).toBe(png.width * png.height);
	});

	it('paints bars in their series colour and leaves the margins white', () => {
		const model = sampleModel();
		const layout = layoutChart(model);
		const png = decodePng(renderPng(model));
		const csatBars = bars(layout.shapes, 1);
		expect(csatBars).toHaveLength(5);
		for (const bar of [...csatBars, ...bars(layout.shapes, 0)]) {
			if (bar.h < 3 || bar.tag?.panel === 0) continue; // the first panel's line may cross its bars
			expect(png.pixel(Math.floor(bar.x + bar.w / 2), Math.floor(bar.y + bar.h / 2))).toBe(
				bar.fill,
			);
		}
		for (const [x, y] of [
			[2, 2],
			[959, 0],
			[5, layout.height - 3],
			[958, Math.floor(layout.height / 2)],
		]) {
			expect(png.pixel(x, y)).toBe('#ffffff');
		}
	});

	it('is deterministic', () => {
		expect(renderPng(sampleModel()).equals(renderPng(sampleModel()))).toBe(true);
	});

	it('draws the English part of a mixed title and nothing for a Chinese-only one', () => {
		const ink = (title: string) => {
			const png = decodePng(renderPng({ title, panels: [] }));
			let dark = 0;
			for (let y = 0; y < png.height; y++)
				for (let x = 40; x < png.width; x++) if (png.pixel(x, y) === '#111827') dark++;
			return dark;
		};
		expect(ink('每小时私信')).toBe(0);
		expect(ink('DMs 每小时私信')).toBe(ink('DMs'));
		expect(ink('DMs')).toBeGreaterThan(0);
	});

	it('renders 960 × ~1100 well under 100 ms', () => {
		const model = { ...sampleModel(), panels: [hourlyPanel(), hourlyPanel(), csatPanel()] };
		expect(layoutChart(model).height).toBeGreaterThan(1000);
		renderPng(model);
		const times: number[] = [];
		for (let i = 0; i < 5; i++) {
			const start = process.hrtime.bigint();
			renderPng(model);
			times.push(Number(process.hrtime.bigint() - start) / 1e6);
		}
		expect(Math.min(...times)).toBeLessThan(100);
	});
});

describe('renderSvg', () => {
	it('is a standalone, well-formed document with CJK fonts and the Chinese title', () => {
		const svg = renderSvg(sampleModel());
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
		expect(svg).toContain('Noto Sans CJK SC');
		expect(svg).toContain('小红书私信日报');
		expect(svg).toContain('每小时私信');
		expectWellFormed(svg);
	});

	it('escapes markup in titles, labels and names', () => {
		const svg = renderSvg({
			title: 'A <b> & "C"',
			panels: [
				{
					kind: 'bars',
					title: '<x>&',
					categories: ['a<b', 'c&d'],
					series: [{ name: 'x"y\'z', color: '#123456', values: [1, 2] }],
				},
			],
		});
		expect(svg).toContain('A &lt;b&gt; &amp; &quot;C&quot;');
		expect(svg).toContain('a&lt;b');
		expect(svg).toContain('c&amp;d');
		expect(svg).not.toContain('<b>');
		expectWellFormed(svg);
	});

	it('drops bad colours and characters XML forbids', () => {
		const svg = renderSvg({
			title: 'bell\u0007',
			panels: [
				{
					kind: 'bars',
					title: 't',
					categories: ['a'],
					series: [{ name: 's', color: '"/><script>', values: [1] }],
				},
			],
		});
		expect(svg).not.toContain('script');
		expect(svg).not.toContain('\u0007');
		expectWellFormed(svg);
	});

	it('has one rect per non-zero bar, grouped or stacked', () => {
		const grouped: ChartModel = {
			title: 'g',
			panels: [
				{
					kind: 'bars',
					title: 'agents',
					categories: ['A', 'B', 'C'],
					series: [
						{ name: 'handled', color: '#4e79a7', values: [3, 4, 5] },
						{ name: 'resolved', color: '#59a14f', values: [2, 0, 5] },
					],
				},
			],
		};
		expect(count(renderSvg(grouped), /<rect class="bar"/g)).toBe(5);
		expect(
			count(
				renderSvg({ ...grouped, panels: [{ ...grouped.panels[0], stacked: true }] }),
				/<rect class="bar"/g,
			),
		).toBe(5);
		expect(count(renderSvg(sampleModel()), /<rect class="bar" data-panel="1"/g)).toBe(5);
	});

	it('stacks segments on one column whose heights add up to the total', () => {
		const values = [
			[2, 3, 5],
			[1.5, 0, 2.25],
			[4, 1, 0.3],
		];
		const model: ChartModel = {
			title: 's',
			panels: [
				{
					kind: 'bars',
					title: 'stack',
					categories: ['a', 'b', 'c'],
					stacked: true,
					series: values.map((v, s) => ({
						name: `s${s}`,
						color: ['#111111', '#222222', '#333333'][s],
						values: v,
					})),
				},
			],
		};
		const svg = renderSvg(model);
		const rects = [
			...svg.matchAll(
				/<rect class="bar" data-panel="0" data-series="(\d)" data-category="(\d)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g,
			),
		].map(([, series, category, x, y, w, h]) => ({
			series: +series,
			category: +category,
			x: +x,
			y: +y,
			w: +w,
			h: +h,
		}));
		const totals = [0, 1, 2].map((c) => values.reduce((sum, v) => sum + v[c], 0)); // 7.5, 4, 7.55 → axis top 8
		const column = (c: number) =>
			rects.filter((r) => r.category === c).sort((a, b) => a.series - b.series);
		const bottom = column(0)[0].y + column(0)[0].h;
		const pxPerUnit = column(0).reduce((sum, r) => sum + r.h, 0) / totals[0];
		for (const c of [0, 1, 2]) {
			const segments = column(c);
			expect(new Set(segments.map((r) => r.x)).size).toBe(1);
			expect(segments[0].y + segments[0].h).toBe(bottom);
			for (let i = 1; i < segments.length; i++)
				expect(segments[i].y + segments[i].h).toBe(segments[i - 1].y);
			expect(
				Math.abs(segments.reduce((sum, r) => sum + r.h, 0) - totals[c] * pxPerUnit),
			).toBeLessThanOrEqual(1);
			segments.forEach((r) =>
				expect(Math.abs(r.h - values[r.series][c] * pxPerUnit)).toBeLessThanOrEqual(1),
			);
		}
		expect(column(1)).toHaveLength(2); // the zero segment draws nothing
	});

	it('never prints NaN or undefined: all-zero data, empty categories, missing values', () => {
		const models: ChartModel[] = [
			{
				title: 'zero',
				panels: [
					{
						kind: 'bars',
						title: 'z',
						categories: ['a', 'b'],
						series: [{ name: 'x', color: '#4e79a7', values: [0, 0] }],
						line: { name: 'l', color: '#e15759', values: [null, null] },
					},
				],
			},
			{ title: 'empty', panels: [{ kind: 'bars', title: 'e', categories: [], series: [] }] },
			{
				title: 'empty series',
				panels: [
					{
						kind: 'bars',
						title: 'e',
						categories: [],
						series: [{ name: 'x', color: '#4e79a7', values: [] }],
						stacked: true,
					},
				],
			},
			{
				title: 'short values',
				panels: [
					{
						kind: 'bars',
						title: 's',
						categories: ['a', 'b', 'c'],
						series: [{ name: 'x', color: '#4e79a7', values: [NaN, -3] }],
					},
				],
			},
			{ title: 'no panels', panels: [] },
		];
		for (const model of models) {
			const svg = renderSvg(model);
			expect(svg).not.toMatch(/NaN|undefined|Infinity/);
			expectWellFormed(svg);
			const png = decodePng(renderPng(model));
			expect(png.height).toBe(layoutChart(model).height);
		}
		expect(renderSvg(models[1])).toContain('No data');
	});
});

describe('layout', () => {
	it('splits the line at nulls into separate segments, with a dot per value', () => {
		const model: ChartModel = {
			title: 'line',
			panels: [
				{
					kind: 'bars',
					title: 'p',
					categories: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
					series: [],
					line: { name: 'p50', color: '#2f9e44', values: [1, 2, null, 3, 4, null, 5] },
				},
			],
		};
		const layout = layoutChart(model);
		const segments = layout.shapes.filter((s) => s.kind === 'line' && s.tag?.role === 'trend');
		expect(segments.map((s) => (s.kind === 'line' ? s.points.length : 0))).toEqual([2, 2]);
		expect(layout.shapes.filter((s) => s.tag?.role === 'trend-dot')).toHaveLength(5);
		const svg = renderSvg(model);
		expect(count(svg, /class="trend"/g)).toBe(2);

		// The gap stays empty in the PNG: halfway between the points either side of a null.
		const png = decodePng(renderPng(model));
		const dots = layout.shapes
			.filter((s) => s.tag?.role === 'trend-dot')
			.map((s) => (s.kind === 'circle' ? s : undefined));
		const [b, d] = [dots[1], dots[2]];
		if (!b || !d) throw new Error('dots missing');
		expect(png.pixel(Math.floor((b.cx + d.cx) / 2), Math.floor((b.cy + d.cy) / 2))).not.toBe(
			'#2f9e44',
		);
		expect(png.pixel(Math.floor(b.cx), Math.floor(b.cy))).toBe('#2f9e44');
	});

	it('shows every hour label when they fit, every 2nd/3rd when not, never overlapping', () => {
		for (const width of [960, 600, 420]) {
			const layout = layoutChart({ title: 't', width, panels: [hourlyPanel()] });
			const labels = texts(layout.shapes, 'category');
			if (width === 960) expect(labels).toHaveLength(24);
			if (width === 420) expect(labels.length).toBeLessThanOrEqual(12);
			expect(labels[0].text).toBe('0');
			const step = Number(labels[1].text) - Number(labels[0].text);
			labels.forEach((label, i) => expect(label.text).toBe(String(i * step)));
			for (let i = 1; i < labels.length; i++) {
				const previousRight =
					labels[i - 1].x + measureText(labels[i - 1].text, labels[i - 1].size) / 2;
				const left = labels[i].x - measureText(labels[i].text, labels[i].size) / 2;
				expect(left).toBeGreaterThan(previousRight);
			}
		}
	});

	it('centres each category label under its bars', () => {
		const layout = layoutChart(sampleModel());
		const labels = texts(layout.shapes, 'category').filter(
			(t) => t.y > (bars(layout.shapes, 1)[0]?.y ?? 0),
		);
		for (const bar of bars(layout.shapes, 1)) {
			const label = labels.find((t) => t.tag?.category === bar.tag?.category);
			expect(label).toBeDefined();
			expect(Math.abs((label?.x ?? 0) - (bar.x + bar.w / 2))).toBeLessThanOrEqual(1);
		}
	});

	it('prints values over bars only up to 12 categories', () => {
		const layout = layoutChart(sampleModel());
		const values = texts(layout.shapes, 'value');
		expect(values.map((t) => t.text)).toEqual(['3', '5', '14', '52', '131']);
	});

	it('keeps every shape and text inside the image', () => {
		const long =
			'A very long title that cannot possibly fit into a narrow chart 一个很长很长的标题';
		for (const width of [360, 480, 960, 1400]) {
			const model: ChartModel = {
				...sampleModel(),
				title: long,
				subtitle: long,
				width,
				summary: [...(sampleModel().summary ?? []), { label: long, value: '123456789.123456789' }],
				panels: [
					hourlyPanel(),
					csatPanel(),
					{
						kind: 'bars',
						title: long,
						categories: [long, 'b'],
						series: [{ name: long, color: '#123456', values: [1e9, 3] }],
						line: { name: long, color: '#654321', unit: long, values: [1e6, 2] },
					},
				],
			};
			const layout = layoutChart(model);
			for (const shape of layout.shapes) {
				if (shape.kind === 'text') {
					const w = measureText(shape.text, shape.size, shape.bold);
					const left =
						shape.anchor === 'start'
							? shape.x
							: shape.anchor === 'middle'
								? shape.x - w / 2
								: shape.x - w;
					expect(left).toBeGreaterThanOrEqual(0);
					expect(left + w).toBeLessThanOrEqual(width);
					expect(shape.y - shape.size).toBeGreaterThanOrEqual(0);
					expect(shape.y).toBeLessThanOrEqual(layout.height);
				} else if (shape.kind === 'rect') {
					expect(shape.x).toBeGreaterThanOrEqual(0);
					expect(shape.x + shape.w).toBeLessThanOrEqual(width);
					expect(shape.y + shape.h).toBeLessThanOrEqual(layout.height);
				}
			}
		}
	});
});

describe('bitmap font', () => {
	it('has a visible glyph for every printable ASCII character but space', () => {
		for (let code = 0x21; code <= 0x7e; code++)
			expect(glyphRows(String.fromCharCode(code)).some((row) => row !== 0)).toBe(true);
		expect(glyphRows(' ').every((row) => row === 0)).toBe(true);
		expect(glyphRows('字').every((row) => row === 0)).toBe(true);
		expect(bitmapWidth('ab', 2)).toBe(22);
	});
});
