/**
 * The report chart's PNG is the SVG drawn by resvg (MPL-2.0, linebender/resvg, as WebAssembly):
 * a real text shaper and rasterizer, so Chinese labels, agent names and titles come out as in
 * the SVG (the hand-written bitmap font before it had printable ASCII only). Its JavaScript glue
 * is bundled into dist; the .wasm and the font are copied beside it (scripts/bundle-vendor.js).
 */
export { initWasm, Resvg } from '@resvg/resvg-wasm';
