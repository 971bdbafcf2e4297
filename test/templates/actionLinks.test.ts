/**
 * The templates' own action link nodes, run through n8n-core's WorkflowExecute as imported by
 * `npm start` (addresses rewritten to this n8n): the Create Action Link nodes before each agent
 * notice sign links that the notice's text carries, and the template's Open Action Link node
 * behind the link webhook shows the confirmation page on a GET, acts on the POST of its token
 * once, and refuses it after. The n8n base nodes around them (Webhook, Respond to Webhook, HTTP
 * Request) run in the end-to-end tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyActionLinkToken } from '../../nodes/shared/agentLinks';
import { DeskStore } from '../../nodes/shared/assignAgent';
import { openStateStore } from '../../nodes/shared/state';
import { maskedFields } from '../../nodes/shared/n8n';
import { loadFixture } from '../nodes/fixtures';
import { runWorkflow, type WorkflowFixture } from '../nodes/runWorkflow';

const { localAddresses } = require('../../scripts/lib/provision');

type Json = Record<string, any>;
type Connections = Record<string, { main: Array<Array<{ node: string }>> }>;

const N8N = 'https://n8n.example.com';
const SECRET = 'template-links-test-secret-0123456789';
const CREDENTIALS = { xiaohongshuLinkSigningApi: { secret: SECRET, linkLifetimeHours: 24 } };
const ASSIGN_AGENT = 'n8n-nodes-xiaohongshu-dm.xiaohongshuAssignAgent';

/** A template as `npm start` imports it: localhost:5678 is this n8n. */
function template(file: string): Json {
	const text = readFileSync(join(__dirname, '..', '..', 'workflows', file), 'utf8');
	return JSON.parse(localAddresses(text, { n8nUrl: N8N })) as Json;
}
const nodeOf = (workflow: Json, name: string): Json =>
	(workflow.nodes as Json[]).find((n) => n.name === name)!;
const feederOf = (workflow: Json, name: string): Json | undefined => {
	const from = Object.entries(workflow.connections as Connections).find(([, c]) =>
		c.main.some((out) => out.some((l) => l.node === name)),
	);
	return from && nodeOf(workflow, from[0]);
};

let deskCount = 0;
const newDesk = () => `template-links-${process.pid}-${Date.now()}-${deskCount++}`;

/** Items, then the given template nodes in a row (their desk replaced by the test's). */
function chain(nodes: Json[], desk: string, items: Json[]): WorkflowFixture {
	const copies: Json[] = nodes.map((n, i) => ({
		...structuredClone(n),
		id: `n${i}`,
		position: [300 * (i + 1), 0],
		parameters: { ...structuredClone(n.parameters), desk },
	}));
	const start: Json = {
		id: 'items',
		name: 'Items',
		type: 'test.items',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(items) },
	};
	const all = [start, ...copies];
	const connections: Json = {};
	all.slice(0, -1).forEach((n, i) => {
		connections[n.name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	});
	return {
		name: 'template links',
		nodes: all,
		connections,
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowFixture;
}

/** A desk where 小李 (li) has 小雨's conversation biz_001:cust_a1 and 七七 waits in the queue. */
async function seededDesk(): Promise<string> {
	const desk = newDesk();
	const f = loadFixture('assign-agent-assign');
	(f.nodes[1].parameters as Json).desk = desk;
	const { errors } = await runWorkflow(f, { credentials: {} });
	expect(errors).toEqual({});
	const { state } = await DeskStore.for(openStateStore({ backend: 'embedded' }), desk).readState();
	expect(state.open['biz_001:cust_a1']).toMatchObject({ agent: 'li' });
	expect(state.queue.map((e) => e.conversationId)).toContain('biz_001:cust_a5');
	return desk;
}

/** Runs the Create Action Link nodes before a notice, and the notice's text for the item. */
async function notice(
	workflow: Json,
	notifyName: string,
	desk: string,
	item: Json,
): Promise<{ json: Json; text: string }> {
	const makers: Json[] = [];
	let maker = feederOf(workflow, notifyName);
	while (maker?.type === ASSIGN_AGENT && maker.parameters.operation === 'createActionLink') {
		makers.unshift(maker);
		maker = feederOf(workflow, maker.name);
	}
	expect(makers.length).toBeGreaterThan(0);
	const { outputs, errors } = await runWorkflow(chain(makers, desk, [item]), {
		credentials: CREDENTIALS,
	});
	expect(errors).toEqual({});
	const json = outputs[makers.at(-1)!.name][0][0].json as Json;
	// The HTTP Request's body expression, evaluated on the item as n8n would (plain JavaScript).
	const body = String(nodeOf(workflow, notifyName).parameters.jsonBody)
		.replace(/^=\{\{/, '')
		.replace(/\}\}$/, '');
	const message = JSON.parse(new Function('$json', `return ${body};`)(json) as string);
	return { json, text: message.content.text as string };
}

const tokenOf = (url: string) => new URL(url).searchParams.get('t')!;
const webhookItem = (method: 'GET' | 'POST', url: string): Json => {
	const parsed = new URL(url);
	return {
		headers: { 'user-agent': 'Mozilla/5.0' },
		params: {},
		// A GET has the link's query; the confirmation form posts t in its body to the same address.
		query: Object.fromEntries(parsed.searchParams),
		body: method === 'POST' ? { t: tokenOf(url) } : {},
		webhookUrl: `${parsed.origin}${parsed.pathname}`,
		executionMode: 'production',
	};
};

/** The template's Open Action Link node on one request: its four outputs. */
async function open(workflow: Json, openName: string, desk: string, request: Json) {
	const node = nodeOf(workflow, openName);
	const { outputs, errors } = await runWorkflow(chain([node], desk, [request]), {
		credentials: CREDENTIALS,
	});
	expect(errors).toEqual({});
	const [assigned = [], done = [], confirm = [], refused = []] = (outputs[openName] ?? []).map(
		(items) => items.map((i) => i.json as Json),
	);
	return { assigned, done, confirm, refused };
}

/** As Assign Agent's Assigned output has it: the DM whole, and `masked` for the notice. */
const DM = { nickname: '小雨', text: '合同违约怎么赔偿，电话13812345678' };
const ASSIGNED_ITEM = {
	conversationId: 'biz_001:cust_a1',
	customerUserId: 'cust_a1',
	...DM,
	...maskedFields(DM),
	assignment: {
		type: 'assigned',
		lane: 'normal',
		reason: 'skill 法律; least loaded; load 1/1',
		agent: { id: 'li', name: '小李', contact: 'ou_li' },
	},
};

describe.each([
	['agent-desk.json', 'Notify the agent (Feishu bot)', true],
	['agents-table-sync.json', 'Notify the agent (Feishu bot)', true],
	['service-desk.json', 'Notify the agent (Feishu bot)', true],
	['channel-webchat.json', 'Notify the agent (Feishu bot)', false],
	['channel-webchat.json', 'Notify the agent (from the queue)', false],
])('%s: "%s"', (file, notifyName, away) => {
	it('carries the links its Create Action Link nodes signed for the agent, at this n8n', async () => {
		const workflow = template(file);
		const desk = newDesk();
		const { json, text } = await notice(workflow, notifyName, desk, ASSIGNED_ITEM);
		const path = file === 'channel-webchat.json' ? 'xhs-webchat-close' : 'xhs-close';
		const lines = text.split('\n');
		expect(lines[0]).toMatch(
			/^【(新私信|网站新私信)】小雨：合同违约怎么赔偿，电话138\*\*\*\*5678$/,
		);
		expect(lines[1]).toBe('分配原因：skill 法律; least loaded; load 1/1');
		expect(lines[2]).toBe(`结束会话：${json.closeLink.url}`);
		expect(json.closeLink.url).toMatch(
			new RegExp(
				`^${N8N}/webhook/${path}\\?conversation=biz_001%3Acust_a1&t=[\\w-]+\\.[\\w-]{43}$`,
			),
		);
		expect(verifyActionLinkToken(tokenOf(json.closeLink.url), { secret: SECRET })).toMatchObject({
			ok: true,
			claims: { action: 'close', agentId: 'li', conversationId: 'biz_001:cust_a1', desk },
		});
		if (away) {
			expect(lines[3]).toBe(`暂离：${json.awayLink.url}`);
			expect(json.awayLink.url).toMatch(new RegExp(`^${N8N}/webhook/xhs-status\\?t=`));
			expect(verifyActionLinkToken(tokenOf(json.awayLink.url), { secret: SECRET })).toMatchObject({
				ok: true,
				claims: { action: 'status', agentId: 'li', status: 'away', desk },
			});
		} else expect(lines).toHaveLength(3);
	});
});

describe.each([
	['agent-desk.json', 'Notify the agent (Feishu bot)', 'Open the close link'],
	['channel-webchat.json', 'Notify the agent (Feishu bot)', 'Open the close link'],
])("%s: the agent's close link, opened", (file, notifyName, openName) => {
	it('GET shows the confirmation page and changes nothing; the POST of its token closes once and serves the queue; the next POST is refused', async () => {
		const workflow = template(file);
		const desk = await seededDesk();
		const { json } = await notice(workflow, notifyName, desk, ASSIGNED_ITEM);
		const url = json.closeLink.url as string;

		// A click or a chat app's preview: the question and its button, nothing else.
		for (let k = 0; k < 2; k++) {
			const got = await open(workflow, openName, desk, webhookItem('GET', url));
			expect([got.assigned.length, got.done.length, got.refused.length]).toEqual([0, 0, 0]);
			expect(got.confirm[0].page).toContain('结束与 小雨 的会话？');
			expect(got.confirm[0].page).toContain(`name="t" value="${tokenOf(url)}"`);
		}
		const store = openStateStore({ backend: 'embedded' });
		expect(
			(await DeskStore.for(store, desk).readState()).state.open['biz_001:cust_a1'],
		).toBeTruthy();

		// The button: the conversation is released, 七七 from the queue goes to 小李 (Assigned:
		// the template notifies her with a new close link of her own conversation).
		const posted = await open(workflow, openName, desk, webhookItem('POST', url));
		expect(posted.done).toHaveLength(1);
		expect(posted.done[0]).toMatchObject({
			conversationId: 'biz_001:cust_a1',
			assignment: { type: 'released', conversationId: 'biz_001:cust_a1' },
		});
		expect(posted.done[0].page).toContain('已结束与 小雨 的会话。');
		expect(posted.assigned).toHaveLength(1);
		expect(posted.assigned[0]).toMatchObject({
			conversationId: 'biz_001:cust_a5',
			nickname: '七七',
			assignment: { type: 'backfilled', agent: { id: 'li' } },
		});
		const backfill = await notice(workflow, notifyName, desk, posted.assigned[0]);
		expect(backfill.text).toContain(`结束会话：${backfill.json.closeLink.url}`);
		expect(backfill.json.closeLink.url).toContain('?conversation=biz_001%3Acust_a5&t=');

		const again = await open(workflow, openName, desk, webhookItem('POST', url));
		expect(again.done).toHaveLength(0);
		expect(again.refused[0]).toMatchObject({ refused: 'used' });
		expect(again.refused[0].page).toContain('这个链接已经用过了。');
	});
});

describe("agent-desk.json: the agent's away link, opened", () => {
	it('GET asks, the POST sets the agent away once, and a close link is refused there', async () => {
		const workflow = template('agent-desk.json');
		const desk = await seededDesk();
		const { json } = await notice(workflow, 'Notify the agent (Feishu bot)', desk, ASSIGNED_ITEM);
		const url = json.awayLink.url as string;
		const got = await open(workflow, 'Open the status link', desk, webhookItem('GET', url));
		expect(got.confirm[0].page).toContain('的状态设为「离开」？');
		const posted = await open(workflow, 'Open the status link', desk, webhookItem('POST', url));
		expect(posted.done[0].page).toContain('的状态已设为「离开」。');
		const store = openStateStore({ backend: 'embedded' });
		expect((await DeskStore.for(store, desk).readState()).state.agents.li).toMatchObject({
			status: 'away',
		});
		const again = await open(workflow, 'Open the status link', desk, webhookItem('POST', url));
		expect(again.refused[0]).toMatchObject({ refused: 'used' });

		// Each path takes only its own action: a close link on xhs-status is "wrong-action".
		const close = await open(
			workflow,
			'Open the status link',
			desk,
			webhookItem('POST', json.closeLink.url),
		);
		expect(close.refused[0]).toMatchObject({ refused: 'wrong-action' });
	});
});
