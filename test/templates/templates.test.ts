/**
 * The templates in workflows/ as a user imports them: wired to nodes that exist, laid out with
 * nothing covering anything, one Xiaohongshu Trigger active, and the full service desk reading
 * its rules and agents from what its companions publish out of n8n Data Tables.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenFromRows } from '../../nodes/shared/knowledgeBase/goldenSet';
import { faqFromRows } from '../../nodes/shared/keywordReply/faq/faqRows';
import { synonymsFromRows } from '../../nodes/shared/keywordReply/synonyms/synonymRows';
import { rulesFromJson } from '../../nodes/shared/keywordReply/rules/ruleRows';
import { rosterFromJson } from '../../nodes/shared/assignAgent/roster';

const { TABLES, agentRows } = require('../../scripts/lib/dataTables');
const {
	ADMIN_CREDENTIAL_NAME,
	ADMIN_WEBHOOK_PATHS,
	adminWebhookProblems,
} = require('../../scripts/lib/adminWebhooks');
const {
	LINK_SIGNING_CREDENTIAL_NAME,
	LINK_SIGNING_CREDENTIAL_PLACEHOLDER,
	linkNodes,
	linkSigningProblems,
} = require('../../scripts/lib/linkSigning');
const {
	PAGE_CREDENTIAL_NAME,
	PAGE_WEBHOOK_PATHS,
	pageWebhookProblems,
} = require('../../scripts/lib/reportPages');

type Json = Record<string, any>;
const DIR = join(__dirname, '..', '..', 'workflows');
const templates: Array<{ file: string; workflow: Json }> = readdirSync(DIR)
	.filter((f) => f.endsWith('.json'))
	.sort()
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Json }));
const byFile = (file: string) => templates.find((t) => t.file === file)!.workflow;
const nodeOf = (workflow: Json, name: string) =>
	(workflow.nodes as Json[]).find((n) => n.name === name)!;
const PKG = 'n8n-nodes-xiaohongshu-dm.';

const tableNamed = (name: string) => (TABLES as Json[]).find((t) => t.name === name);
const columnsOf = (table: Json) => new Set((table.columns as Json[]).map((c) => c.name as string));
const DATA_TABLE = 'n8n-nodes-base.dataTable';

/** The columns a Data Table node names in its own parameters: filter keys and mapped columns. */
function columnsNamed(node: Json): string[] {
	const p = node.parameters;
	const mapped = p.columns?.mappingMode === 'defineBelow' ? Object.keys(p.columns.value ?? {}) : [];
	return [
		...(p.filters?.conditions ?? []).map((c: Json) => c.keyName as string),
		...mapped,
		...(p.columns?.matchingColumns ?? []),
	];
}

/**
 * Where a template hands a Data Table's rows to another node: every parameter of that node
 * whose expression takes the table node's items ($('Rules table')…), with the row fields the
 * expression itself reads (row.name).
 */
function tableReads(
	workflow: Json,
): Array<{ reader: Json; parameter: string; tableNode: Json; fields: string[] }> {
	const nodes = workflow.nodes as Json[];
	const tableNodes = nodes.filter((n) => n.type === DATA_TABLE);
	const reads = [];
	for (const reader of nodes) {
		for (const [parameter, value] of Object.entries(reader.parameters ?? {})) {
			const text = JSON.stringify(value);
			for (const tableNode of tableNodes) {
				if (
					!text.includes(`$('${tableNode.name}')`) &&
					!text.includes(`$(\\"${tableNode.name}\\")`)
				)
					continue;
				reads.push({
					reader,
					parameter,
					tableNode,
					fields: [...text.matchAll(/\brow\.(\w+)/g)].map((m) => m[1]),
				});
			}
		}
	}
	return reads;
}

/**
 * How each node parameter that takes Data Table rows reads them: the parsers the nodes run.
 * A template handing rows to a parameter missing here fails below, so the check grows with
 * the templates instead of passing them by.
 */
const READERS: Record<string, (rows: Json[]) => unknown> = {
	'xiaohongshuKnowledgeBase.proposedRulesJson': rulesFromJson,
	'xiaohongshuKnowledgeBase.proposedFaqJson': faqFromRows,
	'xiaohongshuKnowledgeBase.goldenJson': goldenFromRows,
	'xiaohongshuKnowledgeBase.proposedSynonymsJson': synonymsFromRows,
	'xiaohongshuKeywordReply.rulesJson': rulesFromJson,
	'xiaohongshuKeywordReply.faqJson': faqFromRows,
	'xiaohongshuAssignAgent.agentsJson': rosterFromJson,
};

/**
 * The names `read` looks up in the rows, and those of them it found: recorded through a Proxy
 * while it parses real rows (a parser looks a field up by its aliases until one has a value).
 */
function namesRead(
	read: (rows: Json[]) => unknown,
	rows: Json[],
): { looked: Set<string>; found: Set<string> } {
	const looked = new Set<string>();
	const found = new Set<string>();
	const watched = rows.map(
		(row) =>
			new Proxy(row, {
				get(target, key) {
					if (typeof key === 'string') {
						looked.add(key);
						if (Object.hasOwn(target, key)) found.add(key);
					}
					return Reflect.get(target, key);
				},
			}),
	);
	read(watched);
	return { looked, found };
}

/** A node and its label (about 160 × 140 on the canvas); a sticky note as sized. */
function box(node: Json) {
	const [x, y] = node.position as [number, number];
	if (node.type === 'n8n-nodes-base.stickyNote')
		return {
			x1: x,
			y1: y,
			x2: x + (node.parameters.width ?? 240),
			y2: y + (node.parameters.height ?? 160),
		};
	return { x1: x - 30, y1: y, x2: x + 130, y2: y + 140 };
}

describe.each(templates)('template $file', ({ workflow }) => {
	const nodes = workflow.nodes as Json[];

	it('has unique node names and ids, and connections between nodes that exist', () => {
		expect(new Set(nodes.map((n) => n.name)).size).toBe(nodes.length);
		expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
		const names = new Set(nodes.map((n) => n.name));
		for (const [from, outputs] of Object.entries(
			workflow.connections as Record<string, { main: Array<Array<{ node: string }>> }>,
		)) {
			expect(names).toContain(from);
			for (const output of outputs.main)
				for (const link of output) expect(names).toContain(link.node);
		}
	});

	it('lays out nodes and notes without one covering another', () => {
		const overlaps: string[] = [];
		nodes.forEach((a, i) =>
			nodes.slice(i + 1).forEach((b) => {
				const p = box(a);
				const q = box(b);
				if (p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2)
					overlaps.push(`${a.name} / ${b.name}`);
			}),
		);
		expect(overlaps).toEqual([]);
	});

	it('reads and writes only the Data Tables that npm start creates, by their columns', () => {
		const problems: string[] = [];
		for (const node of nodes.filter((n) => n.type === DATA_TABLE)) {
			const table = tableNamed(node.parameters.dataTableId.value);
			if (!table) {
				problems.push(
					`${node.name}: no Data Table "${node.parameters.dataTableId.value}" in scripts/lib/dataTables.js`,
				);
				continue;
			}
			const columns = columnsOf(table);
			for (const column of columnsNamed(node))
				if (!columns.has(column))
					problems.push(`${node.name}: ${table.name} has no column "${column}"`);
		}
		for (const { reader, parameter, tableNode, fields } of tableReads(workflow)) {
			const table = tableNamed(tableNode.parameters.dataTableId.value);
			for (const field of fields)
				if (table && !columnsOf(table).has(field))
					problems.push(`${reader.name}.${parameter}: ${table.name} has no column "${field}"`);
		}
		expect(problems).toEqual([]);
	});
});

describe('the templates together', () => {
	it('keep one Xiaohongshu Trigger active: the full service desk', () => {
		const active = templates.filter(
			({ workflow }) =>
				workflow.meta?.xhsDm?.activate !== false &&
				(workflow.nodes as Json[]).some((n) => n.type === `${PKG}xiaohongshuTrigger`),
		);
		expect(active.map((t) => t.workflow.name)).toEqual([
			'Xiaohongshu · Full service desk (完整客服流水线)',
		]);
		expect(active[0].file).toBe('service-desk.json');
	});

	it('the full service desk answers from the published knowledge base and assigns from the roster its desk was given', () => {
		const desk = byFile('service-desk.json');
		expect(nodeOf(desk, 'Keyword reply + knowledge base').parameters).toMatchObject({
			rulesSource: 'published',
			faqSource: 'published',
			knowledgeBaseName: 'main',
		});
		expect(nodeOf(desk, 'Keyword reply + knowledge base').parameters.rules).toBeUndefined();
		expect(nodeOf(desk, 'Assign an agent').parameters).toMatchObject({
			operation: 'assign',
			desk: 'beauty-brand',
			rosterSource: 'saved',
		});
		expect(nodeOf(desk, 'Assign an agent').parameters.agents).toBeUndefined();
	});

	it('the full service desk replies first and writes CRM rows after, in batches, exactly once', () => {
		// n8n (execution order v1) runs the branches of one output top to bottom, each to its end:
		// with the CRM block below, the reply, the assignment or the queue place goes out first.
		const desk = byFile('service-desk.json');
		const links = desk.connections as Record<string, { main: Array<Array<{ node: string }>> }>;
		const targets = (from: string, output = 0) =>
			(links[from]?.main[output] ?? []).map((l) => l.node);
		expect(desk.settings.executionOrder).toBe('v1');
		const crm = nodeOf(desk, 'Customer profile (CRM Sync)');
		expect(crm.typeVersion).toBe(4);
		expect(crm.parameters).toMatchObject({
			operation: 'sync',
			target: 'items',
			writeRows: 'queue',
		});
		const feeders = Object.entries(links).filter(([, c]) =>
			c.main.some((out) => out.some((l) => l.node === crm.name)),
		);
		// Leads and purchase-intent comments go straight to the profile, never to a reply; the
		// recovery sends answered DMs that never reached CRM Sync to it alone.
		expect(feeders.map(([from]) => from).sort()).toEqual([
			'Keyword reply + knowledge base',
			'Lead or comment?',
			'Unfinished DMs (crash recovery)',
		]);
		expect(targets('Lead or comment?')).toEqual([crm.name]);
		expect(targets('Unfinished DMs (crash recovery)', 1)).toEqual([crm.name]);
		expect(nodeOf(desk, 'Unfinished DMs (crash recovery)').parameters.recoverCrmSync).toBe(true);
		for (const output of links['Keyword reply + knowledge base'].main) {
			expect(output.map((l) => l.node)).toContain(crm.name);
			for (const other of output.filter((l) => l.node !== crm.name))
				expect(nodeOf(desk, other.node).position[1]).toBeLessThan(crm.position[1]);
		}
		// The DM's execution ends with the queueing: the rows are another workflow's work.
		expect(targets(crm.name)).toEqual([]);
		expect(desk.nodes.filter((n: Json) => n.type === 'n8n-nodes-base.dataTable')).toEqual([]);
	});

	it('the CRM rows writer takes the queued rows every few seconds, writes each once and confirms', () => {
		const rows = byFile('crm-rows-writer.json');
		const links = rows.connections as Record<string, { main: Array<Array<{ node: string }>> }>;
		const targets = (from: string, output = 0) =>
			(links[from]?.main[output] ?? []).map((l) => l.node);
		const schedule = nodeOf(rows, 'Every 5 seconds');
		expect(schedule.parameters.rule.interval).toEqual([{ field: 'seconds', secondsInterval: 5 }]);
		// A run every 5 s would fill the executions list; failed runs are still saved.
		expect(rows.settings.saveDataSuccessExecution).toBe('none');
		const writer = nodeOf(rows, 'Write queued CRM rows');
		expect(targets(schedule.name)).toEqual([writer.name]);
		expect(writer.parameters).toMatchObject({
			operation: 'takePendingRows',
			book: 'beauty-brand',
			batchOptions: { minAgeSeconds: 0 },
		});
		// Rows certainly new are inserted (one statement for the batch); rows that may exist are
		// written by their key: changed customers, and every row of a batch whose writer died.
		const writes = [0, 1, 2, 3, 4, 5].map((o) => nodeOf(rows, targets(writer.name, o)[0]));
		expect(writes.map((n) => [n.parameters.operation, n.parameters.dataTableId.value])).toEqual([
			['insert', 'xhs_customers'],
			['upsert', 'xhs_customers'],
			['insert', 'xhs_history'],
			['insert', 'xhs_leads'],
			['upsert', 'xhs_history'],
			['upsert', 'xhs_leads'],
		]);
		for (const upsert of writes.filter((n) => n.parameters.operation === 'upsert'))
			expect(upsert.parameters.filters.conditions.map((c: Json) => c.keyName)).toEqual([
				upsert.parameters.dataTableId.value === 'xhs_customers' ? 'xhs_user_id' : 'idempotency_key',
			]);
		// All six merged, then confirmed once.
		writes.forEach((n, i) =>
			expect(links[n.name].main[0]).toEqual([{ node: 'All rows written', type: 'main', index: i }]),
		);
		expect(nodeOf(rows, 'All rows written').parameters.numberInputs).toBe(6);
		expect(targets('All rows written')).toEqual(['Confirm CRM rows written']);
		expect(nodeOf(rows, 'Confirm CRM rows written').parameters.operation).toBe(
			'confirmRowsWritten',
		);
		// Sales hears of new leads once; a batch taken again does not tell them twice.
		expect(targets(writer.name, 3)).toContain('Notify sales of the lead');
		expect(targets(writer.name, 5)).not.toContain('Notify sales of the lead');
		const books = [rows, byFile('service-desk.json')].flatMap((w) =>
			w.nodes
				.filter((n: Json) => n.type === `${PKG}xiaohongshuCrmSync`)
				.map((n: Json) => n.parameters.book),
		);
		expect(new Set(books)).toEqual(new Set(['beauty-brand']));
	});

	it('the full service desk acknowledges a DM once: "who helps you" and "queue place" share one key', () => {
		// A DM run again after a crash may have moved from the queue to an agent: one message anyway.
		const desk = byFile('service-desk.json');
		const keys = ['Tell the customer who helps', 'Tell them they are in the queue'].map(
			(name) => nodeOf(desk, name).parameters.idempotencyKey,
		);
		expect(keys[0]).toMatch(/\$json\.messageId/);
		expect(keys[1]).toBe(keys[0]);
		expect(nodeOf(desk, 'Unfinished DMs (crash recovery)').parameters.finishedWhen).toBe(
			'customerTold',
		);
	});

	it('publish what the Keyword Reply reads, and give every desk a roster that someone uses saved', () => {
		const publishers = templates.flatMap(({ workflow }) =>
			(workflow.nodes as Json[]).filter(
				(n) =>
					n.type === `${PKG}xiaohongshuKnowledgeBase` &&
					n.parameters.operation === 'previewChanges' &&
					n.parameters.publish,
			),
		);
		const assigners = templates.flatMap(({ workflow }) =>
			(workflow.nodes as Json[]).filter((n) => n.type === `${PKG}xiaohongshuAssignAgent`),
		);
		const published = new Set(publishers.map((n) => n.parameters.knowledgeBaseName));
		const readers = templates.flatMap(({ workflow }) =>
			(workflow.nodes as Json[]).filter(
				(n) =>
					n.parameters?.rulesSource === 'published' ||
					n.parameters?.knowledgeSource === 'published',
			),
		);
		for (const reader of readers)
			expect(published).toContain(reader.parameters.knowledgeBaseName ?? 'main');
		// Making a link uses no roster (its roster fields are hidden): it gives a desk none.
		const given = new Set(
			assigners
				.filter(
					(n) =>
						n.parameters.rosterSource !== 'saved' && n.parameters.operation !== 'createActionLink',
				)
				.map((n) => n.parameters.desk),
		);
		for (const node of assigners.filter((n) => n.parameters.rosterSource === 'saved'))
			expect(given).toContain(node.parameters.desk);
	});

	it('hand each Data Table they read to a node that finds its fields in the columns, and leave no column unread or unwritten', () => {
		// The columns cover what the nodes read: a field the parser finds in the rows npm start
		// seeds is a column (so it is in the table, not lost on insert). And each column is a
		// name the parser looks up, or one that a template writes (the gap report's draft FAQ
		// rows): a misspelt or renamed column would otherwise be silently ignored.
		const problems: string[] = [];
		const looked = new Map<string, Set<string>>();
		const written = new Map<string, Set<string>>();
		for (const { workflow } of templates) {
			for (const node of (workflow.nodes as Json[]).filter((n) => n.type === DATA_TABLE)) {
				const names = written.get(node.parameters.dataTableId.value) ?? new Set<string>();
				for (const column of columnsNamed(node)) names.add(column);
				written.set(node.parameters.dataTableId.value, names);
			}
			for (const { reader, parameter, tableNode } of tableReads(workflow)) {
				const where = `${workflow.name} / ${reader.name}.${parameter}`;
				const table = tableNamed(tableNode.parameters.dataTableId.value);
				const read = READERS[`${String(reader.type).replace(PKG, '')}.${parameter}`];
				if (!table) continue; // reported per template above
				if (!read) {
					problems.push(`${where}: reads ${table.name}, but READERS does not say how`);
					continue;
				}
				if (!table.rows) {
					problems.push(`${where}: ${table.name} has no seeded rows to read`);
					continue;
				}
				const names = namesRead(read, table.rows());
				for (const name of names.found)
					if (!columnsOf(table).has(name))
						problems.push(`${where}: reads "${name}", which ${table.name} has no column for`);
				looked.set(table.name, new Set([...(looked.get(table.name) ?? []), ...names.looked]));
			}
		}
		expect([...looked.keys()].sort()).toEqual([
			'xhs_agents',
			'xhs_faq',
			'xhs_golden',
			'xhs_rules',
			'xhs_synonyms',
		]);
		for (const [name, names] of looked) {
			for (const column of columnsOf(tableNamed(name)!))
				if (!names.has(column) && !written.get(name)?.has(column))
					problems.push(`${name}.${column}: no template reads or writes it`);
		}
		expect(problems).toEqual([]);
	});

	it('the agents table sync gives desk beauty-brand every row of xhs_agents, on a schedule and on POST /webhook/xhs-agents-sync', () => {
		const sync = byFile('agents-table-sync.json');
		expect(sync.name).toBe('Xiaohongshu · Agents table → desk (客服名单同步)');
		expect(nodeOf(sync, 'Agents table')).toMatchObject({
			executeOnce: true,
			alwaysOutputData: true,
			parameters: { operation: 'get', returnAll: true, dataTableId: { value: 'xhs_agents' } },
		});
		expect(nodeOf(sync, 'Give the roster to the desk').parameters).toMatchObject({
			operation: 'getLoad',
			desk: 'beauty-brand',
			rosterSource: 'json',
		});
		expect(nodeOf(sync, 'Sync now').parameters).toMatchObject({
			httpMethod: 'POST',
			path: 'xhs-agents-sync',
			authentication: 'headerAuth',
			responseMode: 'responseNode',
		});
		expect(
			byFile('kb-safe-rule-changes.json').nodes.find((n: Json) => n.name === 'Check now')
				.parameters,
		).toMatchObject({ path: 'xhs-rules-check', responseMode: 'responseNode' });
	});
});

/**
 * Every Webhook node of the templates, as admin (it runs admin work: n8n's Header Auth with the
 * credential npm start creates) or as something else, said why. A new webhook fails here until
 * it is put on one side.
 */
const NOT_ADMIN_WEBHOOKS: Record<string, string> = {
	'xhs-close': "an agent's signed action link: GET confirms, POST acts once (agent-links)",
	'xhs-status': "an agent's signed action link: GET confirms, POST acts once (agent-links)",
	'xhs-webchat-close': "an agent's signed action link: GET confirms, POST acts once (agent-links)",
	'xhs-report': "a page: the daily report, behind the pages' login (Basic Auth)",
	'xhs-kb-gaps': "a page: the gap report, behind the pages' login (Basic Auth)",
	'xhs-webchat': "the website's public chat",
};

describe('webhooks of the templates', () => {
	const webhooks = templates.flatMap(({ file, workflow }) =>
		(workflow.nodes as Json[])
			.filter((n) => n.type === 'n8n-nodes-base.webhook')
			.map((node) => ({ file, node, path: node.parameters.path as string })),
	);

	it('are each an admin webhook or named as something else', () => {
		const unknown = webhooks
			.filter((w) => !ADMIN_WEBHOOK_PATHS.includes(w.path) && !(w.path in NOT_ADMIN_WEBHOOKS))
			.map((w) => `${w.file}: "${w.node.name}" (/webhook/${w.path})`);
		expect(unknown).toEqual([]);
		expect(
			webhooks
				.filter((w) => ADMIN_WEBHOOK_PATHS.includes(w.path))
				.map((w) => w.path)
				.sort(),
		).toEqual([...ADMIN_WEBHOOK_PATHS].sort());
	});

	it('that run admin work check the admin header with Header Auth through the httpHeaderAuth credential', () => {
		const admin = webhooks.filter((w) => ADMIN_WEBHOOK_PATHS.includes(w.path));
		expect(admin.map((w) => `${w.file} ${w.node.name}`)).toEqual([
			'agents-table-sync.json Sync now',
			'kb-agent-assist.json Agent asks',
			'kb-gap-report.json Draft now',
			'kb-safe-rule-changes.json Check now',
		]);
		for (const { node } of admin) {
			expect(node.parameters.authentication).toBe('headerAuth');
			expect(node.credentials).toEqual({
				httpHeaderAuth: { id: 'xhs-admin-webhook-credential', name: ADMIN_CREDENTIAL_NAME },
			});
		}
		for (const { workflow } of templates) expect(adminWebhookProblems(workflow)).toEqual([]);
	});

	it("that show a page ask for the pages' login with Basic Auth through the httpBasicAuth credential", () => {
		const pages = webhooks.filter((w) => PAGE_WEBHOOK_PATHS.includes(w.path));
		expect(pages.map((w) => `${w.file} ${w.node.name}`)).toEqual([
			'agent-desk.json Agent closes a conversation',
			'agent-desk.json Agent sets their status',
			'channel-webchat.json Agent closes a webchat conversation',
			'daily-report.json Open the report',
			'kb-gap-report.json Open the gap report',
		]);
		for (const { node } of pages) {
			// Report pages are GET; action links GET (the confirmation page) and POST (its button).
			expect(node.parameters).toMatchObject({ authentication: 'basicAuth' });
			expect([['GET'], ['GET', 'POST']]).toContainEqual([node.parameters.httpMethod].flat());
			expect(node.credentials).toEqual({
				httpBasicAuth: { id: 'xhs-report-pages-credential', name: PAGE_CREDENTIAL_NAME },
			});
		}
		for (const { workflow } of templates) expect(pageWebhookProblems(workflow)).toEqual([]);
	});

	it('that run admin work are named in notes that say the header is needed', () => {
		for (const { file, workflow } of templates) {
			for (const note of (workflow.nodes as Json[]).filter(
				(n) => n.type === 'n8n-nodes-base.stickyNote',
			)) {
				const content = note.parameters.content as string;
				if (!ADMIN_WEBHOOK_PATHS.some((p: string) => content.includes(`/webhook/${p}`))) continue;
				expect(`${file} ${note.name}: ${/admin header|管理员请求头/.test(content)}`).toBe(
					`${file} ${note.name}: true`,
				);
			}
		}
	});
});

type Connections = Record<string, { main: Array<Array<{ node: string }>> }>;
const ASSIGN_AGENT = `${PKG}xiaohongshuAssignAgent`;
const WEBHOOK = 'n8n-nodes-base.webhook';
const RESPOND = 'n8n-nodes-base.respondToWebhook';
const opOf = (node: Json) =>
	`${String(node.type).replace(PKG, '').replace('n8n-nodes-base.', '')}.${node.parameters?.operation}`;
const isOpenLink = (node: Json) =>
	node.type === ASSIGN_AGENT && node.parameters.operation === 'openActionLink';
const isCreateLink = (node: Json) =>
	node.type === ASSIGN_AGENT && node.parameters.operation === 'createActionLink';
/** The nodes one output of a node feeds. */
const fed = (workflow: Json, name: string, output: number): Json[] =>
	((workflow.connections as Connections)[name]?.main[output] ?? []).map((l) =>
		nodeOf(workflow, l.node),
	);
/** The nodes that feed a node, by any output. */
const feeders = (workflow: Json, name: string): Json[] =>
	Object.entries(workflow.connections as Connections)
		.filter(([, c]) => c.main.some((out) => out.some((l) => l.node === name)))
		.map(([from]) => nodeOf(workflow, from));
/** The outputs of a Webhook node that a GET request leaves by. */
function getOutputs(node: Json): number[] {
	const methods = node.parameters.multipleMethods
		? (node.parameters.httpMethod as string[])
		: [node.parameters.httpMethod ?? 'GET'];
	return methods.flatMap((m, i) => (m === 'GET' ? [node.parameters.multipleMethods ? i : 0] : []));
}
/** What a GET may reach: the pages' readers and the answer. */
const READS_ONLY = new Set([
	'respondToWebhook.undefined',
	'xiaohongshuServiceMetrics.report',
	'xiaohongshuKnowledgeBase.findGaps',
]);
const HTML_HEADERS = [
	{ name: 'Content-Type', value: 'text/html; charset=utf-8' },
	{ name: 'Cache-Control', value: 'no-store' },
	{ name: 'Referrer-Policy', value: 'no-referrer' },
];
const LINK_PATHS: Record<string, string[]> = {
	'xhs-close': ['close'],
	'xhs-status': ['status'],
	'xhs-webchat-close': ['close'],
};

describe("agents' action links in the templates", () => {
	const linkWebhooks = templates.flatMap(({ file, workflow }) =>
		(workflow.nodes as Json[])
			.filter((n) => n.type === WEBHOOK && n.parameters.path in LINK_PATHS)
			.map((node) => ({ file, workflow, node, path: node.parameters.path as string })),
	);
	const notices = templates.flatMap(({ file, workflow }) =>
		(workflow.nodes as Json[])
			.filter((n) => /结束会话：|暂离：/.test(String(n.parameters?.jsonBody ?? '')))
			.map((node) => ({ file, workflow, node, body: node.parameters.jsonBody as string })),
	);

	it('no webhook acts on a GET: a GET reaches only pages, or Open Action Link, whose acting outputs only a POST reaches', () => {
		const problems: string[] = [];
		for (const { file, workflow } of templates) {
			for (const hook of (workflow.nodes as Json[]).filter((n) => n.type === WEBHOOK)) {
				const seen = new Set<string>();
				const queue = getOutputs(hook).flatMap((o) => fed(workflow, hook.name, o));
				while (queue.length > 0) {
					const node = queue.shift()!;
					if (seen.has(node.name)) continue;
					seen.add(node.name);
					if (isOpenLink(node)) {
						// A GET leaves by Confirm Page (2) or Refused (3) only.
						queue.push(...fed(workflow, node.name, 2), ...fed(workflow, node.name, 3));
						continue;
					}
					if (!READS_ONLY.has(opOf(node)))
						problems.push(
							`${file}: GET /webhook/${hook.parameters.path} reaches "${node.name}" (${opOf(node)})`,
						);
					const outputs = (workflow.connections as Connections)[node.name]?.main ?? [];
					outputs.forEach((_, o) => queue.push(...fed(workflow, node.name, o)));
				}
			}
		}
		expect(problems).toEqual([]);
	});

	it('the link webhooks take GET and POST into Open Action Link, and answer its pages as HTML, 403 when refused', () => {
		expect(linkWebhooks.map((w) => `${w.file} ${w.path}`).sort()).toEqual([
			'agent-desk.json xhs-close',
			'agent-desk.json xhs-status',
			'channel-webchat.json xhs-webchat-close',
		]);
		for (const { workflow, node, path } of linkWebhooks) {
			expect(node).toMatchObject({ typeVersion: 2 });
			// The team's browser login first (Basic Auth), then the link's own signed token.
			expect(node.parameters).toEqual({
				authentication: 'basicAuth',
				multipleMethods: true,
				httpMethod: ['GET', 'POST'],
				path,
				responseMode: 'responseNode',
				options: {},
			});
			const [byGet, byPost] = [fed(workflow, node.name, 0), fed(workflow, node.name, 1)];
			expect(byGet).toHaveLength(1);
			expect(byPost).toEqual(byGet);
			const open = byGet[0];
			expect(isOpenLink(open)).toBe(true);
			expect(open.parameters.linkActions).toEqual(LINK_PATHS[path]);
			expect(open.parameters.actingAgentId).toBe('');
			// The links this path receives are made for the desk it opens them on.
			const makers = templates.flatMap((t) =>
				(t.workflow.nodes as Json[]).filter(
					(n) => isCreateLink(n) && String(n.parameters.linkUrl).includes(`/webhook/${path}`),
				),
			);
			expect(makers.length).toBeGreaterThan(0);
			for (const maker of makers) {
				expect(maker.parameters.desk).toBe(open.parameters.desk);
				expect(LINK_PATHS[path]).toContain(maker.parameters.linkAction);
			}
			for (const [output, code] of [
				[1, 200],
				[2, 200],
				[3, 403],
			]) {
				const answers = fed(workflow, open.name, output).filter((n) => n.type === RESPOND);
				expect(answers).toHaveLength(1);
				expect(answers[0].parameters).toEqual({
					respondWith: 'text',
					responseBody: '={{ $json.page }}',
					options: { responseCode: code, responseHeaders: { entries: HTML_HEADERS } },
				});
			}
			// Confirm Page and Refused do nothing else.
			expect(fed(workflow, open.name, 2)).toHaveLength(1);
			expect(fed(workflow, open.name, 3)).toHaveLength(1);
		}
	});

	it('every close and away link in an agent notice is a signed link made just before it', () => {
		expect(notices.map((n) => `${n.file} ${n.node.name}`).sort()).toEqual([
			'agent-desk.json Notify the agent (Feishu bot)',
			'agents-table-sync.json Notify the agent (Feishu bot)',
			'channel-webchat.json Notify the agent (Feishu bot)',
			'channel-webchat.json Notify the agent (from the queue)',
			'service-desk.json Notify the agent (Feishu bot)',
		]);
		for (const { file, workflow, node, body } of notices) {
			const where = `${file} ${node.name}`;
			expect(`${where}: ${body.includes("'\\n结束会话：' + $json.closeLink.url")}`).toBe(
				`${where}: true`,
			);
			const away = body.includes('暂离：');
			if (away)
				expect(`${where}: ${body.includes("'\\n暂离：' + $json.awayLink.url")}`).toBe(
					`${where}: true`,
				);
			// No hand-made link: no address, no ids in the message but the links' own.
			expect(body).not.toMatch(/webhook\/|conversation=|status=away/);
			// The item comes from a chain of Create Action Link nodes that set those fields.
			const fields = new Set<string>();
			let chain = feeders(workflow, node.name);
			while (chain.length > 0) {
				expect(chain.map((n) => `${n.name}: ${opOf(n)}`)).toEqual(
					chain.map((n) => `${n.name}: xiaohongshuAssignAgent.createActionLink`),
				);
				expect(chain).toHaveLength(1);
				const maker = chain[0];
				fields.add(maker.parameters.linkField);
				expect(maker.parameters).toMatchObject({
					linkAgentId: '={{ $json.assignment.agent.id }}',
					linkLifetimeHours: 0,
				});
				// Its address: this n8n's (npm start rewrites localhost:5678), a link webhook's path.
				expect(maker.parameters.linkUrl).toMatch(
					/^=?http:\/\/localhost:5678\/webhook\/(xhs-close|xhs-status|xhs-webchat-close)(\?|$)/,
				);
				if (maker.parameters.linkField === 'closeLink')
					expect(maker.parameters).toMatchObject({
						linkAction: 'close',
						conversationId: '={{ $json.conversationId }}',
					});
				if (maker.parameters.linkField === 'awayLink')
					expect(maker.parameters).toMatchObject({ linkAction: 'status', linkStatus: 'away' });
				chain = feeders(workflow, maker.name).filter(isCreateLink);
			}
			expect([...fields].sort()).toEqual(away ? ['awayLink', 'closeLink'] : ['closeLink']);
		}
	});

	it('every node that makes or opens a link names the Link Signing credential slot npm start fills', () => {
		const nodes = templates.flatMap(({ workflow }) => linkNodes(workflow) as Json[]);
		expect(nodes.filter(isOpenLink)).toHaveLength(3);
		expect(nodes.filter(isCreateLink)).toHaveLength(8);
		for (const node of nodes)
			expect(node.credentials).toEqual({
				xiaohongshuLinkSigningApi: {
					id: LINK_SIGNING_CREDENTIAL_PLACEHOLDER,
					name: LINK_SIGNING_CREDENTIAL_NAME,
				},
			});
		for (const { workflow } of templates) expect(linkSigningProblems(workflow)).toEqual([]);
	});

	it('Open Action Link keeps what Release and Set Status fed: the queue backfill is told, the CSAT survey starts once, from Done of a close', () => {
		const desk = byFile('agent-desk.json');
		for (const name of ['Open the close link', 'Open the status link']) {
			expect(nodeOf(desk, name).parameters).toMatchObject({
				desk: 'beauty-brand',
				rosterSource: 'saved',
			});
			expect(fed(desk, name, 0).map((n) => n.name)).toEqual([
				'New conversation?',
				'Close link for the agent',
			]);
		}
		expect(
			fed(desk, 'Open the close link', 1)
				.map((n) => n.name)
				.sort(),
		).toEqual(['Served and closed?', 'Show the page (done)']);
		expect(feeders(desk, 'Served and closed?').map((n) => n.name)).toEqual(['Open the close link']);
		expect(feeders(desk, 'Start the CSAT survey').map((n) => n.name)).toEqual([
			'Served and closed?',
		]);
		expect(fed(desk, 'Sweep stuck conversations', 0).map((n) => n.name)).toEqual([
			'Close link for the agent',
		]);
		const webchat = byFile('channel-webchat.json');
		expect(nodeOf(webchat, 'Open the close link').parameters).toMatchObject({
			desk: 'webchat',
			rosterSource: 'saved',
		});
		expect(fed(webchat, 'Open the close link', 0).map((n) => n.name)).toEqual([
			'Close link (from the queue)',
		]);
		// Nothing is left of the links' first version: no Release or Set Status behind a webhook.
		for (const { workflow } of templates)
			for (const node of workflow.nodes as Json[])
				expect(['release', 'setStatus']).not.toContain(
					node.type === ASSIGN_AGENT ? node.parameters.operation : undefined,
				);
	});
});

describe('the xhs_agents table npm start seeds', () => {
	const table = (TABLES as Json[]).find((t) => t.name === 'xhs_agents')!;

	it('has a column for every field of a seeded row, and no column named id (a Data Table has its own)', () => {
		const columns = (table.columns as Json[]).map((c) => c.name);
		for (const row of agentRows())
			expect(columns).toEqual(expect.arrayContaining(Object.keys(row)));
		expect(columns).not.toContain('id');
	});

	it('is the roster the templates shipped with: 小王 (售后, 物流), 小李 (法律), 老张 (complaint and urgent lanes)', () => {
		const rows = agentRows().map((row: Json, i: number) => ({
			...row,
			id: i + 1,
			createdAt: '2026-11-24T02:00:00.000Z',
		}));
		const agents = rosterFromJson(rows);
		expect(
			agents.map((a) => [
				a.id,
				a.name,
				a.skills,
				a.team,
				a.level,
				a.capacity,
				a.weight,
				a.lanes,
				a.status,
			]),
		).toEqual([
			['xiaowang', '小王', ['售后', '物流'], '客服一组', 2, 5, 1, [], undefined],
			['xiaoli', '小李', ['法律'], '法务', 3, 3, 1, [], undefined],
			['laozhang', '老张', ['售后'], '投诉组', 5, 4, 1, ['complaint', 'urgent'], undefined],
		]);
		expect(agents.map((a) => a.contact)).toEqual(
			['xiaowang', 'xiaoli', 'laozhang'].map(
				(id) => `https://open.feishu.cn/open-apis/bot/v2/hook/${id}`,
			),
		);
	});
});
