/** End-to-end tests in a real n8n 2.x (installed once into a cache), with the sandbox. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
	testTimeout: 120000,
	maxWorkers: 1,
	globalSetup: '<rootDir>/test/e2e/setup/global-setup.js',
	globalTeardown: '<rootDir>/test/e2e/setup/global-teardown.js',
};
