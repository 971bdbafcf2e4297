import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * npm run eval:model against the sandbox's OpenAI-compatible model: the command the README
 * gives for measuring a real model on the team's labelled DMs runs end to end offline. The
 * sandbox's model is scripted here to always take the closest entry, so the figures say what
 * such a naive model would do, not what a real one does.
 */
const { createSandbox } = require('../../sandbox/server');

const script = join(__dirname, '..', '..', 'scripts', 'eval-model.js');

/** Asynchronously: the sandbox answering the script runs in this process. */
async function run(
	args: string[],
	env: Record<string, string> = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
	return await new Promise((resolve) => {
		execFile(
			process.execPath,
			[script, ...args],
			{ env: { ...process.env, OPENAI_API_KEY: '', ...env }, timeout: 60000 },
			(error, stdout, stderr) =>
				resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
		);
	});
}

describe('npm run eval:model', () => {
	let sandbox: { url: string; close(): Promise<void> };
	beforeAll(async () => {
		sandbox = await createSandbox({ port: 0 });
	});
	afterAll(async () => await sandbox.close());

	it('measures the undecided DMs of a labelled set with the model, and prints one JSON line last', async () => {
		await fetch(`${sandbox.url}/sandbox/llm/script`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ answers: [{ pick: '$first' }] }),
		});
		const result = await run(
			['--base-url', `${sandbox.url}/llm/v1`, '--model', 'sandbox-model', '--shop', 'beauty'],
			{ OPENAI_API_KEY: 'sk-sandbox' },
		);
		expect(result.status).toBe(0);
		const lines = result.stdout.trim().split('\n');
		const summary = JSON.parse(lines[lines.length - 1]);
		expect(summary.model).toBe('sandbox-model');
		expect(summary.undecided_beauty).toBeGreaterThan(0);
		expect(summary.asked_beauty).toBeGreaterThan(0);
		expect(summary.asked_beauty).toBeLessThanOrEqual(summary.undecided_beauty);
		expect(summary.answered_beauty).toBe(summary.asked_beauty);
		expect(summary.right_beauty + summary.wrong_beauty).toBe(summary.answered_beauty);
		expect(summary.tokens_in_mean_beauty).toBeGreaterThan(0);
		expect(result.stdout).toContain('answered by the model');
	}, 60000);

	it('says what is missing instead of calling anything', async () => {
		const noUrl = await run(['--model', 'x']);
		expect(noUrl.status).toBe(2);
		expect(noUrl.stderr).toContain('--base-url');
		const noKey = await run(['--base-url', `${sandbox.url}/llm/v1`, '--model', 'x']);
		expect(noKey.status).toBe(2);
		expect(noKey.stderr).toContain('OPENAI_API_KEY');
	});
});
