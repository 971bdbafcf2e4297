/**
 * The admin webhooks' header, without n8n: the value `npm start` keeps in n8n's user folder
 * (created once, mode 0600, reused), the check that refuses a template whose admin webhook is
 * open, and the credential `npm start` puts into the templates.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const {
	ADMIN_CREDENTIAL_NAME,
	ADMIN_SECRET_FILE,
	ADMIN_WEBHOOK_PATHS,
	adminHeader,
	adminHeaders,
	adminWebhookNodes,
	adminWebhookProblems,
	isHeaderValue,
	newHeaderValue,
} = require('../../scripts/lib/adminWebhooks');
const { withCredentials } = require('../../scripts/lib/provision');

type Json = Record<string, any>;

const webhook = (path: string, extra: Json = {}): Json => ({
	name: `hook ${path}`,
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	parameters: { httpMethod: 'POST', path, responseMode: 'responseNode', options: {} },
	...extra,
});
const guarded = (path: string): Json =>
	webhook(path, {
		parameters: {
			httpMethod: 'POST',
			path,
			authentication: 'headerAuth',
			responseMode: 'responseNode',
			options: {},
		},
		credentials: {
			httpHeaderAuth: { id: 'xhs-admin-webhook-credential', name: ADMIN_CREDENTIAL_NAME },
		},
	});

describe('the admin header', () => {
	let folder: string;
	beforeEach(() => {
		folder = mkdtempSync(join(tmpdir(), 'xhs-admin-header-'));
	});
	afterEach(() => rmSync(folder, { recursive: true, force: true }));

	it('is "Bearer" and 256 random bits, different every time', () => {
		const value = newHeaderValue();
		expect(value).toMatch(/^Bearer [A-Za-z0-9_-]{43}$/);
		expect(newHeaderValue()).not.toBe(value);
		expect(newHeaderValue(() => Buffer.alloc(32, 0xff))).toBe(`Bearer ${'_'.repeat(42)}8`);
		expect(isHeaderValue(value)).toBe(true);
	});

	it("accepts an admin's own long value, not an empty, short or multi-line one", () => {
		expect(isHeaderValue('Bearer my-own-long-secret-value-2026')).toBe(true);
		for (const bad of [
			'',
			'Bearer x',
			'Bearer abcdefghijklmnopqrstuvwxyz\nX: 1',
			' Bearer abcdefghijklmnopqrstuvwxyz',
			42,
		])
			expect(isHeaderValue(bad)).toBe(false);
	});

	it('is created once in the user folder, mode 0600, and the same on every later start', () => {
		const first = adminHeader(folder);
		expect(first).toMatchObject({
			name: 'Authorization',
			file: join(folder, ADMIN_SECRET_FILE),
			created: true,
		});
		expect(isHeaderValue(first.value)).toBe(true);
		expect(statSync(first.file).mode & 0o777).toBe(0o600);
		expect(readFileSync(first.file, 'utf8').trim()).toBe(first.value);
		const again = adminHeader(folder);
		expect(again).toEqual({ ...first, created: false });
	});

	it("keeps an admin's own value, takes its file back to mode 0600, and refuses an unusable one", () => {
		const file = join(folder, ADMIN_SECRET_FILE);
		writeFileSync(file, 'Bearer my-own-long-secret-value-2026\n', { mode: 0o644 });
		chmodSync(file, 0o644);
		expect(adminHeader(folder)).toMatchObject({
			value: 'Bearer my-own-long-secret-value-2026',
			created: false,
		});
		expect(statSync(file).mode & 0o777).toBe(0o600);
		writeFileSync(file, '\n');
		expect(() => adminHeader(folder)).toThrow(/does not hold a usable Authorization header value/);
	});

	it('goes into a request as its own header, and none without one', () => {
		expect(adminHeaders({ name: 'Authorization', value: 'Bearer x' })).toEqual({
			Authorization: 'Bearer x',
		});
		expect(adminHeaders(undefined)).toEqual({});
	});
});

describe('admin webhooks in a template', () => {
	it('are the Webhook nodes on an admin path', () => {
		expect([...ADMIN_WEBHOOK_PATHS].sort()).toEqual([
			'xhs-agents-sync',
			'xhs-assist',
			'xhs-kb-gaps-draft',
			'xhs-rules-check',
		]);
		const template = {
			nodes: [
				webhook('xhs-rules-check'),
				webhook('xhs-report'),
				{ name: 'not a webhook', type: 'n8n-nodes-base.set', parameters: { path: 'xhs-assist' } },
			],
		};
		expect(adminWebhookNodes(template).map((n: Json) => n.parameters.path)).toEqual([
			'xhs-rules-check',
		]);
	});

	it('must use Header Auth through the admin credential, or the template is refused', () => {
		expect(adminWebhookProblems({ nodes: [guarded('xhs-assist'), webhook('xhs-report')] })).toEqual(
			[],
		);
		expect(adminWebhookProblems({ nodes: [webhook('xhs-assist')] })).toEqual([
			'"hook xhs-assist" (/webhook/xhs-assist) must use Header Auth, not none',
			'"hook xhs-assist" (/webhook/xhs-assist) must name the credential "Xiaohongshu Admin Webhooks" (httpHeaderAuth)',
		]);
		const basic = guarded('xhs-agents-sync');
		basic.parameters.authentication = 'basicAuth';
		basic.credentials = { httpBasicAuth: { id: '1', name: 'someone' } };
		expect(adminWebhookProblems({ nodes: [basic] })).toHaveLength(2);
	});

	it("gets npm start's admin credential in its Header Auth slot, and nothing else does", () => {
		const other = webhook('elsewhere', {
			credentials: { httpHeaderAuth: { id: '9', name: 'Some other header' } },
		});
		const out = withCredentials(
			{ name: 't', nodes: [guarded('xhs-rules-check'), other], connections: {} },
			'sandbox-id',
			undefined,
			{ id: 'cred-42', name: ADMIN_CREDENTIAL_NAME },
		);
		expect(out.nodes[0].credentials).toEqual({
			httpHeaderAuth: { id: 'cred-42', name: ADMIN_CREDENTIAL_NAME },
		});
		expect(out.nodes[0].parameters.authentication).toBe('headerAuth');
		expect(out.nodes[1].credentials).toEqual(other.credentials);
		const without = withCredentials(
			{ name: 't', nodes: [guarded('xhs-rules-check')], connections: {} },
			'sandbox-id',
		);
		expect(without.nodes[0].credentials.httpHeaderAuth.id).toBe('xhs-admin-webhook-credential');
	});
});
