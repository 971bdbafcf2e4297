/** The PNG path: the SVG of the shared layout, drawn by resvg with the bundled Chinese font. */

import { initWasm, Resvg } from '../../vendor/resvg';
import { fontsFor, resvgWasm } from './chartAssets';
import { layoutChart } from './layout';
import { svgOf } from './svg';
import type { ChartModel } from './types';

let ready: Promise<void> | undefined;

/** resvg's WebAssembly is compiled once per process, on the first chart. */
function resvgReady(): Promise<void> {
	ready ??= initWasm(resvgWasm()).catch((error: Error) => {
		ready = undefined;
		throw error;
	});
	return ready;
}

/** Every text of the SVG, to pick the font files that cover it. */
function textsOf(svg: string): string {
	return [...svg.matchAll(/>([^<]+)</g)].map((m) => m[1]).join('');
}

export async function renderPng(model: ChartModel): Promise<Buffer> {
	await resvgReady();
	const svg = svgOf(layoutChart(model), String(model.title ?? ''));
	const resvg = new Resvg(svg, {
		font: {
			fontBuffers: fontsFor(textsOf(svg)),
			defaultFontFamily: 'Noto Sans SC',
			sansSerifFamily: 'Noto Sans SC',
		},
	});
	try {
		const image = resvg.render();
		const png = Buffer.from(image.asPng());
		image.free();
		return png;
	} finally {
		resvg.free();
	}
}
