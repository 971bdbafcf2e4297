import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	activateTestWorkflow,
	eventually,
	openLink,
	pageHeaders,
	pressLinkButton,
	removeTestWorkflows,
	repliesTo,
	reportJsonWorkflow,
	sandbox,
	stack,
} from './stack';
import { decodePng } from '../support/png';

const { localAddresses } = require('../../scripts/lib/provision');

/**
 * Service quality in real n8n with sandbox traffic: the nodes record what happens, the report
 * counts it (CSAT asked and answered by DM included), the daily report's chart reaches the
 * WeCom group as an image, and health alerts reach the ops chat when DMs stop or sends fail.
 * The report and health templates run here from a webhook instead of their schedule.
 */
type Json = Record<string, any>;
let n = 0;
const customer = () => `cust_sq_${Date.now()}_${++n}`;
const RESULTS = join(__dirname, '..', '..', '.test-results');

/** A template with its schedule replaced by a webhook at `path`, addresses pointed at the sandbox. */
function fromTemplate(
	file: string,
	schedule: string,
	path: string,
	edit: (nodes: Json[]) => void = () => undefined,
): Json {
	const text = readFileSync(join(__dirname, '..', '..', 'workflows', file), 'utf8');
	const template = JSON.parse(
		localAddresses(text, { sandboxUrl: stack.sandboxUrl, n8nUrl: stack.n8nBase }),
	) as Json;
	// The template's own webhooks are live already (it is imported): leave out their branches.
	const connections = template.connections as Record<
		string,
		{ main: Array<Array<{ node: string }>> }
	>;
	const dropped = new Set(
		(template.nodes as Json[])
			.filter((node) => node.type === 'n8n-nodes-base.webhook')
			.map((node) => node.name as string),
	);
	for (const name of dropped)
		for (const out of connections[name]?.main ?? []) for (const link of out) dropped.add(link.node);
	const nodes = (template.nodes as Json[]).filter(
		(node) => node.type !== 'n8n-nodes-base.stickyNote' && !dropped.has(node.name),
	);
	const trigger = nodes.find((node) => node.name === schedule) as Json;
	Object.assign(trigger, {
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		parameters: { httpMethod: 'GET', path, responseMode: 'onReceived', options: {} },
		webhookId: `e2e-${path}`,
	});
	edit(nodes);
	const kept = Object.fromEntries(
		Object.entries(connections).filter(([name]) => !dropped.has(name)),
	);
	return {
		name: `e2e ${path} ${Date.now()}`,
		nodes,
		connections: kept,
		settings: { executionOrder: 'v1' },
	};
}

async function activate(workflow: Json): Promise<void> {
	await activateTestWorkflow(workflow);
}

async function hook(path: string, headers: Record<string, string> = {}): Promise<Response> {
	return await fetch(`${stack.n8nBase}/webhook/${path}`, { headers });
}

const report = async (): Promise<Json> => (await (await hook('e2e-metrics')).json()) as Json;

async function botMessages(
	bot: string,
): Promise<Array<{ id: number; text: string; imageUrl?: string }>> {
	return await sandbox('GET', `/sandbox/bot?bot=${bot}`);
}

async function reply(who: string, match: RegExp): Promise<string> {
	return await eventually(`a reply matching ${match}`, async () =>
		(await repliesTo(who)).map((r) => r.content.text ?? '').find((t) => match.test(t)),
	);
}

beforeAll(async () => {
	await activate(reportJsonWorkflow('e2e-metrics'));
	await activate(
		fromTemplate('daily-report.json', 'Every morning at 9', 'e2e-daily-report', (nodes) => {
			// Today, not yesterday: the traffic of this run is today's.
			(nodes.find((node) => node.name === "Yesterday's report") as Json).parameters.range = 'today';
		}),
	);
	await activate(
		fromTemplate('health-alerts.json', 'Every 5 minutes', 'e2e-health', (nodes) => {
			const check = nodes.find((node) => node.name === 'Check the pipeline') as Json;
			check.parameters.maxSilenceMinutes = 0.1;
			check.parameters.healthOptions = {
				windowMinutes: 1,
				maxFailurePercent: 5,
				repeatMinutes: 60,
			};
		}),
	);
}, 60_000);

afterAll(async () => {
	await removeTestWorkflows();
});

describe('service quality, in real n8n', () => {
	it('counts a day of DMs, and asks and reads the satisfaction survey by DM', async () => {
		const before = await report();
		const price = customer();
		const angry = customer();
		await sandbox('POST', `/sandbox/customers/${price}/messages`, {
			text: '这个面霜多少钱？',
			nickname: '小雨',
			wait: true,
		});
		await reply(price, /./);
		await sandbox('POST', `/sandbox/customers/${angry}/messages`, {
			text: '我要找律师起诉你们',
			nickname: '阿花',
			wait: true,
		});
		const note = await eventually('the agent notification', async () =>
			(await botMessages('xiaoli')).find((m) => m.text.includes('我要找律师起诉你们')),
		);
		// The agent answers in the Xiaohongshu app (a source-2 push), then closes with the link.
		await sandbox('POST', '/sandbox/events', {
			event: 'message',
			message_source: 2,
			to_user_id: angry,
			content: { text: '您好，我是小李，马上为您处理' },
			wait: true,
		});
		const closeLink = /结束会话：(\S+)/.exec(note.text)![1];
		// Opening the link only asks: no close, no survey.
		const asked = await openLink(closeLink);
		expect(asked.status).toBe(200);
		expect(asked.page).toContain('结束与 阿花 的会话？');
		await new Promise((r) => setTimeout(r, 1000));
		expect((await repliesTo(angry)).filter((r) => /满意吗/.test(r.content.text ?? ''))).toEqual([]);
		// Its button closes; the survey goes out once, and the used link closes nothing more.
		const closed = await pressLinkButton(closeLink);
		expect(closed.status).toBe(200);
		expect(closed.page).toContain('已结束与 阿花 的会话。');
		expect(await reply(angry, /满意吗/)).toBe(
			'阿花您好，小李刚刚为您服务，您满意吗？请回复 1-5 分（5 = 非常满意 😊，1 = 很不满意）',
		);
		const again = await pressLinkButton(closeLink);
		expect(again.status).toBe(403);
		expect(again.page).toContain('<code>used</code>');
		await new Promise((r) => setTimeout(r, 500));
		expect(
			(await repliesTo(angry)).filter((r) => /满意吗/.test(r.content.text ?? '')),
		).toHaveLength(1);
		await sandbox('POST', `/sandbox/customers/${angry}/messages`, {
			text: '五星好评！',
			nickname: '阿花',
			wait: true,
		});
		expect(await reply(angry, /评价/)).toBe('谢谢阿花的评价 ⭐⭐⭐⭐⭐！我们会继续努力 💪');

		const after = await eventually('the figures to include the survey', async () => {
			const now = await report();
			return now.csat.responses > before.csat.responses && now;
		});
		expect(after.sessions.total - before.sessions.total).toBe(2);
		expect(after.messages.inbound - before.messages.inbound).toBe(2);
		expect(after.messages.autoAnswered - before.messages.autoAnswered).toBe(1);
		expect(after.firstResponse.human.count - before.firstResponse.human.count).toBe(1);
		expect(after.sessions.closed - before.sessions.closed).toBe(1);
		expect(after.csat.distribution['5'] - before.csat.distribution['5']).toBe(1);
		expect(
			after.byAgent.find((a: Json) => a.agentName === '小李').csatResponses,
		).toBeGreaterThanOrEqual(1);
		// A second "5" is no second score: it goes to the keyword reply like any DM.
		await sandbox('POST', `/sandbox/customers/${angry}/messages`, {
			text: '5',
			nickname: '阿花',
			wait: true,
		});
		await new Promise((r) => setTimeout(r, 1500));
		expect((await report()).csat.responses).toBe(after.csat.responses);
	});

	it('the daily report reaches the WeCom group as a summary and a PNG chart; the link shows the page', async () => {
		const seen = (await botMessages('daily-report')).length;
		expect((await hook('e2e-daily-report')).status).toBe(200);
		const posted = await eventually('the summary and the chart', async () => {
			const all = (await botMessages('daily-report')).slice(seen);
			return all.length >= 2 && all;
		});
		expect(posted.find((m) => !m.imageUrl)?.text).toMatch(
			/^\*\*小红书私信日报 \d{4}-\d{2}-\d{2}\*\*\n私信 DMs \d+/,
		);
		const image = posted.find((m) => m.imageUrl)!;
		const png = Buffer.from(await (await fetch(stack.sandboxUrl + image.imageUrl)).arrayBuffer());
		const chart = decodePng(png);
		expect(chart.width).toBe(960);
		expect(chart.height).toBeGreaterThan(300);
		mkdirSync(RESULTS, { recursive: true });
		writeFileSync(join(RESULTS, 'e2e-daily-report.png'), png);
		const feishu = await eventually('the Feishu summary', async () =>
			(await botMessages('daily-report')).find((m) => m.text.startsWith('📊')),
		);
		expect(feishu.text).toContain(`${stack.n8nBase}/webhook/xhs-report?range=yesterday`);

		expect((await hook('xhs-report?range=today')).status).toBe(401);
		const page = await hook('xhs-report?range=today', pageHeaders());
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toMatch(/text\/html/);
		const html = await page.text();
		expect(html).toContain('小红书私信客服报告');
		expect(html).toContain('<svg');
		writeFileSync(join(RESULTS, 'e2e-report.html'), html);
	});

	it('alerts the ops chat when DMs stop arriving, and says when they are back', async () => {
		await sandbox('POST', `/sandbox/customers/${customer()}/messages`, {
			text: '在吗',
			nickname: 'H',
			wait: true,
		});
		const seen = (await botMessages('ops-alerts')).length;
		await hook('e2e-health');
		await new Promise((r) => setTimeout(r, 7000));
		const alert = await eventually('the silence alert', async () => {
			await hook('e2e-health');
			return (await botMessages('ops-alerts'))
				.slice(seen)
				.find((m) => m.text.includes('No DM for'));
		});
		expect(alert.text).toMatch(
			/^🚨 No DM for \d+ s 私信中断\n.*limit is 0\.1 min\.\n👉 Check that the workflow with the Xiaohongshu Trigger is active/,
		);
		await sandbox('POST', `/sandbox/customers/${customer()}/messages`, {
			text: '在吗',
			nickname: 'H',
			wait: true,
		});
		const over = await eventually('the all-clear', async () => {
			await hook('e2e-health');
			return (await botMessages('ops-alerts')).slice(seen).find((m) => m.text.startsWith('✅'));
		});
		expect(over.text).toMatch(/^✅ Resolved 已恢复: No DM for/);
	}, 60_000);

	it('alerts the ops chat when sends start failing, with the likely fix', async () => {
		const seen = (await botMessages('ops-alerts')).length;
		try {
			await sandbox('POST', '/sandbox/faults', { serverErrorNext: 200 });
			const who = [customer(), customer(), customer(), customer()];
			await Promise.all(
				who.map((c) =>
					sandbox('POST', `/sandbox/customers/${c}/messages`, {
						text: '这个多少钱',
						nickname: 'F',
						wait: true,
					}),
				),
			);
			const alert = await eventually(
				'the send-failure alert',
				async () => {
					await hook('e2e-health');
					return (await botMessages('ops-alerts'))
						.slice(seen)
						.find((m) => m.text.includes('sends failed'));
				},
				40_000,
			);
			expect(alert.text).toMatch(
				/^(🚨|⚠️) \d+ of \d+ sends failed \(\d+%\) 发送失败\nIn the last 1 min, \d+ of the failures were auto-replies\./,
			);
		} finally {
			await sandbox('DELETE', '/sandbox/faults');
		}
	}, 60_000);
});
