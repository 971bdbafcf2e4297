// The n8n Data Tables the templates use: the CRM template writes customers, history and leads;
// admins keep the rules, the FAQ and the golden set in the knowledge-base tables, which the
// "Safe rule changes" template previews and publishes, and the agents in xhs_agents, which the
// "Agents table → desk" template gives the desk. Data Tables are not part of a workflow export,
// so they are created here, in the owner's personal project; a new knowledge-base or agents
// table gets its first rows. Existing tables are left as they are.
'use strict';

const seed = require('./knowledgeSeed');

const text = (...names) => names.map((name) => ({ name, type: 'string' }));
const number = (...names) => names.map((name) => ({ name, type: 'number' }));

const TABLES = [
	{
		name: 'xhs_customers',
		columns: [
			...text(
				'xhs_user_id',
				'nickname',
				'avatar',
				'first_contact_at',
				'last_contact_at',
				'topics',
				'intents',
				'assigned_agent',
				'assigned_agent_id',
				'phone',
				'phones',
				'wechat_id',
				'email',
				'region',
				'gender',
				'last_message',
				'last_order_at',
				'last_order_status',
			),
			...number(
				'message_count',
				'satisfaction_last',
				'satisfaction_average',
				'age',
				'purchase_count',
				'purchase_total',
			),
			{ name: 'duplicate', type: 'boolean' },
		],
	},
	{
		name: 'xhs_history',
		columns: [
			...text(
				'idempotency_key',
				'xhs_user_id',
				'message_id',
				'at',
				'nickname',
				'text',
				'tags',
				'intent',
				'agent',
			),
			...number('csat'),
		],
	},
	{
		name: 'xhs_leads',
		columns: text(
			'idempotency_key',
			'xhs_user_id',
			'nickname',
			'type',
			'value',
			'message_id',
			'at',
			'text',
		),
	},
	{
		name: 'xhs_rules',
		columns: [
			...text('name'),
			{ name: 'enabled', type: 'boolean' },
			...number('priority'),
			...text(
				'any',
				'all',
				'none',
				'regex',
				'requires_tags',
				'sets_tags',
				'lane',
				'replies',
				'out_of_hours_reply',
			),
		],
		rows: seed.ruleRows,
	},
	{
		name: 'xhs_faq',
		columns: [
			...text('name', 'questions', 'answer', 'tags', 'keywords', 'status', 'found_at'),
			...number('dms', 'share'),
		],
		rows: seed.faqRows,
	},
	{
		// The shop's synonyms: words (what customers write) → means (the rules' and FAQ's word).
		name: 'xhs_synonyms',
		columns: text('means', 'words'),
		rows: seed.synonymRows,
	},
	{
		name: 'xhs_golden',
		columns: text(
			'text',
			'expected_route',
			'expected_rule',
			'expected_faq',
			'expected_tags',
			'note',
		),
		rows: seed.goldenRows,
	},
	{
		// A Data Table has an id column of its own (the row number): the agent's id is agent_id.
		// An empty status keeps the status agents set with their links.
		name: 'xhs_agents',
		columns: [
			...text('agent_id', 'name', 'skills', 'team'),
			...number('level', 'capacity', 'weight'),
			...text('contact', 'lanes', 'status', 'working_hours'),
		],
		rows: agentRows,
	},
];

/** The roster the templates shipped with before agents moved to a table: 小王, 小李 (法律), 老张 (complaints). */
function agentRows() {
	return require('./seed/agents.json').map((row) => ({ ...row }));
}

async function ensureDataTables(api) {
	const project = await api.rest('GET', '/projects/personal');
	const projectId = (project.data ?? project).id;
	const listed = await api.rest('GET', `/projects/${projectId}/data-tables`);
	const existing = new Set(((listed.data ?? listed).data ?? listed.data ?? []).map((t) => t.name));
	const created = [];
	for (const { rows, ...table } of TABLES) {
		if (existing.has(table.name)) continue;
		const made = await api.rest('POST', `/projects/${projectId}/data-tables`, table);
		if (rows) {
			const id = (made.data ?? made).id;
			await api.rest('POST', `/projects/${projectId}/data-tables/${id}/insert`, {
				data: rows(),
				returnType: 'count',
			});
		}
		created.push(table.name);
	}
	return { projectId, created, tables: TABLES.map((t) => t.name) };
}

function rowsOf(answer) {
	return answer.data?.data ?? answer.data ?? [];
}

/** The data table named so in the project, or undefined. */
async function findDataTable(api, projectId, name) {
	return rowsOf(await api.rest('GET', `/projects/${projectId}/data-tables`)).find(
		(t) => t.name === name,
	);
}

// n8n's REST API cuts `take` down to 250 rows without saying so (MAX_ITEMS_PER_PAGE):
// a single request for "take=1000" quietly returns the first 250.
const PAGE = 250;

/** Every row of a data table, page by page. */
async function allRows(api, projectId, tableId) {
	const rows = [];
	for (let skip = 0; ; skip += PAGE) {
		const page = rowsOf(
			await api.rest(
				'GET',
				`/projects/${projectId}/data-tables/${tableId}/rows?take=${PAGE}&skip=${skip}`,
			),
		);
		rows.push(...page);
		if (page.length < PAGE) return rows;
	}
}

module.exports = { TABLES, agentRows, allRows, ensureDataTables, findDataTable, rowsOf };
