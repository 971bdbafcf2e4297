/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test', '<rootDir>/nodes', '<rootDir>/credentials', '<rootDir>/sandbox'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	// End-to-end suites need a real n8n: they run under jest.e2e.config.js.
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/scale/'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
	testTimeout: 30000,
	setupFilesAfterEnv: ['<rootDir>/test/setup/restore-nock.js'],
	globalSetup: '<rootDir>/test/setup/global-setup.js',
	globalTeardown: '<rootDir>/test/setup/global-teardown.js',
};
