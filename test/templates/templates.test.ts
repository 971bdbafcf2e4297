/**
 * The templates in workflows/ as a user imports them: wired to nodes that exist, laid out with
 * nothing covering anything, one Xiaohongshu Trigger active, and the full service desk reading
 * its rules and agents from what its companions publish out of n8n Data Tables.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rosterFromJson } from '../../nodes/shared/routing/roster';

const { TABLES, agentRows } = require('../../scripts/lib/dataTables');

type Json = Record<string, any>;
const DIR = join(__dirname, '..', '..', 'workflows');
const templates: Array<{ file: string; workflow: Json }> = readdirSync(DIR)
	.filter((f) => f.endsWith('.json'))
	.sort()
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Json }));
const byFile = (file: string) => templates.find((t) => t.file === file)!.workflow;
const nodeOf = (workflow: Json, name: string) => (workflow.nodes as Json[]).find((n) => n.name === name)!;
const PKG = 'n8n-nodes-xiaohongshu-dm.';

/** A node and its label (about 160 × 140 on the canvas); a sticky note as sized. */
function box(node: Json) {
	const [x, y] = node.position as [number, number];
	if (node.type === 'n8n-nodes-base.stickyNote') return { x1: x, y1: y, x2: x + (node.parameters.width ?? 240), y2: y + (node.parameters.height ?? 160) };
	return { x1: x - 30, y1: y, x2: x + 130, y2: y + 140 };
}

describe.each(templates)('template $file', ({ workflow }) => {
	const nodes = workflow.nodes as Json[];

	it('has unique node names and ids, and connections between nodes that exist', () => {
		expect(new Set(nodes.map((n) => n.name)).size).toBe(nodes.length);
		expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
		const names = new Set(nodes.map((n) => n.name));
		for (const [from, outputs] of Object.entries(workflow.connections as Record<string, { main: Array<Array<{ node: string }>> }>)) {
			expect(names).toContain(from);
			for (const output of outputs.main) for (const link of output) expect(names).toContain(link.node);
		}
	});

	it('lays out nodes and notes without one covering another', () => {
		const overlaps: string[] = [];
		nodes.forEach((a, i) =>
			nodes.slice(i + 1).forEach((b) => {
				const p = box(a);
				const q = box(b);
				if (p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2) overlaps.push(`${a.name} / ${b.name}`);
			}),
		);
		expect(overlaps).toEqual([]);
	});

	it('reads and writes only the Data Tables that npm start creates', () => {
		const tables = new Set((TABLES as Json[]).map((t) => t.name));
		for (const node of nodes.filter((n) => n.type === 'n8n-nodes-base.dataTable')) expect(tables).toContain(node.parameters.dataTableId.value);
	});
});

describe('the templates together', () => {
	it('keep one Xiaohongshu Trigger active: the full service desk', () => {
		const active = templates.filter(({ workflow }) => workflow.meta?.xhsDm?.activate !== false && (workflow.nodes as Json[]).some((n) => n.type === `${PKG}xiaohongshuTrigger`));
		expect(active.map((t) => t.workflow.name)).toEqual(['Xiaohongshu · Full service desk (完整客服流水线)']);
		expect(active[0].file).toBe('service-desk.json');
	});

	it('the full service desk answers from the published knowledge base and assigns from the roster its desk was given', () => {
		const desk = byFile('service-desk.json');
		expect(nodeOf(desk, 'Keyword reply + knowledge base').parameters).toMatchObject({ rulesSource: 'published', faqSource: 'published', knowledgeBaseName: 'main' });
		expect(nodeOf(desk, 'Keyword reply + knowledge base').parameters.rules).toBeUndefined();
		expect(nodeOf(desk, 'Assign an agent').parameters).toMatchObject({ operation: 'assign', desk: 'beauty-brand', rosterSource: 'saved' });
		expect(nodeOf(desk, 'Assign an agent').parameters.agents).toBeUndefined();
	});

	it('the full service desk writes a DM\'s CRM rows before it replies, assigns or queues', () => {
		// n8n (execution order v1) runs the branches of one output top to bottom, each to its end:
		// with the CRM block above, a crash between the two leaves a DM unanswered, which the
		// recovery branch runs again, rather than answered without its rows, which nothing would.
		const desk = byFile('service-desk.json');
		expect(desk.settings.executionOrder).toBe('v1');
		const crm = nodeOf(desk, 'Customer profile (CRM Sync)');
		const feeders = Object.entries(desk.connections as Record<string, { main: Array<Array<{ node: string }>> }>).filter(([, c]) => c.main.some((out) => out.some((l) => l.node === crm.name)));
		// Leads and purchase-intent comments go straight to the profile, never to a reply.
		expect(feeders.map(([from]) => from).sort()).toEqual(['Keyword reply + knowledge base', 'Lead or comment?']);
		expect(desk.connections['Lead or comment?'].main[0].map((l: { node: string }) => l.node)).toEqual([crm.name]);
		for (const output of (desk.connections['Keyword reply + knowledge base'] as { main: Array<Array<{ node: string }>> }).main) {
			expect(output.map((l) => l.node)).toContain(crm.name);
			for (const other of output.filter((l) => l.node !== crm.name)) expect(nodeOf(desk, other.node).position[1]).toBeGreaterThan(crm.position[1]);
		}
	});

	it('the full service desk acknowledges a DM once: "who helps you" and "queue place" share one key', () => {
		// A DM run again after a crash may have moved from the queue to an agent: one message anyway.
		const desk = byFile('service-desk.json');
		const keys = ['Tell the customer who helps', 'Tell them they are in the queue'].map((name) => nodeOf(desk, name).parameters.idempotencyKey);
		expect(keys[0]).toMatch(/\$json\.messageId/);
		expect(keys[1]).toBe(keys[0]);
		expect(nodeOf(desk, 'Unfinished DMs (crash recovery)').parameters.finishedWhen).toBe('customerTold');
	});

	it('publish what the Keyword Reply reads, and give every desk a roster that someone uses saved', () => {
		const publishers = templates.flatMap(({ workflow }) => (workflow.nodes as Json[]).filter((n) => n.type === `${PKG}xiaohongshuKnowledgeBase` && n.parameters.operation === 'previewChanges' && n.parameters.publish));
		const assigners = templates.flatMap(({ workflow }) => (workflow.nodes as Json[]).filter((n) => n.type === `${PKG}xiaohongshuAssignAgent`));
		const published = new Set(publishers.map((n) => n.parameters.knowledgeBaseName));
		const readers = templates.flatMap(({ workflow }) => (workflow.nodes as Json[]).filter((n) => n.parameters?.rulesSource === 'published' || n.parameters?.knowledgeSource === 'published'));
		for (const reader of readers) expect(published).toContain(reader.parameters.knowledgeBaseName ?? 'main');
		const given = new Set(assigners.filter((n) => n.parameters.rosterSource !== 'saved').map((n) => n.parameters.desk));
		for (const node of assigners.filter((n) => n.parameters.rosterSource === 'saved')) expect(given).toContain(node.parameters.desk);
	});

	it('the agents table sync gives desk beauty-brand every row of xhs_agents, on a schedule and on POST /webhook/xhs-agents-sync', () => {
		const sync = byFile('agents-table-sync.json');
		expect(sync.name).toBe('Xiaohongshu · Agents table → desk (客服名单同步)');
		expect(nodeOf(sync, 'Agents table')).toMatchObject({ executeOnce: true, alwaysOutputData: true, parameters: { operation: 'get', returnAll: true, dataTableId: { value: 'xhs_agents' } } });
		expect(nodeOf(sync, 'Give the roster to the desk').parameters).toMatchObject({ operation: 'getLoad', desk: 'beauty-brand', rosterSource: 'json' });
		expect(nodeOf(sync, 'Sync now').parameters).toMatchObject({ httpMethod: 'POST', path: 'xhs-agents-sync', responseMode: 'responseNode' });
		expect(byFile('kb-safe-rule-changes.json').nodes.find((n: Json) => n.name === 'Check now').parameters).toMatchObject({ path: 'xhs-rules-check', responseMode: 'responseNode' });
	});
});

describe('the xhs_agents table npm start seeds', () => {
	const table = (TABLES as Json[]).find((t) => t.name === 'xhs_agents')!;

	it('has a column for every field of a seeded row, and no column named id (a Data Table has its own)', () => {
		const columns = (table.columns as Json[]).map((c) => c.name);
		for (const row of agentRows()) expect(columns).toEqual(expect.arrayContaining(Object.keys(row)));
		expect(columns).not.toContain('id');
	});

	it('is the roster the templates shipped with: 小王 (售后, 物流), 小李 (法律), 老张 (complaint and urgent lanes)', () => {
		const rows = agentRows().map((row: Json, i: number) => ({ ...row, id: i + 1, createdAt: '2026-11-24T02:00:00.000Z' }));
		const agents = rosterFromJson(rows);
		expect(agents.map((a) => [a.id, a.name, a.skills, a.team, a.level, a.capacity, a.weight, a.lanes, a.status])).toEqual([
			['xiaowang', '小王', ['售后', '物流'], '客服一组', 2, 5, 1, [], undefined],
			['xiaoli', '小李', ['法律'], '法务', 3, 3, 1, [], undefined],
			['laozhang', '老张', ['售后'], '投诉组', 5, 4, 1, ['complaint', 'urgent'], undefined],
		]);
		expect(agents.map((a) => a.contact)).toEqual(['xiaowang', 'xiaoli', 'laozhang'].map((id) => `https://open.feishu.cn/open-apis/bot/v2/hook/${id}`));
	});
});
