import {
	adminHeaders,
	dataTableRows,
	deleteRows,
	eventually,
	insertRow,
	repliesTo,
	pageHeaders,
	sandbox,
	stack,
} from './stack';

/**
 * The continuous-improvement loop in real n8n, on the tables `npm start` seeds: an admin's
 * change of the rules table is previewed and, when it breaks a golden example, kept from
 * going live; agents get suggestions from the published knowledge base; the week's unanswered
 * DMs become a gap report and draft FAQ rows.
 */
type Json = Record<string, any>;
let n = 0;
const customer = () => `cust_kb_${Date.now()}_${++n}`;

/** A template's webhook, called as an admin: with the admin header (the pages ignore it). */
async function webhook(method: string, path: string, body?: unknown): Promise<Response> {
	return await eventually(`the webhook ${path}`, async () => {
		const res = await fetch(`${stack.n8nBase}/webhook/${path}`, {
			method,
			// Admin webhooks check the admin header; the pages (GET) ask for the pages' login.
			headers: {
				'content-type': 'application/json',
				...(method === 'GET' ? pageHeaders() : adminHeaders()),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		// Activation is asynchronous: 404 until the webhook is registered.
		return res.status !== 404 && res;
	});
}

async function adminMessages(): Promise<Array<{ id: number; text: string }>> {
	return await sandbox('GET', '/sandbox/bot?bot=kb-admins');
}

/** "Check now": the webhook answers with the verdict once the preview is done; the admins are told too. */
async function checkRules(): Promise<{ answer: Json; message: string }> {
	const seen = (await adminMessages()).length;
	const res = await webhook('POST', 'xhs-rules-check');
	expect(res.status).toBe(200);
	const answer = (await res.json()) as Json;
	const message = await eventually(
		'the admins told the verdict',
		async () => (await adminMessages()).slice(seen)[0],
		30_000,
	);
	return { answer, message: message.text };
}

async function askTheDesk(text: string): Promise<string> {
	const who = customer();
	await sandbox('POST', `/sandbox/customers/${who}/messages`, {
		text,
		nickname: '小雨',
		wait: true,
	});
	const [reply] = await eventually("the service desk's reply", async () => {
		const replies = await repliesTo(who);
		return replies.length > 0 && replies;
	});
	return reply.content.text ?? '';
}

const assist = async (text: string): Promise<Json> =>
	(await (await webhook('POST', 'xhs-assist', { text, nickname: '阿花' })).json()) as Json;

describe('the knowledge base in real n8n', () => {
	it('keeps a change that breaks a golden example from going live, and publishes it once it is fixed', async () => {
		// npm start's warm-up published the seeded tables; checking now, unchanged, says which version is live.
		const start = await checkRules();
		expect(start.answer).toMatchObject({
			verdict: 'pass',
			published: true,
			blocked: false,
			liveVersion: expect.any(Number),
		});
		const live = start.answer.liveVersion as number;
		const before = await assist('这个面霜多少钱');
		expect(before.suggestions[0]).toMatchObject({ source: 'rule', id: '面霜价格 · cream price' });

		await insertRow('xhs_rules', {
			name: '大促 · promotion',
			enabled: true,
			priority: 300,
			any: '钱, 优惠',
			replies: '双十二全场 8 折🎉',
		});
		try {
			const blocked = await checkRules();
			expect(blocked.answer).toMatchObject({
				verdict: 'fail',
				published: false,
				blocked: true,
				publishedVersion: null,
				liveVersion: live,
			});
			expect(blocked.message).toContain('⛔');
			expect(blocked.message).toContain('未发布');
			expect(blocked.message).toContain(
				'"这个面霜多少钱": rule "面霜价格 · cream price" no longer answers ("大促 · promotion" does)',
			);
			expect((await assist('这个面霜多少钱')).suggestions[0].id).toBe('面霜价格 · cream price');
			// The full service desk keeps answering customers from the live version.
			expect(await askTheDesk('这个面霜多少钱')).toContain('这款面霜 199 元，今天买一送一');
		} finally {
			await deleteRows('xhs_rules', 'name', '大促 · promotion');
		}
		const fixed = await checkRules();
		expect(fixed.answer).toMatchObject({ verdict: 'pass', liveVersion: live });
		expect(fixed.message).toContain('✅');
		expect(fixed.message).toContain('Published');
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
			await sandbox('POST', `/sandbox/customers/${who}/messages`, {
				text,
				nickname: '小雨',
				wait: true,
			});
			await eventually('the DM handled', async () => (await repliesTo(who)).length > 0);
		}
		const page = await (await webhook('GET', 'xhs-kb-gaps?range=today')).text();
		expect(page).toContain('候选关键词');
		expect(page).toMatch(/发票/);

		const drafts = async () =>
			(await dataTableRows('xhs_faq')).filter(
				(r) => r.status === 'draft' && String(r.keywords).includes('发票'),
			);
		expect((await webhook('POST', 'xhs-kb-gaps-draft?range=today')).status).toBe(200);
		const [draft] = await eventually(
			'the draft FAQ row',
			async () => (await drafts()).length > 0 && (await drafts()),
		);
		expect(draft).toMatchObject({ answer: '', status: 'draft' });
		expect(draft.dms).toBeGreaterThanOrEqual(4);
		expect(String(draft.questions).split('\n').length).toBeGreaterThanOrEqual(2);
		// A draft never answers; run again: no second row for the same group.
		expect((await webhook('POST', 'xhs-kb-gaps-draft?range=today')).status).toBe(200);
		await new Promise((r) => setTimeout(r, 3000));
		expect(await drafts()).toHaveLength(1);
	}, 120_000);
});
