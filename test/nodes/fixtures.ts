import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowFixture } from './runWorkflow';

const { sandboxCredentialData } = require('../../scripts/lib/provision');

/** The credential `npm start` creates for a sandbox, as fixture data (the access token empty, as n8n stores it new). */
export function sandboxCredential(
	sb: { app: Record<string, unknown>; url: string },
	overrides: Record<string, unknown> = {},
) {
	return {
		...sandboxCredentialData({ ...sb.app, base_url: sb.url }),
		accessToken: '',
		...overrides,
	};
}

export function loadFixture(name: string): WorkflowFixture {
	return JSON.parse(
		readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8'),
	) as WorkflowFixture;
}

let counter = 0;

/** Production-environment credential data; a fresh app id per call keeps token chains apart. */
export function productionCredential(overrides: Record<string, unknown> = {}) {
	counter++;
	return {
		environment: 'production',
		appId: `app_${process.pid}_${counter}`,
		appSecret: 'test-app-secret',
		encryptionSecret: '0123456789abcdef',
		refreshToken: `rt_seed_${counter}`,
		authCode: '',
		webhookSecret: '',
		maxRequestsPerSecond: 100,
		// These nock-backed tests pin revision 1's bodies; revision 2's are in test/xiaohongshu.
		wireRevision: 'r1',
		accessToken: '',
		...overrides,
	};
}
