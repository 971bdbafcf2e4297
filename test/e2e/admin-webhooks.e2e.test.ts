import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
	adminHeaders,
	allExecutions,
	dataTableRows,
	eventually,
	n8nApi,
	sandbox,
	stack,
} from './stack';

const {
	ADMIN_CREDENTIAL_NAME,
	ADMIN_SECRET_FILE,
	ADMIN_WEBHOOK_PATHS,
	adminWebhookNodes,
} = require('../../scripts/lib/adminWebhooks');

/**
 * The templates' admin webhooks in real n8n: each checks n8n's own Header Auth with the
 * credential `npm start` creates. Without the header, with a wrong one, or with the right value
 * under another name, n8n answers 403 before the workflow runs: no execution, no row written.
 * With it, the workflow runs, and the header's value is not kept in the execution's data.
 */
type Json = Record<string, any>;

const DIR = join(__dirname, '..', '..', 'workflows');
const adminWebhooks = readdirSync(DIR)
	.filter((f) => f.endsWith('.json'))
	.sort()
	.flatMap((file) => {
		const template = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Json;
		return (adminWebhookNodes(template) as Json[]).map((node) => ({
			file,
			template: template.name as string,
			node: node.name as string,
			method: node.parameters.httpMethod as string,
			path: node.parameters.path as string,
		}));
	});

/** What each admin webhook is asked, as an admin would ask it. */
const REQUESTS: Record<string, { query?: string; body: Json }> = {
	'xhs-agents-sync': { body: {} },
	'xhs-rules-check': { body: {} },
	'xhs-kb-gaps-draft': { query: '?range=today', body: {} },
	'xhs-assist': { body: { text: '这个面霜多少钱', nickname: '阿花' } },
};

async function call(method: string, path: string, headers: Record<string, string>) {
	const request = REQUESTS[path];
	const res = await fetch(`${stack.n8nBase}/webhook/${path}${request.query ?? ''}`, {
		method,
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(request.body),
	});
	return { status: res.status, text: await res.text() };
}

/** The executions a webhook started (the templates' schedules start others, in mode "trigger"). */
async function webhookExecutions(workflowId: string): Promise<Array<Record<string, any>>> {
	return (await allExecutions(`workflowId=${workflowId}`)).filter((e) => e.mode === 'webhook');
}

const WRONG: Array<[string, () => Record<string, string>]> = [
	['no header', () => ({})],
	['a wrong value', () => ({ Authorization: 'Bearer not-the-admin-header-value-0000000000' })],
	['the value without "Bearer"', () => ({ Authorization: stack.adminHeader.value.slice(7) })],
	['the value and more', () => ({ Authorization: `${stack.adminHeader.value}x` })],
	['the value cut short', () => ({ Authorization: stack.adminHeader.value.slice(0, -1) })],
	['the value under another name', () => ({ 'X-Authorization': stack.adminHeader.value })],
	[
		'Basic auth instead',
		() => ({ Authorization: `Basic ${Buffer.from('owner:password').toString('base64')}` }),
	],
];

describe('admin webhooks in real n8n', () => {
	it('are the four the templates expose, and npm start keeps their header in a 0600 file and an n8n credential', async () => {
		expect(adminWebhooks.map((w) => w.path).sort()).toEqual([...ADMIN_WEBHOOK_PATHS].sort());
		expect(stack.adminHeader.name).toBe('Authorization');
		expect(stack.adminHeader.value).toMatch(/^Bearer [A-Za-z0-9_-]{43}$/);
		const file = join(stack.userFolder, ADMIN_SECRET_FILE);
		expect(readFileSync(file, 'utf8').trim()).toBe(stack.adminHeader.value);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const credentials = (await n8nApi().rest('GET', '/credentials')).data as Json[];
		expect(credentials.filter((c) => c.name === ADMIN_CREDENTIAL_NAME)).toEqual([
			expect.objectContaining({ id: stack.adminHeader.credentialId, type: 'httpHeaderAuth' }),
		]);
	});

	it.each(adminWebhooks)(
		'$file "$node" ($method /webhook/$path): 403 and nothing runs without the header; runs with it',
		async ({ template, method, path }) => {
			const workflow = stack.workflows.find((w) => w.name === template);
			expect(workflow).toMatchObject({ active: true });
			const id = workflow!.id;
			const before = (await webhookExecutions(id)).length;

			for (const [why, headers] of WRONG) {
				const denied = await call(method, path, headers());
				expect({ why, status: denied.status }).toEqual({ why, status: 403 });
				expect(denied.text).not.toContain(stack.adminHeader.value);
			}

			const allowed = await call(method, path, adminHeaders());
			expect(allowed.status).toBe(200);
			await eventually(
				'the execution of the allowed request',
				async () => (await webhookExecutions(id)).length > before,
				30_000,
			);
			// Only the allowed request ran: none of the refused ones started an execution.
			await new Promise((r) => setTimeout(r, 1500));
			expect((await webhookExecutions(id)).length).toBe(before + 1);
		},
		90_000,
	);

	it('(known, n8n 2.41.1) an allowed call leaves the header in its saved execution, though the Webhook node declares it sensitive', async () => {
		// The Webhook node lists headers.authorization in its sensitiveOutputFields, but n8n 2.41.1
		// applies no such redaction to the executions it saves (only the licensed redaction policy
		// clears items). Whoever can open these workflows' executions can read the header: this
		// pins the fact the README states, so a newer n8n that redacts it shows up here.
		const workflow = stack.workflows.find((w) => w.file === 'agents-table-sync.json')!;
		const before = (await webhookExecutions(workflow.id)).length;
		expect((await call('POST', 'xhs-agents-sync', adminHeaders())).status).toBe(200);
		const runs = await eventually(
			'the execution',
			async () => {
				const now = await webhookExecutions(workflow.id);
				return now.length > before && now;
			},
			30_000,
		);
		const latest = runs.reduce((a, b) => (Number(a.id) > Number(b.id) ? a : b));
		const saved = await eventually(
			'the finished execution',
			async () => {
				const e = await n8nApi().api('GET', `/executions/${latest.id}?includeData=true`);
				return e.stoppedAt ? e : undefined;
			},
			30_000,
		);
		const output = saved.data.resultData.runData['Sync now'][0].data.main[0][0].json;
		expect(output.headers.authorization).toBe(stack.adminHeader.value);
	});

	it('a refused request leaves the gap drafts alone', async () => {
		const faqRows = (await dataTableRows('xhs_faq')).length;
		for (const [, headers] of WRONG)
			expect((await call('POST', 'xhs-kb-gaps-draft', headers())).status).toBe(403);
		await new Promise((r) => setTimeout(r, 1500));
		expect((await dataTableRows('xhs_faq')).length).toBe(faqRows);
	});

	it("the sandbox's agent view asks agent assist with the header, and never shows its value", async () => {
		const configured = await sandbox('GET', '/sandbox/assist-url');
		expect(configured).toEqual({
			url: `${stack.n8nBase}/webhook/xhs-assist`,
			headers: ['Authorization'],
		});
		expect(JSON.stringify(configured)).not.toContain(stack.adminHeader.value);
		const answer = await sandbox('POST', '/sandbox/assist', {
			text: '这个面霜多少钱',
			nickname: '阿花',
		});
		expect(answer.suggestions[0]).toMatchObject({ source: 'rule', id: '面霜价格 · cream price' });
	});
});
