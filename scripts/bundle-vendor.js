#!/usr/bin/env node
// n8n community packages may have no runtime dependencies (n8n's no-runtime-dependencies
// rule), so libraries come in through nodes/shared/vendor/: tsc compiles each file there to a
// plain require() of the library, and this step replaces that output with an esbuild bundle
// of the same file, library inside. Then it checks that nothing in dist requires a package
// that an n8n install would not have.
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const vendorSrc = path.join(root, 'nodes', 'shared', 'vendor');
const vendorOut = path.join(root, 'dist', 'nodes', 'shared', 'vendor');

function bundleVendor() {
	for (const file of fs.readdirSync(vendorSrc).filter((f) => f.endsWith('.ts'))) {
		const outfile = path.join(vendorOut, file.replace(/\.ts$/, '.js'));
		esbuild.buildSync({
			entryPoints: [path.join(vendorSrc, file)],
			outfile,
			bundle: true,
			platform: 'node',
			format: 'cjs',
			target: 'node20',
			// Minified: n8n parses every bundled library when it loads the package (bench:load).
			minify: true,
			// Error and class names stay readable in messages and instanceof-free checks.
			keepNames: true,
			legalComments: 'inline',
			logLevel: 'warning',
		});
		console.log(`bundled ${path.relative(root, outfile)} (${fs.statSync(outfile).size} bytes)`);
	}
}

/**
 * What the chart's PNG renderer reads besides code (nodes/shared/serviceMetrics/chart/
 * chartAssets.ts): resvg's WebAssembly, and Noto Sans SC's regular weight as Fontsource ships
 * it (a WOFF per Unicode range, the CSS that maps them, the SIL Open Font License).
 */
function copyChartAssets() {
	const out = path.join(vendorOut, 'chartAssets');
	const fontDir = path.dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
	fs.rmSync(out, { recursive: true, force: true });
	fs.mkdirSync(path.join(out, 'noto-sans-sc', 'files'), { recursive: true });
	fs.copyFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm'), path.join(out, 'resvg.wasm'));
	for (const file of ['400.css', 'LICENSE'])
		fs.copyFileSync(path.join(fontDir, file), path.join(out, 'noto-sans-sc', file));
	let bytes = 0;
	for (const file of fs.readdirSync(path.join(fontDir, 'files'))) {
		if (!file.endsWith('-400-normal.woff')) continue;
		const to = path.join(out, 'noto-sans-sc', 'files', file);
		fs.copyFileSync(path.join(fontDir, 'files', file), to);
		bytes += fs.statSync(to).size;
	}
	console.log(`copied chart assets: resvg.wasm, Noto Sans SC 400 (${(bytes / 1e6).toFixed(1)} MB)`);
}

// What a compiled file may require: relative files, Node's own modules, and n8n's packages
// that n8n itself provides to community nodes.
const PROVIDED = new Set(['n8n-workflow']);
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function checkRequires(dir) {
	const problems = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) problems.push(...checkRequires(full));
		else if (entry.name.endsWith('.js')) {
			const text = fs.readFileSync(full, 'utf8');
			for (const match of text.matchAll(/require\("([^"]+)"\)/g)) {
				const name = match[1];
				if (name.startsWith('.') || builtins.has(name) || PROVIDED.has(name)) continue;
				problems.push(`${path.relative(root, full)} requires "${name}"`);
			}
		}
	}
	return problems;
}

bundleVendor();
copyChartAssets();
const problems = checkRequires(path.join(root, 'dist'));
if (problems.length) {
	console.error(
		`dist requires packages an n8n install does not have (bundle them through nodes/shared/vendor/):\n${problems.join('\n')}`,
	);
	process.exit(1);
}
