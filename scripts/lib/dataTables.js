// The n8n Data Tables the CRM template writes to (customers, history, leads). Data Tables are
// not part of a workflow export, so they are created here, in the owner's personal project,
// with the columns the CRM Sync node puts out. Existing tables are left as they are.
'use strict';

const text = (...names) => names.map((name) => ({ name, type: 'string' }));
const number = (...names) => names.map((name) => ({ name, type: 'number' }));

const TABLES = [
	{
		name: 'xhs_customers',
		columns: [
			...text('xhs_user_id', 'nickname', 'avatar', 'first_contact_at', 'last_contact_at', 'topics', 'intents', 'assigned_agent', 'assigned_agent_id', 'phone', 'phones', 'wechat_id', 'email', 'region', 'gender', 'last_message', 'last_order_at', 'last_order_status'),
			...number('message_count', 'satisfaction_last', 'satisfaction_average', 'age', 'purchase_count', 'purchase_total'),
			{ name: 'duplicate', type: 'boolean' },
		],
	},
	{
		name: 'xhs_history',
		columns: [...text('idempotency_key', 'xhs_user_id', 'message_id', 'at', 'nickname', 'text', 'tags', 'intent', 'agent'), ...number('csat')],
	},
	{
		name: 'xhs_leads',
		columns: text('idempotency_key', 'xhs_user_id', 'nickname', 'type', 'value', 'message_id', 'at', 'text'),
	},
];

async function ensureDataTables(api) {
	const project = await api.rest('GET', '/projects/personal');
	const projectId = (project.data ?? project).id;
	const listed = await api.rest('GET', `/projects/${projectId}/data-tables`);
	const existing = new Set(((listed.data ?? listed).data ?? listed.data ?? []).map((t) => t.name));
	const created = [];
	for (const table of TABLES) {
		if (existing.has(table.name)) continue;
		await api.rest('POST', `/projects/${projectId}/data-tables`, table);
		created.push(table.name);
	}
	return { projectId, created, tables: TABLES.map((t) => t.name) };
}

module.exports = { TABLES, ensureDataTables };
