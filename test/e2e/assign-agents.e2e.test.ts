import { dmWorkflow, eventually, repliesTo, sandbox, stack } from './stack';

/**
 * The assignment templates, active in real n8n with the sandbox: a DM nobody's rules answer
 * goes to an agent by skill and lane, the agent is notified in the (sandbox) team chat with a
 * close link, closing frees the slot for the queue, and status links move work around.
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

async function openLink(url: string): Promise<string> {
	const res = await fetch(url);
	expect(res.status).toBe(200);
	return await res.text();
}

describe('assigning DMs to agents, in real n8n', () => {
	it('both templates are active: the DM pipeline and the agent desk', () => {
		expect(dmWorkflow().name).toMatch(/Assign DMs to agents/);
		expect(stack.workflows.find((w) => /Agent desk/.test(w.name))).toMatchObject({ active: true });
	});

	it('a legal threat goes to the agent who knows law, who is notified with the text and a close link', async () => {
		const who = customer();
		await dm(who, '再不退款我就找律师起诉你们', '阿花');
		const [note] = await eventually('the Feishu notification', async () => {
			const found = await botMessagesAbout('再不退款我就找律师起诉你们');
			return found.length > 0 && found;
		});
		expect(note.bot).toBe('xiaoli');
		expect(note.text).toMatch(/^【加急 · urgent】阿花：再不退款我就找律师起诉你们\n分配原因：urgent lane; skill 法律; least loaded; load \d\/3/);
		const link = /结束会话：(\S+)/.exec(note.text)![1];
		expect(link).toContain(`${stack.n8nBase}/webhook/xhs-close?conversation=`);
		// The customer hears who helps.
		expect(await lastReply(who, /小李/)).toMatch(/阿花您好～您的问题已转给客服小李/);
		// The agent closes the conversation with the link.
		expect(await openLink(link)).toMatch(/^会话已结束 ✅/);
		expect(await openLink(link)).toMatch(/已经结束或不存在/);
	});

	it('when everyone is away the customer hears their place in the queue; an agent back online takes it at once', async () => {
		const agents = ['xiaowang', 'xiaoli', 'laozhang'];
		const statusLink = (agent: string, status: string) => `${stack.n8nBase}/webhook/xhs-status?agent=${agent}&status=${status}`;
		try {
			for (const agent of agents) expect(await openLink(statusLink(agent, 'away'))).toMatch(/away ✅$/);
			const who = customer();
			await dm(who, '你好，想问个问题', '七七');
			expect(await lastReply(who, /排第 \d+ 位/)).toMatch(/七七您好～您的问题已转给客服，客服都在忙，您现在排第 1 位/);
			expect(await openLink(statusLink('xiaowang', 'online'))).toBe('小王：online ✅');
			const [note] = await eventually('the backfill notification', async () => {
				const found = await botMessagesAbout('七七：你好，想问个问题');
				return found.length > 0 && found;
			});
			expect(note.bot).toBe('xiaowang');
			expect(note.text).toMatch(/分配原因：from the queue; least loaded/);
			expect(await lastReply(who, /客服小王/)).toMatch(/已转给客服小王/);
		} finally {
			for (const agent of agents) await openLink(statusLink(agent, 'online'));
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
		expect((await repliesTo(who)).filter((r) => /已转给客服/.test(r.content.text ?? ''))).toHaveLength(1);
	});
});
