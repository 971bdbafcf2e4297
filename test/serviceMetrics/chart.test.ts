import {
	layoutChart,
	niceTicks,
	renderPng,
	renderSvg,
	ticksWithIntervals,
	type BarPanel,
	type ChartModel,
	type RectShape,
	type Shape,
	type TextShape,
} from '../../nodes/shared/serviceMetrics/chart';
import { fontCovers } from '../../nodes/shared/serviceMetrics/chart/chartAssets';
import { decodePng } from '../support/png';
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
	it('is a PNG of the layout size', async () => {
		const model = sampleModel();
		const layout = layoutChart(model);
		const png = decodePng(await renderPng(model));
		expect(png.width).toBe(960);
		expect(png.height).toBe(layout.height);
	});

	it('paints bars in their series colour and leaves the margins white', async () => {
		const model = sampleModel();
		const layout = layoutChart(model);
		const png = decodePng(await renderPng(model));
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

	it('is deterministic', async () => {
		expect((await renderPng(sampleModel())).equals(await renderPng(sampleModel()))).toBe(true);
	});

	/** Ink over the box a text shape takes in the layout. */
	const inkOf = (png: ReturnType<typeof decodePng>, text: TextShape) => {
		const width = measureText(text.text, text.size, text.bold);
		const left =
			text.anchor === 'middle'
				? text.x - width / 2
				: text.anchor === 'end'
					? text.x - width
					: text.x;
		let ink = 0;
		for (let y = Math.max(0, Math.floor(text.y - text.size)); y < text.y + text.size / 4; y++)
			for (let x = Math.max(0, Math.floor(left)); x < Math.min(png.width, left + width); x++)
				ink += png.ink(x, y);
		return ink;
	};

	it('draws Chinese titles, agent names and question types, as the SVG does', async () => {
		const model: ChartModel = {
			title: '小红书私信客服日报',
			panels: [
				{
					kind: 'bars',
					title: '客服 · 首次响应',
					categories: ['小李', '老张', '王小姐'],
					series: [{ name: '人工', color: '#4e79a7', values: [3, 5, 2] }],
				},
				{
					kind: 'bars',
					title: '问题类型',
					categories: ['退货', '物流', '面霜价格'],
					series: [{ name: '私信', color: '#f28e2b', values: [4, 2, 6] }],
				},
			],
		};
		const layout = layoutChart(model);
		const png = decodePng(await renderPng(model));
		const chinese = texts(layout.shapes).filter((t) => /[\u4e00-\u9fff]/.test(t.text));
		expect(chinese.map((t) => t.text)).toEqual(
			expect.arrayContaining(['小红书私信客服日报', '小李', '老张', '王小姐', '退货', '面霜价格']),
		);
		// Every Chinese label leaves ink where the layout put it (the bitmap font left none).
		for (const text of chinese) expect(inkOf(png, text)).toBeGreaterThan(text.size * 20);
		// And the ink is the text's: the same chart with blank labels has none there.
		const blank = decodePng(
			await renderPng({
				...model,
				title: ' ',
				panels: model.panels.map((p) => ({ ...p, title: ' ', categories: ['', '', ''] })),
			}),
		);
		expect(inkOf(blank, chinese[0])).toBe(0);
	});

	it('has a glyph for every character the report writes, traditional and full-width included', () => {
		const written = [
			...'小红书私信客服日报每小时私信首次响应满意度退货物流问题類型問題（分钟）·—0123456789',
			...'Xiaohongshu DM service report p50 p90 CSAT',
		];
		expect(written.filter((char) => char.trim() && !fontCovers(char))).toEqual([]);
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

	it('never prints NaN or undefined: all-zero data, empty categories, missing values', async () => {
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
			const png = decodePng(await renderPng(model));
			expect(png.height).toBe(layoutChart(model).height);
		}
		expect(renderSvg(models[1])).toContain('No data');
	});
});

describe('layout', () => {
	it('splits the line at nulls into separate segments, with a dot per value', async () => {
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
		const png = decodePng(await renderPng(model));
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
