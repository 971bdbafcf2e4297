// The last step of the setup, once the templates are active. The full service desk answers from
// the knowledge base the "Safe rule changes" template publishes, and assigns from the roster the
// "Agents table → desk" template gives its desk. Both run every minute; here they run at once,
// through their webhooks, so that the first DM finds rules and agents. Each webhook answers only
// after its work is done (published version, roster given), so its answer is the proof. Both are
// admin webhooks: they answer 403 without the admin header (adminWebhooks.js), which is sent.
'use strict';

const { localAddresses } = require('./provision');
const { ADMIN_CREDENTIAL_NAME, ADMIN_SECRET_FILE, adminHeaders } = require('./adminWebhooks');
const { allRows, findDataTable } = require('./dataTables');

const AGENTS_TABLE = 'xhs_agents';

/**
 * Templates renamed since an earlier `npm start` imported them (importTemplates finds by name, so
 * the old copy stays): the old one is switched off, or its trigger and in-node roster would
 * compete with its replacement. It is left in place, with any edits made to it.
 */
const REPLACED = {
	'Xiaohongshu · Assign DMs to agents (私信分配给客服)':
		'Xiaohongshu · Full service desk (完整客服流水线)',
};

/**
 * An agent's contact as the sandbox should see it: like the templates' bot addresses, the seeded
 * Feishu hooks point at the sandbox's team chat, and a sandbox address from an earlier start
 * follows the sandbox to its current port. Anything else is the admin's and stays.
 */
function localContact(contact, addresses = {}) {
	if (typeof contact !== 'string' || !addresses.sandboxUrl) return contact;
	const moved = localAddresses(contact, { sandboxUrl: addresses.sandboxUrl });
	if (moved !== contact) return moved;
	const earlier = /^https?:\/\/[^/]+(\/sandbox\/bot\/.*)$/.exec(contact);
	return earlier ? `${addresses.sandboxUrl.replace(/\/+$/, '')}${earlier[1]}` : contact;
}

/** Points the agents' Feishu hooks in xhs_agents at the sandbox (only where they differ). */
async function pointAgentsAtSandbox(api, projectId, addresses) {
	if (!addresses.sandboxUrl) return 0;
	const table = await findDataTable(api, projectId, AGENTS_TABLE);
	if (!table) return 0;
	const rows = await allRows(api, projectId, table.id);
	let changed = 0;
	for (const row of rows) {
		const contact = localContact(row.contact, addresses);
		if (contact === row.contact) continue;
		const filter = { type: 'and', filters: [{ columnName: 'id', condition: 'eq', value: row.id }] };
		await api.rest('PATCH', `/projects/${projectId}/data-tables/${table.id}/rows`, {
			filter,
			data: { contact },
		});
		changed++;
	}
	return changed;
}

async function deactivateReplaced(api, log) {
	for (const [name, by] of Object.entries(REPLACED)) {
		const page = await api.api(
			'GET',
			`/workflows?name=${encodeURIComponent(name)}&active=true&limit=50`,
		);
		for (const old of (page.data ?? []).filter((w) => w.name === name && w.active)) {
			await api.api('POST', `/workflows/${old.id}/deactivate`);
			log(`Deactivated "${name}": "${by}" replaces it`);
		}
	}
}

/** The verdict of `POST /webhook/xhs-rules-check`; throws unless some version is live. */
function rulesReady(answer) {
	if (answer && Number.isInteger(answer.liveVersion)) return answer.liveVersion;
	const why = answer?.summary
		? `: ${answer.summary}`
		: answer?.verdict
			? ` (verdict: ${answer.verdict})`
			: '';
	throw new Error(
		`the knowledge base "main" could not be published, so the Keyword Reply has nothing to answer from${why}. ` +
			'Fix the rows of xhs_rules / xhs_faq that break the golden set (xhs_golden) and POST /webhook/xhs-rules-check again (with the admin header).',
	);
}

/** The answer of `POST /webhook/xhs-agents-sync`; throws unless the desk has agents. */
function agentsReady(answer) {
	const agents = Array.isArray(answer?.agents) ? answer.agents : [];
	if (agents.length > 0) return agents;
	throw new Error(
		`the desk got no agents from the ${AGENTS_TABLE} Data Table: add at least one row with an agent_id, then POST /webhook/xhs-agents-sync (with the admin header)`,
	);
}

/** The error of a workflow's latest failed execution, to say why a webhook answered 500. */
async function lastFailure(api, workflowId) {
	if (!workflowId) return undefined;
	const page = await api
		.api('GET', `/executions?workflowId=${workflowId}&status=error&limit=1&includeData=true`)
		.catch(() => undefined);
	const execution = page?.data?.[0];
	const error = execution?.data?.resultData?.error;
	if (!error) return undefined;
	const node = error.node?.name ?? execution.data.resultData.lastNodeExecuted;
	return `${node ? `${node}: ` : ''}${error.message}${error.description ? ` (${error.description})` : ''}`;
}

/**
 * POSTs a template's webhook with the admin header, waiting out the moment after activation when
 * n8n answers 404.
 */
async function callWebhook(url, { timeoutMs, pauseMs = 250, header }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...adminHeaders(header) },
			body: '{}',
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await res.text();
		if (res.status !== 404 || Date.now() > deadline) return { status: res.status, text };
		await new Promise((resolve) => setTimeout(resolve, pauseMs));
	}
}

async function runCompanion(api, { n8nUrl, path, template, workflows, timeoutMs, adminHeader }) {
	const workflow = workflows.find((w) => w.name === template || w.file === template);
	const url = `${n8nUrl.replace(/\/+$/, '')}/webhook/${path}`;
	const { status, text } = await callWebhook(url, { timeoutMs, header: adminHeader });
	if (status === 200) {
		try {
			return JSON.parse(text);
		} catch {
			throw new Error(
				`POST ${url} answered "${text.slice(0, 200)}", not the JSON of ${template}: is that template's "Answer" node connected?`,
			);
		}
	}
	const failure = status >= 500 ? await lastFailure(api, workflow?.id) : undefined;
	const refused = adminHeader
		? `the admin header was refused: does the credential "${ADMIN_CREDENTIAL_NAME}" hold the value of ${ADMIN_SECRET_FILE}?`
		: 'no admin header was sent';
	let hint = failure ?? text.slice(0, 300);
	if (status === 404) hint = `is ${template} imported and active?`;
	if (status === 401 || status === 403) hint = refused;
	throw new Error(`POST ${url} answered HTTP ${status}: ${hint}`);
}

/**
 * options: { n8nUrl, sandboxUrl, projectId, workflows (from importTemplates), adminHeader
 *            ({name, value}: the header the admin webhooks check), log, timeoutMs }
 * Returns { liveVersion, agents } once the Keyword Reply and the desk are ready.
 */
async function warmUp(api, options) {
	const log = options.log ?? (() => {});
	const timeoutMs = options.timeoutMs ?? 30000;
	const run = (path, template) => runCompanion(api, { ...options, path, template, timeoutMs });
	await deactivateReplaced(api, log);
	const moved = await pointAgentsAtSandbox(api, options.projectId, options);
	if (moved) log(`Pointed ${moved} agent contact(s) in ${AGENTS_TABLE} at the sandbox's team chat`);

	log(
		'Publishing the knowledge base (xhs_rules, xhs_faq) and giving the desk its agents (xhs_agents)',
	);
	let liveVersion;
	try {
		liveVersion = rulesReady(await run('xhs-rules-check', 'kb-safe-rule-changes.json'));
	} catch (error) {
		throw new Error(`Warm-up, knowledge base: ${error.message}`);
	}
	let agents;
	try {
		agents = agentsReady(await run('xhs-agents-sync', 'agents-table-sync.json'));
	} catch (error) {
		throw new Error(`Warm-up, agents: ${error.message}`);
	}
	log(
		`Knowledge base v${liveVersion} live; desk beauty-brand has ${agents.map((a) => `${a.name} (${a.status})`).join(', ')}`,
	);
	return { liveVersion, agents };
}

module.exports = { warmUp, localContact, rulesReady, agentsReady, pointAgentsAtSandbox };
