import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionLinkUrl, createActionLinkToken } from '../../nodes/shared/agentLinks';

const { N8nApi } = require('../../scripts/lib/n8nServer');
const { allRows, findDataTable } = require('../../scripts/lib/dataTables');

export interface StackInfo {
	n8nBase: string;
	sandboxUrl: string;
	owner: { email: string; password: string };
	userFolder: string;
	runtimeDir: string;
	apiKey: string;
	credentialId: string;
	/** the header the admin webhooks (xhs-rules-check, xhs-agents-sync, xhs-kb-gaps-draft, xhs-assist) check */
	adminHeader: { name: string; value: string; credentialId: string };
	/** the secret of the "Xiaohongshu Link Signing" credential, which signs agents' action links */
	linkSigning: { secret: string; credentialId: string };
	/** the login the report pages (xhs-report, xhs-kb-gaps) check with Basic Auth */
	pageLogin: { user: string; password: string; credentialId: string };
	workflows: Array<{
		id: string;
		name: string;
		file: string;
		active: boolean;
		webhooks: string[];
	}>;
	webhookUrl: string;
	dataTables: { projectId: string; tables: string[] };
	n8nEnv: Record<string, string>;
}

export const stack: StackInfo = JSON.parse(
	readFileSync(join(__dirname, '..', '..', '.test-results', 'e2e-stack.json'), 'utf8'),
);

/** The admin header as fetch takes it: every call of an admin webhook sends it. */
export function adminHeaders(): Record<string, string> {
	return { [stack.adminHeader.name]: stack.adminHeader.value };
}

/** The report pages' login as fetch takes it: a browser sends it after asking once. */
export function pageHeaders(): Record<string, string> {
	const { user, password } = stack.pageLogin;
	return { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

/** An answer of a link webhook: its status, its page (HTML) and headers. */
export interface LinkPage {
	status: number;
	page: string;
	headers: Headers;
}

async function pageOf(res: Response): Promise<LinkPage> {
	return { status: res.status, page: await res.text(), headers: res.headers };
}

/** An agent's action link opened as a browser, or a chat app's link preview, opens it: a GET. */
export async function openLink(url: string): Promise<LinkPage> {
	return await pageOf(await fetch(url, { headers: pageHeaders() }));
}

/**
 * The confirmation page's button: its form posts the link's token `t`
 * (application/x-www-form-urlencoded) to the page's own address, the link.
 */
export async function pressLinkButton(url: string): Promise<LinkPage> {
	const t = new URL(url).searchParams.get('t') ?? '';
	return await pageOf(
		await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', ...pageHeaders() },
			body: new URLSearchParams({ t }).toString(),
		}),
	);
}

/**
 * What an agent does with an action link: opens it (the confirmation page, nothing happens yet),
 * then presses its button. The page the button brings (200), else an error.
 */
export async function useLink(url: string): Promise<string> {
	const asked = await openLink(url);
	if (asked.status !== 200 || !asked.page.includes('<form method="post">'))
		throw new Error(`GET ${url} → ${asked.status}, no confirmation page: ${asked.page}`);
	const done = await pressLinkButton(url);
	if (done.status !== 200) throw new Error(`POST ${url} → ${done.status}: ${done.page}`);
	return done.page;
}

/**
 * A status link for an agent of desk beauty-brand, as Create Action Link (Set Status) makes one,
 * signed with the stack's Link Signing secret: the templates send agents only "away" links, and
 * a test brings agents back online with these.
 */
export function statusLink(agentId: string, status: string): string {
	const { token } = createActionLinkToken(
		{ action: 'status', agentId, status, desk: 'beauty-brand' },
		{ secret: stack.linkSigning.secret },
	);
	return actionLinkUrl(`${stack.n8nBase}/webhook/xhs-status`, token);
}

/** The active workflow with the Xiaohongshu Trigger: the one DMs are pushed to. */
export function dmWorkflow() {
	const found = stack.workflows.find((w) => w.active && w.webhooks.length > 0);
	if (!found) throw new Error('no active template has a Xiaohongshu Trigger');
	return found;
}

/** A workflow answering its webhook (GET /webhook/<path>) with the Service Metrics report's JSON, for exact figures. */
export function reportJsonWorkflow(path: string): Record<string, any> {
	return {
		name: `e2e ${path} ${Date.now()}`,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'w',
				name: 'Ask',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `e2e-${path}`,
				parameters: { httpMethod: 'GET', path, responseMode: 'responseNode', options: {} },
			},
			{
				id: 'r',
				name: 'Report',
				type: 'n8n-nodes-xiaohongshu-dm.xiaohongshuServiceMetrics',
				typeVersion: 1,
				position: [250, 0],
				parameters: {
					operation: 'report',
					range: 'last24Hours',
					reportOptions: { chart: 'none', html: false },
				},
			},
			{
				id: 'a',
				name: 'Answer',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [500, 0],
				parameters: { respondWith: 'firstIncomingItem', options: {} },
			},
		],
		connections: {
			Ask: { main: [[{ node: 'Report', type: 'main', index: 0 }]] },
			Report: { main: [[{ node: 'Answer', type: 'main', index: 0 }]] },
		},
	};
}

let api: ReturnType<typeof newApi> | undefined;
function newApi() {
	const created = new N8nApi(stack.n8nBase, stack.owner);
	created.apiKey = stack.apiKey;
	return created as {
		rest(method: string, path: string, body?: unknown): Promise<any>;
		api(method: string, path: string, body?: unknown): Promise<any>;
	};
}

/** One client per test file: it logs in once (n8n throttles repeated logins). */
export function n8nApi() {
	api ??= newApi();
	return api;
}

/** Workflows a test file made for itself, removed again by removeTestWorkflows() in its afterAll. */
const testWorkflows: string[] = [];

/** Creates and activates a workflow of the test file's own; returns its id. */
export async function activateTestWorkflow(workflow: Record<string, any>): Promise<string> {
	const api = n8nApi();
	const { id } = await api.api('POST', '/workflows', workflow);
	testWorkflows.push(id);
	await api.api('POST', `/workflows/${id}/activate`);
	return id;
}

/** Deactivates and deletes every workflow activateTestWorkflow made (failures ignored: n8n may be gone). */
export async function removeTestWorkflows(): Promise<void> {
	for (const id of testWorkflows.splice(0)) {
		await n8nApi()
			.api('POST', `/workflows/${id}/deactivate`)
			.catch(() => undefined);
		await n8nApi()
			.api('DELETE', `/workflows/${id}`)
			.catch(() => undefined);
	}
}

export async function sandbox(method: string, path: string, body?: unknown): Promise<any> {
	const call = async () =>
		await fetch(`${stack.sandboxUrl}${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	// A keep-alive socket the sandbox closed just as it was reused ("other side closed"): the
	// request never arrived, so sending it again is safe.
	const res = await call().catch(async () => await call());
	if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
	return await res.json();
}

export async function eventually<T>(
	what: string,
	check: () => Promise<T | undefined | false>,
	timeoutMs = 20000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	while (Date.now() < deadline) {
		last = await check();
		if (last) return last as T;
		await new Promise((r) => setTimeout(r, 150));
	}
	throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export async function repliesTo(
	customerId: string,
): Promise<Array<{ content: { text?: string }; message_source: number }>> {
	const conversation = await sandbox('GET', `/sandbox/customers/${customerId}/messages`);
	return conversation.messages.filter((m: { message_source: number }) => m.message_source === 3);
}

let customers = 0;
/** A new customer (`<prefix>_<time>_<n>`) writes `text`; resolves with the replies it got, one per line. */
export async function replyToNewCustomer(text: string, prefix: string): Promise<string> {
	const who = `${prefix}_${Date.now()}_${++customers}`;
	await sandbox('POST', `/sandbox/customers/${who}/messages`, {
		text,
		nickname: '小雨',
		wait: true,
	});
	const replies = await eventually(`a reply to "${text}"`, async () => {
		const r = await repliesTo(who);
		return r.length > 0 && r;
	});
	return replies.map((r) => r.content.text ?? '').join('\n');
}

/**
 * Every execution n8n's public API lists for a query. It gives at most 250 a page (limit's
 * maximum) and a nextCursor for the rest: one page alone would cap every count at 250.
 */
export async function allExecutions(query: string): Promise<Array<Record<string, any>>> {
	const executions: Array<Record<string, any>> = [];
	let cursor: string | undefined;
	do {
		const page = await n8nApi().api(
			'GET',
			`/executions?${query}&limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		executions.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return executions;
}

export async function executionCount(workflowId: string): Promise<number> {
	return (await allExecutions(`workflowId=${workflowId}`)).length;
}

/** One of the templates' n8n Data Tables, as n8n's REST API (and its Data Table view) knows it. */
export async function dataTable(name: string): Promise<{ projectId: string; id: string }> {
	const { projectId } = stack.dataTables;
	const found = (await findDataTable(n8nApi(), projectId, name)) as { id: string } | undefined;
	if (!found) throw new Error(`no data table ${name}`);
	return { projectId, id: found.id };
}

/** The rows of one of the template's n8n Data Tables, through n8n's own REST API. */
export async function dataTableRows(name: string): Promise<Array<Record<string, any>>> {
	const { projectId, id } = await dataTable(name);
	return allRows(n8nApi(), projectId, id);
}

/** What an admin does in the Data Table view: add a row, change rows, delete rows. */
export async function insertRow(name: string, row: Record<string, unknown>): Promise<void> {
	const { projectId, id } = await dataTable(name);
	await n8nApi().rest('POST', `/projects/${projectId}/data-tables/${id}/insert`, {
		data: [row],
		returnType: 'count',
	});
}

const rowsWhere = (column: string, value: unknown) => ({
	type: 'and',
	filters: [{ columnName: column, condition: 'eq', value }],
});

export async function updateRows(
	name: string,
	column: string,
	value: unknown,
	data: Record<string, unknown>,
): Promise<void> {
	const { projectId, id } = await dataTable(name);
	await n8nApi().rest('PATCH', `/projects/${projectId}/data-tables/${id}/rows`, {
		filter: rowsWhere(column, value),
		data,
	});
}

export async function deleteRows(name: string, column: string, value: unknown): Promise<void> {
	const { projectId, id } = await dataTable(name);
	await n8nApi().rest(
		'DELETE',
		`/projects/${projectId}/data-tables/${id}/rows?filter=${encodeURIComponent(JSON.stringify(rowsWhere(column, value)))}`,
	);
}

/** The execution count once earlier executions have finished and been saved (it stops moving). */
export async function settledExecutionCount(workflowId: string): Promise<number> {
	let last = await executionCount(workflowId);
	for (let i = 0; i < 20; i++) {
		await new Promise((r) => setTimeout(r, 700));
		const now = await executionCount(workflowId);
		if (now === last) return now;
		last = now;
	}
	return last;
}
