import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { woffToSfnt } from './woff';

/**
 * The files the PNG renderer needs besides code: resvg's WebAssembly and Noto Sans SC (SIL OFL
 * 1.1) as Fontsource publishes it, one WOFF per Unicode range. In the installed package the
 * build has copied them to dist/nodes/shared/vendor/chartAssets; from the source tree (tests,
 * benchmarks) they are read from the devDependencies themselves.
 */
interface AssetPaths {
	wasm: string;
	/** Folder with Fontsource's 400.css and files/. */
	font: string;
}

function assetPaths(): AssetPaths {
	const installed = join(__dirname, '..', '..', 'vendor', 'chartAssets');
	if (existsSync(join(installed, 'resvg.wasm')))
		return { wasm: join(installed, 'resvg.wasm'), font: join(installed, 'noto-sans-sc') };
	return {
		wasm: require.resolve('@resvg/resvg-wasm/index_bg.wasm'),
		font: join(require.resolve('@fontsource/noto-sans-sc/package.json'), '..'),
	};
}

let paths: AssetPaths | undefined;
const where = () => (paths ??= assetPaths());

export function resvgWasm(): Buffer {
	return readFileSync(where().wasm);
}

/** One WOFF of the font and the code points it covers (its CSS unicode-range). */
interface FontRange {
	file: string;
	ranges: Array<[number, number]>;
}

let ranges: FontRange[] | undefined;

/** The regular (400) weight's files, read from the CSS that maps them to Unicode ranges. */
function fontRanges(): FontRange[] {
	if (ranges) return ranges;
	const css = readFileSync(join(where().font, '400.css'), 'utf8');
	ranges = [
		...css.matchAll(
			/files\/([\w-]+-400-normal\.woff)\) format\('woff'\);\s*unicode-range: ([^;]+);/g,
		),
	].map((m) => ({
		file: m[1],
		ranges: m[2].split(',').map((r) => {
			const [from, to] = r.trim().slice(2).split('-');
			return [parseInt(from, 16), parseInt(to ?? from, 16)] as [number, number];
		}),
	}));
	if (ranges.length === 0) throw new Error(`no font ranges in ${join(where().font, '400.css')}`);
	return ranges;
}

/** The font file whose Unicode ranges hold the character, if any. */
function rangeOf(char: string): FontRange | undefined {
	const code = char.codePointAt(0) ?? 0;
	return fontRanges().find((f) => f.ranges.some(([from, to]) => code >= from && code <= to));
}

const converted = new Map<string, Uint8Array>();

/**
 * The font files that cover every character of `text`, ready for resvg. A report uses a few
 * of the hundred: only those are read and unpacked, once per process.
 */
export function fontsFor(text: string): Uint8Array[] {
	const wanted = new Set<FontRange>();
	for (const char of new Set(text)) {
		const range = rangeOf(char);
		if (range) wanted.add(range);
	}
	return [...wanted].map((range) => {
		let font = converted.get(range.file);
		if (!font) {
			font = woffToSfnt(readFileSync(join(where().font, 'files', range.file)));
			converted.set(range.file, font);
		}
		return font;
	});
}

/** Whether the font has a glyph range for the character (what the PNG can show). */
export function fontCovers(char: string): boolean {
	return rangeOf(char) !== undefined;
}
