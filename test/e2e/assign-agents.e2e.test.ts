import {
	adminHeaders,
	dataTableRows,
	deleteRows,
	dmWorkflow,
	eventually,
	insertRow,
	openLink,
	pressLinkButton,
	repliesTo,
	sandbox,
	stack,
	statusLink,
	updateRows,
	useLink,
} from './stack';

/**
 * The assignment templates, active in real n8n with the sandbox: a DM nobody's rules answer
 * goes to an agent by skill and lane, the agent is notified in the (sandbox) team chat with a
 * signed close link (opening it only asks; its button closes, once), closing frees the slot for
 * the queue, and status links move work around. The agents are rows of the xhs_agents Data
 * Table: an admin's edit reaches the desk at the next sync, with no change to any workflow.
 */
let n = 0;
const customer = () => `cust_as_${Date.now()}_${++n}`;

async function dm(who: string, text: string, nickname = '小雨') {
	await sandbox('POST', `/sandbox/customers/${who}/messages`, { text, nickname, wait: true });
}

async function botMessagesAbout(text: string): Promise<Array<{ bot: string; text: string }>> {
	const all = (await sandbox('GET', '/sandbox/bot')) as Array<{ bot: string; text: string }>;
	return all.filter((m) => m.text.includes(text));
}

async function lastReply(who: string, match: RegExp): Promise<string> {
	return await eventually(`a reply matching ${match}`, async () => {
		const texts = (await repliesTo(who)).map((r) => r.content.text ?? '');
		return texts.find((t) => match.test(t));
	});
}

type Json = Record<string, any>;

/** "Check now" of the Safe rule changes template: the verdict, once published or blocked. */
async function checkRules(): Promise<Json> {
	const res = await fetch(`${stack.n8nBase}/webhook/xhs-rules-check`, {
		method: 'POST',
		headers: adminHeaders(),
	});
	expect(res.status).toBe(200);
	return (await res.json()) as Json;
}

/** "Sync now" of the Agents table → desk template: the desk's agents once it has them. */
async function syncAgents(): Promise<Json> {
	const res = await fetch(`${stack.n8nBase}/webhook/xhs-agents-sync`, {
		method: 'POST',
		headers: adminHeaders(),
	});
	expect(res.status).toBe(200);
	return (await res.json()) as Json;
}

/** Sets an agent's status with a signed status link, as the agent would: open, then confirm. */
async function setStatus(agent: string, status: string): Promise<string> {
	return await useLink(statusLink(agent, status));
}
const STATUS_WORDS: Record<string, string> = { online: '在线', away: '离开' };
const statusSet = (status: string) => new RegExp(`的状态已设为「${STATUS_WORDS[status]}」。`);
/** How many conversations an agent has open, as the desk says at a sync. */
async function openCount(agent: string): Promise<number> {
	return (await syncAgents()).agents.find((a: Json) => a.id === agent).open;
}
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sandboxBot = (id: string) => `${stack.sandboxUrl}/sandbox/bot/feishu/${id}`;
const agentRow = (agent_id: string, name: string, skills: string) => ({
	agent_id,
	name,
	skills,
	team: '法务',
	level: 4,
	capacity: 2,
	weight: 1,
	contact: sandboxBot(agent_id),
	lanes: '',
	status: '',
	working_hours: '',
});

describe('assigning DMs to agents, in real n8n', () => {
	it('the templates are active: the full service desk, the agent desk and the agents table sync', () => {
		expect(dmWorkflow().name).toBe('Xiaohongshu · Full service desk (完整客服流水线)');
		expect(stack.workflows.find((w) => /Agent desk/.test(w.name))).toMatchObject({ active: true });
		expect(
			stack.workflows.find((w) => w.name === 'Xiaohongshu · Agents table → desk (客服名单同步)'),
		).toMatchObject({ active: true });
	});

	it('the desk got its agents from the xhs_agents table at start, their Feishu hooks pointed at the sandbox', async () => {
		const rows = await dataTableRows('xhs_agents');
		expect(rows.map((r) => [r.agent_id, r.name, r.skills, r.capacity, r.contact])).toEqual([
			['xiaowang', '小王', '售后, 物流', 5, sandboxBot('xiaowang')],
			['xiaoli', '小李', '法律', 3, sandboxBot('xiaoli')],
			['laozhang', '老张', '售后', 4, sandboxBot('laozhang')],
		]);
		const { agents } = await syncAgents();
		expect(agents.map((a: Json) => [a.id, a.name, a.capacity])).toEqual([
			['xiaowang', '小王', 5],
			['xiaoli', '小李', 3],
			['laozhang', '老张', 4],
		]);
	});

	it('a legal threat goes to the agent who knows law, who is notified with the text and signed links only they can use, once', async () => {
		const who = customer();
		await dm(who, '再不退款我就找律师起诉你们', '阿花');
		const [note] = await eventually('the Feishu notification', async () => {
			const found = await botMessagesAbout('再不退款我就找律师起诉你们');
			return found.length > 0 && found;
		});
		expect(note.bot).toBe('xiaoli');
		expect(note.text).toMatch(
			/^【加急 · urgent】阿花：再不退款我就找律师起诉你们\n分配原因：urgent lane; skill 法律; least loaded; load \d\/3/,
		);
		const link = /结束会话：(\S+)/.exec(note.text)![1];
		expect(link).toMatch(
			new RegExp(
				`^${escapeRegExp(stack.n8nBase)}/webhook/xhs-close\\?conversation=[^&]+&t=[\\w-]+\\.[\\w-]{43}$`,
			),
		);
		// The conversation rides along as a label (the sandbox finds notices by it); the token decides.
		const conversation = new URL(link).searchParams.get('conversation')!;
		expect(conversation).toMatch(new RegExp(`^biz_\\w+:${who}$`));
		const away = /暂离：(\S+)/.exec(note.text)![1];
		expect(away).toMatch(
			new RegExp(`^${escapeRegExp(stack.n8nBase)}/webhook/xhs-status\\?t=[\\w-]+\\.[\\w-]{43}$`),
		);
		// The customer hears who helps.
		expect(await lastReply(who, /小李/)).toMatch(/阿花您好～您的问题已转给客服小李/);
		const open = await openCount('xiaoli');
		expect(open).toBeGreaterThanOrEqual(1);

		// Opening the links (a click, or the chat app's preview, twice) only asks: nothing changes.
		for (let k = 0; k < 2; k++) {
			const asked = await openLink(link);
			expect(asked.status).toBe(200);
			expect(asked.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
			expect(asked.headers.get('cache-control')).toBe('no-store');
			expect(asked.headers.get('referrer-policy')).toBe('no-referrer');
			expect(asked.page).toContain('结束与 阿花 的会话？');
			expect(asked.page).toContain('<form method="post">');
		}
		const askedAway = await openLink(away);
		expect(askedAway.status).toBe(200);
		expect(askedAway.page).toMatch(/的状态设为「离开」？/);
		// The old unsigned links, and a changed token, are refused and close nothing.
		const plain = `${stack.n8nBase}/webhook/xhs-close?conversation=${encodeURIComponent(conversation)}`;
		for (const refused of [
			await openLink(plain),
			await pressLinkButton(plain),
			await openLink(link.replace(/.(?=\.[\w-]{43}$)/, (c) => (c === 'A' ? 'B' : 'A'))),
		]) {
			expect(refused.status).toBe(403);
			expect(refused.page).toMatch(/<code>(malformed|bad-signature)<\/code>/);
		}
		expect(await openCount('xiaoli')).toBe(open);
		expect((await syncAgents()).agents.find((a: Json) => a.id === 'xiaoli').status).toBe('online');

		// The agent presses the button: the conversation is closed, once.
		const closed = await pressLinkButton(link);
		expect(closed.status).toBe(200);
		expect(closed.page).toContain('已结束与 阿花 的会话。');
		expect(await openCount('xiaoli')).toBe(open - 1);
		const again = await pressLinkButton(link);
		expect(again.status).toBe(403);
		expect(again.page).toContain('<code>used</code>');
		expect((await openLink(link)).status).toBe(403);
	});

	it('when everyone is away the customer hears their place in the queue; an agent back online takes it at once', async () => {
		const agents = ['xiaowang', 'xiaoli', 'laozhang'];
		try {
			for (const agent of agents) expect(await setStatus(agent, 'away')).toMatch(statusSet('away'));
			const who = customer();
			await dm(who, '你好，想问个问题', '七七');
			expect(await lastReply(who, /排第 \d+ 位/)).toMatch(
				/七七您好～您的问题已转给客服，客服都在忙，您现在排第 1 位/,
			);
			expect(await setStatus('xiaowang', 'online')).toMatch(statusSet('online'));
			const [note] = await eventually('the backfill notification', async () => {
				const found = await botMessagesAbout('七七：你好，想问个问题');
				return found.length > 0 && found;
			});
			expect(note.bot).toBe('xiaowang');
			expect(note.text).toMatch(/分配原因：from the queue; least loaded/);
			expect(await lastReply(who, /客服小王/)).toMatch(/已转给客服小王/);
		} finally {
			for (const agent of agents) await setStatus(agent, 'online');
		}
	});

	it('a follow-up DM in an open conversation notifies the same agent without telling the customer again', async () => {
		const who = customer();
		await dm(who, '在吗在吗', '豆豆');
		const [first] = await eventually('the first notification', async () => {
			const found = await botMessagesAbout('豆豆：在吗在吗');
			return found.length > 0 && found;
		});
		await lastReply(who, /已转给客服/);
		await dm(who, '嗯嗯嗯嗯', '豆豆');
		const [again] = await eventually('the follow-up notification', async () => {
			const found = await botMessagesAbout('豆豆：嗯嗯嗯嗯');
			return found.length > 0 && found;
		});
		expect(again.bot).toBe(first.bot);
		expect(again.text).toMatch(/^【客户追问】/);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(
			(await repliesTo(who)).filter((r) => /已转给客服/.test(r.content.text ?? '')),
		).toHaveLength(1);
	});
});

describe('agents edited in the xhs_agents Data Table, in real n8n', () => {
	it('an admin adds an invoice agent to xhs_agents and an invoice rule to xhs_rules: the next invoice DM goes to that agent, no deploy', async () => {
		await insertRow('xhs_agents', { ...agentRow('xiaozhao', '小赵', '发票'), team: '财务' });
		await insertRow('xhs_rules', {
			name: '发票 · invoice',
			enabled: true,
			priority: 5,
			any: '发票, 开票',
			sets_tags: '发票',
			lane: 'normal',
			replies: '',
		});
		try {
			expect(await checkRules()).toMatchObject({ verdict: 'pass', published: true });
			const { agents } = await syncAgents();
			expect(agents.find((a: Json) => a.id === 'xiaozhao')).toMatchObject({
				name: '小赵',
				status: 'online',
				capacity: 2,
				open: 0,
			});

			const who = customer();
			await dm(who, '请问可以开发票吗', '阿月');
			const [note] = await eventually('the notification', async () => {
				const found = await botMessagesAbout('请问可以开发票吗');
				return found.length > 0 && found;
			});
			expect(note.bot).toBe('xiaozhao');
			expect(note.text).toMatch(
				/^【新私信】阿月：请问可以开发票吗\n分配原因：.*skill 发票.*load 1\/2/,
			);
			expect(await lastReply(who, /小赵/)).toMatch(/^阿月您好～您的问题已转给客服小赵/);
			expect(await useLink(/结束会话：(\S+)/.exec(note.text)![1])).toContain(
				'已结束与 阿月 的会话。',
			);
		} finally {
			await deleteRows('xhs_agents', 'agent_id', 'xiaozhao');
			await deleteRows('xhs_rules', 'name', '发票 · invoice');
			await checkRules();
		}
		const { agents } = await syncAgents();
		expect(agents.map((a: Json) => a.id)).toEqual(['xiaowang', 'xiaoli', 'laozhang']);
	});

	it('a capacity changed in the table holds from the next sync: 小王 at 0 takes none of four new conversations', async () => {
		await updateRows('xhs_agents', 'agent_id', 'xiaowang', { capacity: 0 });
		const closeLinks: string[] = [];
		try {
			expect((await syncAgents()).agents.find((a: Json) => a.id === 'xiaowang')).toMatchObject({
				capacity: 0,
			});
			// Left open, so the others fill up: with capacity 5, 小王 (the least loaded) would get one.
			// Conversations earlier suites left open may fill the others first: a DM then waits in
			// the queue (the customer is told its place) — what matters is that 小王 gets none.
			for (let k = 0; k < 4; k++) {
				const who = customer();
				await dm(who, `随便问问 ${k}`, '阿星');
				const outcome = await eventually('the notification or the queue place', async () => {
					const [note] = await botMessagesAbout(`阿星：随便问问 ${k}`);
					if (note) return { note };
					const queued = (await repliesTo(who)).some((r) =>
						/排第 \d+ 位/.test(r.content.text ?? ''),
					);
					return queued && { note: undefined };
				});
				if (!outcome.note) continue;
				expect(outcome.note.bot).not.toBe('xiaowang');
				closeLinks.push(/结束会话：(\S+)/.exec(outcome.note.text)![1]);
			}
			expect(
				(await botMessagesAbout('阿星：随便问问')).filter((n) => n.bot === 'xiaowang'),
			).toEqual([]);
		} finally {
			for (const link of closeLinks) await useLink(link);
			await updateRows('xhs_agents', 'agent_id', 'xiaowang', { capacity: 5 });
			await syncAgents();
		}
	});

	it('a new agent in the table takes the customer waiting in the queue at the next sync, and is told', async () => {
		const agents = ['xiaowang', 'xiaoli', 'laozhang'];
		const who = customer();
		try {
			for (const agent of agents) expect(await setStatus(agent, 'away')).toMatch(statusSet('away'));
			await dm(who, '有人吗，想问问', '小鹿');
			expect(await lastReply(who, /排第 \d+ 位/)).toMatch(
				/^小鹿您好～您的问题已转给客服，客服都在忙/,
			);
			// The every-minute sync must not undo what agents set with their links: the status column is empty.
			expect((await syncAgents()).agents.map((a: Json) => a.status)).toEqual([
				'away',
				'away',
				'away',
			]);

			await insertRow('xhs_agents', { ...agentRow('xiaozhou', '小周', ''), team: '客服二组' });
			const answer = await syncAgents();
			expect(answer.queueLength).toBe(0);
			expect(answer.agents.find((a: Json) => a.id === 'xiaozhou')).toMatchObject({
				status: 'online',
				open: 1,
			});
			const [note] = await eventually('the notification from the sync', async () => {
				const found = await botMessagesAbout('小鹿：有人吗，想问问');
				return found.length > 0 && found;
			});
			expect(note.bot).toBe('xiaozhou');
			expect(note.text).toMatch(/分配原因：from the queue/);
			expect(await lastReply(who, /客服小周/)).toMatch(/已转给客服小周/);
			expect(await useLink(/结束会话：(\S+)/.exec(note.text)![1])).toContain(
				'已结束与 小鹿 的会话。',
			);
		} finally {
			for (const agent of agents) await setStatus(agent, 'online');
			await deleteRows('xhs_agents', 'agent_id', 'xiaozhou');
			await syncAgents();
		}
	});
});
