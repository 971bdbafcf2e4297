// Icons, codex files and generated data tables are not TypeScript: tsc does not copy them,
// but n8n loads them from dist/ next to the compiled node.
const { src, dest } = require('gulp');

function buildAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = buildAssets;
