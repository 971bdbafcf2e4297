// n8n's own community-node rules, minus the n8n Cloud set: this package needs node:sqlite,
// node:net and process.env for its state store, which n8n Cloud forbids (package.json: strict false).
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

// The tests (npm run lint:test, a phase of npm test): a few rules that catch real mistakes,
// without type information so that it stays fast. The type checks are tsc's (npm run typecheck).
const testRules = {
	'no-restricted-syntax': [
		'error',
		{
			selector: "MemberExpression[object.name=/^(describe|it|test)$/][property.name='only']",
			message: ".only runs this file's other tests no more",
		},
		{
			selector: 'CallExpression[callee.name=/^(fit|fdescribe)$/]',
			message: "fit/fdescribe runs this file's other tests no more",
		},
	],
	'array-callback-return': 'error',
	'no-async-promise-executor': 'error',
	'no-compare-neg-zero': 'error',
	'no-cond-assign': 'error',
	'no-const-assign': 'error',
	'no-constant-binary-expression': 'error',
	'no-debugger': 'error',
	'no-dupe-else-if': 'error',
	'no-dupe-keys': 'error',
	'no-duplicate-case': 'error',
	'no-empty-pattern': 'error',
	'no-fallthrough': 'error',
	'no-loss-of-precision': 'error',
	'no-self-assign': 'error',
	'no-self-compare': 'error',
	'no-sparse-arrays': 'error',
	'no-template-curly-in-string': 'error',
	'no-unreachable': 'error',
	'no-unsafe-finally': 'error',
	'no-unsafe-optional-chaining': 'error',
	'use-isnan': 'error',
	'valid-typeof': 'error',
};
const unusedVars = [
	'error',
	{
		args: 'after-used',
		argsIgnorePattern: '^_',
		varsIgnorePattern: '^_',
		caughtErrors: 'none',
		ignoreRestSiblings: true,
	},
];
// What a CommonJS test file can use without declaring it: Node's globals, its module scope, jest's.
const testGlobals = Object.fromEntries(
	[
		...Object.getOwnPropertyNames(globalThis),
		...['require', 'module', 'exports', '__dirname', '__filename'],
		...[
			'describe',
			'it',
			'test',
			'expect',
			'beforeAll',
			'beforeEach',
			'afterAll',
			'afterEach',
			'jest',
		],
	].map((name) => [name, 'readonly']),
);

export default [
	{ ignores: ['dist/**', 'node_modules/**'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	// n8n's rules are for what the package ships, not for its tests.
	{
		...n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport,
		ignores: [
			...(n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport.ignores ?? []),
			'test/**',
			'**/*.test.ts',
		],
	},
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// As in n8n's own community-node config (@n8n/node-cli): these older rules contradict
			// the newer @n8n/community-nodes ones (URL format, NodeConnectionTypes).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	// A node folder uses an engine through its public face (nodes/shared/<engine>/index.ts),
	// never its files: the engine can then move things inside without touching the nodes.
	{
		files: ['nodes/Xiaohongshu*/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '(^|/)shared/[^/]+/',
							message:
								'Import the engine from nodes/shared/<engine> (its index.ts), not from its files.',
						},
					],
				},
			],
		},
	},
	{
		files: ['test/**/*.js'],
		languageOptions: { sourceType: 'commonjs', globals: testGlobals },
		rules: {
			...testRules,
			'no-undef': 'error',
			'no-unused-vars': unusedVars,
			'no-unused-expressions': 'error',
		},
	},
	{
		files: ['test/**/*.ts'],
		plugins: { '@typescript-eslint': tseslint.plugin },
		rules: {
			...testRules,
			'@typescript-eslint/no-unused-vars': unusedVars,
			'@typescript-eslint/no-unused-expressions': 'error',
		},
	},
];
