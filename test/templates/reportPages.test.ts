/**
 * The report pages' login, without n8n: the `user:password` line `npm start` keeps in n8n's user
 * folder (created once, mode 0600, reused), the check that refuses a template whose page is open,
 * and the Basic Auth credential `npm start` puts into the templates.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const {
	PAGE_CREDENTIAL_NAME,
	PAGE_SECRET_FILE,
	PAGE_WEBHOOK_PATHS,
	newPagePassword,
	pageHeaders,
	pageLogin,
	pageWebhookNodes,
	pageWebhookProblems,
	parsePageLogin,
} = require('../../scripts/lib/reportPages');
const { withCredentials } = require('../../scripts/lib/provision');

type Json = Record<string, any>;

const page = (path: string, extra: Json = {}): Json => ({
	name: `page ${path}`,
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	parameters: { httpMethod: 'GET', path, responseMode: 'responseNode', options: {} },
	...extra,
});
const guarded = (path: string): Json =>
	page(path, {
		parameters: {
			httpMethod: 'GET',
			path,
			authentication: 'basicAuth',
			responseMode: 'responseNode',
			options: {},
		},
		credentials: {
			httpBasicAuth: { id: 'xhs-report-pages-credential', name: PAGE_CREDENTIAL_NAME },
		},
	});

describe("the report pages' login", () => {
	let folder: string;
	beforeEach(() => {
		folder = mkdtempSync(join(tmpdir(), 'xhs-page-login-'));
	});
	afterEach(() => rmSync(folder, { recursive: true, force: true }));

	it('has a password of 192 random bits, different every time', () => {
		const password = newPagePassword();
		expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(newPagePassword()).not.toBe(password);
		expect(newPagePassword(() => Buffer.alloc(24, 0xff))).toBe('_'.repeat(32));
	});

	it("accepts an admin's own user and long password, not an empty, short or odd one", () => {
		expect(parsePageLogin('ops.lead:my-own-long-password-2026\n')).toEqual({
			user: 'ops.lead',
			password: 'my-own-long-password-2026',
		});
		// A password may hold a colon: only the first one splits.
		expect(parsePageLogin('ops:a:b:c:d:e:f:g:h:i:j:k')).toEqual({
			user: 'ops',
			password: 'a:b:c:d:e:f:g:h:i:j:k',
		});
		for (const bad of [
			'',
			'ops:short',
			':no-user-at-all-but-a-long-password',
			'ops:has a space in the password here',
			'运营:a-long-enough-password-here',
			'ops:line-one-long-enough\nsecond:line',
		])
			expect(parsePageLogin(bad)).toBeUndefined();
	});

	it('is created once in the user folder, mode 0600, and the same on every later start', () => {
		const first = pageLogin(folder);
		expect(first).toMatchObject({
			user: 'xhs-ops',
			file: join(folder, PAGE_SECRET_FILE),
			created: true,
		});
		expect(first.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(statSync(first.file).mode & 0o777).toBe(0o600);
		expect(readFileSync(first.file, 'utf8')).toBe(`xhs-ops:${first.password}\n`);
		expect(pageLogin(folder)).toEqual({ ...first, created: false });
	});

	it("keeps an admin's own login, takes its file back to mode 0600, and refuses an unusable one", () => {
		const file = join(folder, PAGE_SECRET_FILE);
		writeFileSync(file, 'lead:my-own-long-password-2026\n', { mode: 0o644 });
		chmodSync(file, 0o644);
		expect(pageLogin(folder)).toMatchObject({
			user: 'lead',
			password: 'my-own-long-password-2026',
			created: false,
		});
		expect(statSync(file).mode & 0o777).toBe(0o600);
		writeFileSync(file, 'lead:short\n');
		expect(() => pageLogin(folder)).toThrow(/does not hold a usable login/);
	});

	it('goes into a request as a Basic Authorization header, and none without one', () => {
		expect(pageHeaders({ user: 'xhs-ops', password: 'p@ss:word' })).toEqual({
			Authorization: `Basic ${Buffer.from('xhs-ops:p@ss:word').toString('base64')}`,
		});
		expect(pageHeaders(undefined)).toEqual({});
	});
});

describe('report pages in a template', () => {
	it('are the Webhook nodes on a page path', () => {
		expect([...PAGE_WEBHOOK_PATHS].sort()).toEqual([
			'xhs-close',
			'xhs-kb-gaps',
			'xhs-report',
			'xhs-status',
			'xhs-webchat-close',
		]);
		const template = {
			nodes: [
				page('xhs-report'),
				page('xhs-kb-gaps-draft'),
				{ name: 'not a webhook', type: 'n8n-nodes-base.set', parameters: { path: 'xhs-kb-gaps' } },
			],
		};
		expect(pageWebhookNodes(template).map((n: Json) => n.parameters.path)).toEqual(['xhs-report']);
	});

	it('must use Basic Auth through the pages credential, or the template is refused', () => {
		expect(pageWebhookProblems({ nodes: [guarded('xhs-report'), page('xhs-webchat')] })).toEqual(
			[],
		);
		expect(pageWebhookProblems({ nodes: [page('xhs-kb-gaps')] })).toEqual([
			'"page xhs-kb-gaps" (/webhook/xhs-kb-gaps) must use Basic Auth, not none',
			'"page xhs-kb-gaps" (/webhook/xhs-kb-gaps) must name the credential "Xiaohongshu Report Pages" (httpBasicAuth)',
		]);
		const header = guarded('xhs-report');
		header.parameters.authentication = 'headerAuth';
		header.credentials = { httpHeaderAuth: { id: '1', name: 'someone' } };
		expect(pageWebhookProblems({ nodes: [header] })).toHaveLength(2);
	});

	it("gets npm start's pages credential in its Basic Auth slot, and nothing else does", () => {
		const other = page('elsewhere', {
			credentials: { httpBasicAuth: { id: '9', name: 'Some other login' } },
		});
		const out = withCredentials(
			{ name: 't', nodes: [guarded('xhs-report'), other], connections: {} },
			'sandbox-id',
			undefined,
			undefined,
			undefined,
			{ id: 'cred-7', name: PAGE_CREDENTIAL_NAME },
		);
		expect(out.nodes[0].credentials).toEqual({
			httpBasicAuth: { id: 'cred-7', name: PAGE_CREDENTIAL_NAME },
		});
		expect(out.nodes[1].credentials).toEqual(other.credentials);
		const without = withCredentials(
			{ name: 't', nodes: [guarded('xhs-report')], connections: {} },
			'sandbox-id',
		);
		expect(without.nodes[0].credentials.httpBasicAuth.id).toBe('xhs-report-pages-credential');
	});
});
