// No ts-node for the benchmarks and the tests' child processes: TypeScript sources are transpiled on require, as written,
// so they run the code in the tree, not a stale build.
'use strict';
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
	const options = {
		module: ts.ModuleKind.CommonJS,
		target: ts.ScriptTarget.ES2022,
		esModuleInterop: true,
	};
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
		fileName: filename,
		compilerOptions: options,
	});
	module._compile(outputText, filename);
};
