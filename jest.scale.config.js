/** Queue mode at scale (npm run test:scale): n8n main + 2 workers, Redis, PostgreSQL, 1,000 DMs. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/scale'],
	testMatch: ['**/*.scale.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
	testTimeout: 60 * 60_000,
	maxWorkers: 1,
};
