/** The PNG path: the shared layout, rasterized, then encoded. */

import { layoutChart } from './layout';
import { encodePng } from './pngEncode';
import { rasterize } from './raster';
import type { ChartModel } from './types';

export function renderPng(model: ChartModel): Buffer {
	const layout = layoutChart(model);
	return encodePng(layout.width, layout.height, rasterize(layout).pixels);
}
