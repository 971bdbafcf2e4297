import { dataTableRows, eventually, n8nApi, repliesTo, sandbox, stack } from './stack';

/**
 * The continuous-improvement loop in real n8n, on the tables `npm start` seeds: an admin's
 * change of the rules table is previewed and, when it breaks a golden example, kept from
 * going live; agents get suggestions from the published knowledge base; the week's unanswered
 * DMs become a gap report and draft FAQ rows.
 */
type Json = Record<string, any>;
let n = 0;
const customer = () => `cust_kb_${Date.now()}_${++n}`;

async function table(name: string): Promise<{ projectId: string; id: string }> {
	const { projectId } = stack.dataTables;
	const listed = await n8nApi().rest('GET', `/projects/${projectId}/data-tables`);
	const found = ((listed.data?.data ?? listed.data ?? []) as Array<{ id: string; name: string }>).find((t) => t.name === name);
	if (!found) throw new Error(`no data table ${name}`);
	return { projectId, id: found.id };
}

async function insertRow(name: string, row: Json): Promise<void> {
	const { projectId, id } = await table(name);
	await n8nApi().rest('POST', `/projects/${projectId}/data-tables/${id}/insert`, { data: [row], returnType: 'count' });
}

async function deleteRows(name: string, column: string, value: string): Promise<void> {
	const { projectId, id } = await table(name);
	const filter = encodeURIComponent(JSON.stringify({ type: 'and', filters: [{ columnName: column, condition: 'eq', value }] }));
	await n8nApi().rest('DELETE', `/projects/${projectId}/data-tables/${id}/rows?filter=${filter}`);
}

async function webhook(method: string, path: string, body?: unknown): Promise<Response> {
	return await eventually(`the webhook ${path}`, async () => {
		const res = await fetch(`${stack.n8nBase}/webhook/${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		// Activation is asynchronous: 404 until the webhook is registered.
		return res.status !== 404 && res;
	});
}

async function adminMessages(): Promise<Array<{ id: number; text: string }>> {
	return await sandbox('GET', '/sandbox/bot?bot=kb-admins');
}

async function checkRules(): Promise<string> {
	const seen = (await adminMessages()).length;
	expect((await webhook('POST', 'xhs-rules-check')).status).toBe(200);
	const message = await eventually('the admins told the verdict', async () => (await adminMessages()).slice(seen)[0], 30_000);
	return message.text;
}

const assist = async (text: string): Promise<Json> => (await (await webhook('POST', 'xhs-assist', { text, nickname: '阿花' })).json()) as Json;

describe('the knowledge base in real n8n', () => {
	it('keeps a change that breaks a golden example from going live, and publishes it once it is fixed', async () => {
		// The seeded tables are published by the first check (or were, by the schedule).
		await eventually('a published knowledge base', async () => {
			const res = await fetch(`${stack.n8nBase}/webhook/xhs-assist`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '多少钱' }) });
			if (res.status !== 200) await fetch(`${stack.n8nBase}/webhook/xhs-rules-check`, { method: 'POST' });
			return res.status === 200;
		}, 60_000);
		const before = await assist('这个面霜多少钱');
		expect(before.suggestions[0]).toMatchObject({ source: 'rule', id: '面霜价格 · cream price' });

		await insertRow('xhs_rules', { name: '大促 · promotion', enabled: true, priority: 300, any: '钱, 优惠', replies: '双十二全场 8 折🎉' });
		const blocked = await checkRules();
		expect(blocked).toContain('⛔');
		expect(blocked).toContain('未发布');
		expect(blocked).toContain('"这个面霜多少钱": rule "面霜价格 · cream price" no longer answers ("大促 · promotion" does)');
		expect((await assist('这个面霜多少钱')).suggestions[0].id).toBe('面霜价格 · cream price');

		await deleteRows('xhs_rules', 'name', '大促 · promotion');
		const fixed = await checkRules();
		expect(fixed).toContain('✅');
		expect(fixed).toContain('Published');
	}, 120_000);

	it('suggests knowledge-base answers with scores and near misses for an agent', async () => {
		const r = await assist('怀孕了可以用吗');
		expect(r.suggestions[0]).toMatchObject({ rank: 1, source: 'faq', id: '孕妇能用吗' });
		expect(r.suggestions[0].reply).toContain('孕期和哺乳期都可以用');
		expect(r.suggestions[0].score).toBeGreaterThan(0.5);
		const cream = await assist('面霜好用吗');
		expect(cream.nearMisses.map((m: Json) => m.rule)).toContain('面霜价格 · cream price');
	});

	it('turns the unanswered DMs into a gap report and draft FAQ rows, once', async () => {
		const asks = ['能开发票吗', '可以开发票吗？', '發票怎麼開', '亲，能开个发票吗🧾'];
		for (const text of asks) {
			const who = customer();
			await sandbox('POST', `/sandbox/customers/${who}/messages`, { text, nickname: '小雨', wait: true });
			await eventually('the DM handled', async () => (await repliesTo(who)).length > 0);
		}
		const page = await (await webhook('GET', 'xhs-kb-gaps?range=today')).text();
		expect(page).toContain('候选关键词');
		expect(page).toMatch(/发票/);

		const drafts = async () => (await dataTableRows('xhs_faq')).filter((r) => r.status === 'draft' && String(r.keywords).includes('发票'));
		expect((await webhook('POST', 'xhs-kb-gaps-draft?range=today')).status).toBe(200);
		const [draft] = await eventually('the draft FAQ row', async () => (await drafts()).length > 0 && (await drafts()));
		expect(draft).toMatchObject({ answer: '', status: 'draft' });
		expect(draft.dms).toBeGreaterThanOrEqual(4);
		expect(String(draft.questions).split('\n').length).toBeGreaterThanOrEqual(2);
		// A draft never answers; run again: no second row for the same group.
		expect((await webhook('POST', 'xhs-kb-gaps-draft?range=today')).status).toBe(200);
		await new Promise((r) => setTimeout(r, 3000));
		expect(await drafts()).toHaveLength(1);
	}, 120_000);
});
