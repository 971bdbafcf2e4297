import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function tempDir(label: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), `xhs-state-${label}-`));
}

/** A prefix no other test file (or earlier run against the same Redis) uses. */
export function uniquePrefix(label: string): string {
	return `xhs-test:${label}:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`;
}

export function redisTestUrl(): string {
	const url = process.env.XHS_TEST_REDIS_URL;
	if (!url)
		throw new Error(
			'XHS_TEST_REDIS_URL is not set: run the tests through jest (globalSetup starts Redis)',
		);
	return url;
}

/** Runs `count` calls of `task` at once and returns their results in call order. */
export function concurrently<T>(count: number, task: (index: number) => Promise<T>): Promise<T[]> {
	return Promise.all(Array.from({ length: count }, (_, index) => task(index)));
}
