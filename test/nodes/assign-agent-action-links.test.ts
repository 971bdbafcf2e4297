/**
 * Assign Agent's action links through n8n-core's WorkflowExecute: Create Action Link signs a
 * link for the agent's message; Open Action Link answers the link webhook: a GET (a click, a
 * chat app's preview) only gets the confirmation page and changes nothing, the page's POST
 * acts once as Release / Set Status do, and every other link is refused with its reason.
 */
import { NodeHelpers } from 'n8n-workflow';
import {
	createActionLinkToken,
	usedLinkKey,
	verifyActionLinkToken,
	type LinkSubject,
} from '../../nodes/shared/agentLinks';
import { DeskStore } from '../../nodes/shared/assignAgent';
import { openStateStore } from '../../nodes/shared/state';
import { XiaohongshuAssignAgent } from '../../nodes/XiaohongshuAssignAgent/XiaohongshuAssignAgent.node';
import { loadFixture } from './fixtures';
import { runWorkflow, workflowOf, type WorkflowFixture } from './runWorkflow';

type Json = Record<string, any>;
type Out = { json: Json; pairedItem?: unknown };

const SECRET = 'node-test-link-signing-secret-0123';
const CREDENTIALS = { xiaohongshuLinkSigningApi: { secret: SECRET, linkLifetimeHours: 24 } };
const store = () => openStateStore({ backend: 'embedded' });

let deskCount = 0;
const newDesk = () => `links-${process.pid}-${Date.now()}-${deskCount++}`;

/** A fixture with its desk and first node's items replaced, and its parameters edited. */
function fixture(
	name: string,
	desk: string,
	items?: Json[],
	edit: (params: Json, f: WorkflowFixture) => void = () => undefined,
): WorkflowFixture {
	const f = loadFixture(name);
	const params = f.nodes[1].parameters as Json;
	params.desk = f.nodes[1].typeVersion === 1 ? desk : { __rl: true, mode: 'name', value: desk };
	if (items) f.nodes[0].parameters.items = JSON.stringify(items);
	edit(params, f);
	return f;
}

async function run(
	f: WorkflowFixture,
	credentials: Record<string, Json> = CREDENTIALS,
): Promise<{ out: Out[][]; error?: string }> {
	const { outputs, errors } = await runWorkflow(f, { credentials });
	return { out: (outputs['Assign Agent'] ?? []) as Out[][], error: errors['Assign Agent'] };
}

/** A desk where li has 小雨's legal question (biz_001:cust_a1) and 七七 waits in the queue. */
async function seededDesk(): Promise<string> {
	const desk = newDesk();
	const { error } = await run(fixture('assign-agent-assign', desk), {});
	expect(error).toBeUndefined();
	return desk;
}

async function deskState(desk: string) {
	return await DeskStore.for(store(), desk).readState();
}

async function eventCount(): Promise<number> {
	return (await store().readStream('metrics:events')).length;
}

/** The link Create Action Link puts on the item (through the node, as a template makes it). */
async function makeLink(
	desk: string,
	edit: (params: Json) => void = () => undefined,
	item: Json = {
		conversationId: 'biz_001:cust_a1',
		nickname: '小雨',
		assignment: { type: 'assigned', agent: { id: 'li', name: '小李' } },
	},
): Promise<{ token: string; link: Json; item: Json }> {
	const { out, error } = await run(
		fixture('assign-agent-create-action-link', desk, [item], (params) => edit(params)),
	);
	expect(error).toBeUndefined();
	expect(out).toHaveLength(1);
	const json = out[0][0].json;
	const link = json.actionLink;
	return { token: new URL(link.url).searchParams.get('t')!, link, item: json };
}

const webhookItem = (method: 'GET' | 'POST', token: string): Json => ({
	headers: { 'user-agent': 'Mozilla/5.0' },
	params: {},
	query: { t: token },
	body: method === 'POST' ? { t: token } : {},
	webhookUrl: 'http://localhost:5678/webhook/xhs-close',
	executionMode: 'production',
});

async function open(
	desk: string,
	requests: Json[],
	edit: (params: Json) => void = () => undefined,
): Promise<{ assigned: Out[]; done: Out[]; confirm: Out[]; refused: Out[]; error?: string }> {
	const { out, error } = await run(
		fixture('assign-agent-open-action-link', desk, requests, (params) => edit(params)),
	);
	const [assigned = [], done = [], confirm = [], refused = []] = out;
	return { assigned, done, confirm, refused, error };
}

describe('Assign Agent: Create Action Link', () => {
	it('puts { url, expiresAt, action } on the item; the token is signed for the agent, conversation and desk', async () => {
		const desk = newDesk();
		const before = Date.now();
		const { token, link, item } = await makeLink(desk);
		expect(item).toMatchObject({ conversationId: 'biz_001:cust_a1', nickname: '小雨' });
		expect(link.action).toBe('close');
		expect(link.url).toMatch(/^http:\/\/localhost:5678\/webhook\/xhs-close\?t=[\w-]+\.[\w-]{43}$/);
		const expiresAt = Date.parse(link.expiresAt);
		expect(expiresAt).toBeGreaterThan(before + 24 * 3_600_000 - 2_000);
		expect(expiresAt).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000);
		const verdict = verifyActionLinkToken(token, { secret: SECRET });
		expect(verdict).toMatchObject({
			ok: true,
			claims: { action: 'close', agentId: 'li', conversationId: 'biz_001:cust_a1', desk },
		});
		// Another secret does not accept it.
		expect(verifyActionLinkToken(token, { secret: 'some-other-secret-value' })).toEqual({
			ok: false,
			reason: 'bad-signature',
		});
		// Making a link touches no desk.
		expect(await deskState(desk)).toMatchObject({ version: 0 });
	});

	it('a status link into its own field, with its own lifetime, at the default address', async () => {
		const desk = newDesk();
		const { out, error } = await run(
			fixture('assign-agent-create-action-link', desk, undefined, (params) => {
				Object.assign(params, {
					linkAction: 'status',
					linkStatus: 'away',
					linkUrl: '',
					linkLifetimeHours: 2,
					linkField: 'awayLink',
				});
			}),
		);
		expect(error).toBeUndefined();
		const json = out[0][0].json;
		expect(json.actionLink).toBeUndefined();
		// The test harness's instance base URL + /webhook/xhs-status.
		expect(json.awayLink.url).toMatch(/^http:\/\/127\.0\.0\.1:5678\/webhook\/xhs-status\?t=/);
		expect(Date.parse(json.awayLink.expiresAt) - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);
		expect(Date.parse(json.awayLink.expiresAt) - Date.now()).toBeGreaterThan(2 * 3_600_000 - 5_000);
		const token = new URL(json.awayLink.url).searchParams.get('t');
		expect(verifyActionLinkToken(token, { secret: SECRET })).toMatchObject({
			ok: true,
			claims: { action: 'status', agentId: 'li', status: 'away', desk },
		});
	});

	it('fails with the field named: no agent, no conversation, a short secret (never shown)', async () => {
		const desk = newDesk();
		const noAgent = await run(
			fixture('assign-agent-create-action-link', desk, [{ conversationId: 'c:1' }]),
		);
		expect(noAgent.error).toMatch(/^Item 0: the field "Agent ID" is empty/);
		const noConversation = await run(
			fixture('assign-agent-create-action-link', desk, [{ assignment: { agent: { id: 'li' } } }]),
		);
		expect(noConversation.error).toMatch(/^Item 0: the field "Conversation ID" is empty/);
		const short = await run(fixture('assign-agent-create-action-link', desk), {
			xiaohongshuLinkSigningApi: { secret: 'too-short', linkLifetimeHours: 24 },
		});
		expect(short.error).toMatch(/secret must have at least 16 characters .*\(field "secret"\)/);
		expect(short.error).not.toContain('too-short');
	});
});

describe('Assign Agent: Open Action Link', () => {
	it('GET shows the confirmation page and changes nothing (desk, used mark, event log)', async () => {
		const desk = await seededDesk();
		const { token } = await makeLink(desk);
		const before = await deskState(desk);
		const events = await eventCount();
		// A chat app's preview, a click, and another preview.
		const { confirm, done, assigned, refused, error } = await open(desk, [
			webhookItem('GET', token),
			webhookItem('GET', token),
		]);
		expect(error).toBeUndefined();
		expect([assigned.length, done.length, refused.length]).toEqual([0, 0, 0]);
		expect(confirm).toHaveLength(2);
		expect(confirm[0].json.page).toContain('结束与 小雨 的会话？');
		expect(confirm[0].json.page).toContain('Close the conversation with 小雨?');
		expect(confirm[0].json.page).toContain(`<input type="hidden" name="t" value="${token}">`);
		expect(confirm[0].json.verified).toEqual({
			action: 'close',
			agentId: 'li',
			conversationId: 'biz_001:cust_a1',
			desk,
			expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
		expect(confirm.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(await deskState(desk)).toEqual(before);
		expect(await eventCount()).toBe(events);
		const claims = verifyActionLinkToken(token, { secret: SECRET });
		expect(claims.ok && (await store().get(usedLinkKey(claims.claims.nonce)))).toBeUndefined();
	});

	it('POST closes the conversation once, as Release does (queue served, event recorded); a second POST is "used"', async () => {
		const desk = await seededDesk();
		const { token } = await makeLink(desk);
		const since = Date.now();
		const first = await open(desk, [webhookItem('POST', token)]);
		expect(first.error).toBeUndefined();
		expect(first.refused).toEqual([]);
		expect(first.done[0].json).toMatchObject({
			conversationId: 'biz_001:cust_a1',
			actionLink: { action: 'close', agentId: 'li', conversationId: 'biz_001:cust_a1', desk },
			assignment: { type: 'released', conversationId: 'biz_001:cust_a1', agent: { id: 'li' } },
		});
		expect(first.done[0].json.page).toContain('已结束与 小雨 的会话。');
		expect(first.done[0].json.page).not.toContain(token);
		// The freed slot serves the queue, on Assigned (ready for "notify the agent").
		expect(first.assigned.map((i) => [i.json.conversationId, i.json.assignment.type])).toEqual([
			['biz_001:cust_a5', 'backfilled'],
		]);
		const { state } = await deskState(desk);
		expect(state.open['biz_001:cust_a1']).toBeUndefined();
		const closed = (await store().readStream('metrics:events', { sinceMs: since }))
			.map((e) => JSON.parse(e.value))
			.filter((e) => e.conversationId === 'biz_001:cust_a1');
		expect(closed).toMatchObject([{ type: 'closed', agentId: 'li' }]);

		const before = await deskState(desk);
		const again = await open(desk, [webhookItem('POST', token)]);
		expect([again.done.length, again.assigned.length, again.confirm.length]).toEqual([0, 0, 0]);
		expect(again.refused.map((i) => i.json.refused)).toEqual(['used']);
		expect(again.refused[0].json.page).toContain('这个链接已经用过了。');
		expect(again.refused[0].json.page).not.toContain(token);
		expect(await deskState(desk)).toEqual(before);
		// And its page now says so too.
		expect((await open(desk, [webhookItem('GET', token)])).refused[0].json.refused).toBe('used');
	});

	it('20 POSTs of one link in one execution: exactly one acts, 19 are "used"', async () => {
		const desk = await seededDesk();
		const { token } = await makeLink(desk);
		const { done, refused, error } = await open(
			desk,
			Array.from({ length: 20 }, () => webhookItem('POST', token)),
		);
		expect(error).toBeUndefined();
		expect(done.filter((i) => i.json.assignment.type === 'released')).toHaveLength(1);
		expect(refused.map((i) => i.json.refused)).toEqual(Array(19).fill('used'));
	});

	it('forged, altered, foreign-secret and expired links are refused, GET and POST, and nothing changes', async () => {
		const desk = await seededDesk();
		const { token } = await makeLink(desk);
		const subject: LinkSubject = {
			action: 'close',
			agentId: 'li',
			conversationId: 'biz_001:cust_a1',
			desk,
		};
		const expired = createActionLinkToken(subject, {
			secret: SECRET,
			now: Date.now() - 2 * 3_600_000,
			lifetimeMs: 3_600_000,
		}).token;
		const foreign = createActionLinkToken(subject, { secret: 'attacker-chosen-secret-1234' }).token;
		const [payload, mac] = token.split('.');
		const altered = `${payload}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
		const cases: Array<[string, string]> = [
			['', 'malformed'],
			['conversation=biz_001:cust_a1', 'malformed'],
			[`${payload}.`, 'malformed'],
			[altered, 'bad-signature'],
			[foreign, 'bad-signature'],
			[expired, 'expired'],
		];
		const before = await deskState(desk);
		const events = await eventCount();
		for (const method of ['GET', 'POST'] as const) {
			const { refused, done, confirm, assigned } = await open(
				desk,
				cases.map(([t]) => webhookItem(method, t)),
			);
			expect([done.length, confirm.length, assigned.length]).toEqual([0, 0, 0]);
			expect(refused.map((i) => i.json.refused)).toEqual(cases.map(([, reason]) => reason));
			for (const { json } of refused) {
				expect(json.page).toContain(`<code>${json.refused}</code>`);
				expect(json.page).not.toContain('biz_001');
			}
		}
		expect(await deskState(desk)).toEqual(before);
		expect(await eventCount()).toBe(events);
		// The real link still works.
		expect((await open(desk, [webhookItem('POST', token)])).done).toHaveLength(1);
	});

	it("another agent's link, a conversation that is no longer the agent's, another desk's link: not-yours", async () => {
		const desk = await seededDesk();
		const { token } = await makeLink(desk);
		const before = await deskState(desk);
		// The request says wang is acting; the link is li's.
		const asWang = await open(
			desk,
			[webhookItem('GET', token), webhookItem('POST', token)],
			(p) => {
				p.actingAgentId = 'wang';
			},
		);
		expect(asWang.refused.map((i) => i.json.refused)).toEqual(['not-yours', 'not-yours']);
		// wang's link for li's conversation (e.g. made before a transfer).
		const { token: stale } = await makeLink(desk, undefined, {
			conversationId: 'biz_001:cust_a1',
			assignment: { agent: { id: 'wang' } },
		});
		// wang's link for a conversation that waits in the queue.
		const { token: queued } = await makeLink(desk, undefined, {
			conversationId: 'biz_001:cust_a5',
			assignment: { agent: { id: 'wang' } },
		});
		// A link made for another desk.
		const { token: otherDesk } = await makeLink(newDesk());
		const refusedAll = await open(desk, [
			webhookItem('POST', stale),
			webhookItem('GET', stale),
			webhookItem('POST', queued),
			webhookItem('POST', otherDesk),
		]);
		expect(refusedAll.refused.map((i) => i.json.refused)).toEqual([
			'not-yours',
			'not-yours',
			'not-yours',
			'not-yours',
		]);
		expect(await deskState(desk)).toEqual(before);
		// The acting agent's own link goes through.
		const asLi = await open(desk, [webhookItem('POST', token)], (p) => {
			p.actingAgentId = 'li';
		});
		expect(asLi.done[0].json.assignment.type).toBe('released');
	});

	it("a status link: confirmation with the agent's name, then Set Status on POST; wrong-action where only close is accepted", async () => {
		const desk = await seededDesk();
		const { token } = await makeLink(desk, (params) => {
			params.linkAction = 'status';
			params.linkStatus = 'away';
		});
		const onlyClose = await open(desk, [webhookItem('POST', token)], (p) => {
			p.linkActions = ['close'];
		});
		expect(onlyClose.refused.map((i) => i.json.refused)).toEqual(['wrong-action']);
		// An action this node does not perform, even when listed by an expression.
		const snooze = createActionLinkToken(
			{ action: 'snooze', agentId: 'li', conversationId: 'biz_001:cust_a1', desk },
			{ secret: SECRET },
		).token;
		const future = await open(desk, [webhookItem('POST', snooze)], (p) => {
			p.linkActions = ['close', 'status', 'snooze'];
		});
		expect(future.refused.map((i) => i.json.refused)).toEqual(['wrong-action']);

		const view = await open(desk, [webhookItem('GET', token)]);
		expect(view.confirm[0].json.page).toContain('把 小李 的状态设为「离开」？');
		expect(view.confirm[0].json.page).toContain('Set the status of 小李 to away?');
		const act = await open(desk, [webhookItem('POST', token)]);
		expect(act.error).toBeUndefined();
		expect(act.done[0].json).toMatchObject({
			actionLink: { action: 'status', agentId: 'li', status: 'away' },
			assignment: { type: 'status', status: 'away', agent: { id: 'li' } },
		});
		expect(act.done[0].json.page).toContain('小李 的状态已设为「离开」。');
		expect((await deskState(desk)).state.agents.li.status).toBe('away');
	});

	it('when the action fails nothing is done and the link stays usable; continue-on-fail answers with a page', async () => {
		const desk = await seededDesk();
		const { token } = await makeLink(
			desk,
			(params) => {
				params.linkAction = 'status';
				params.linkStatus = 'online';
			},
			{ assignment: { agent: { id: 'ghost' } } },
		);
		const failed = await open(desk, [webhookItem('POST', token)]);
		expect(failed.error).toMatch(/^Item 0: agent "ghost" is not in the roster/);
		const claims = verifyActionLinkToken(token, { secret: SECRET });
		expect(claims.ok && (await store().get(usedLinkKey(claims.claims.nonce)))).toBeUndefined();

		const f = fixture('assign-agent-open-action-link', desk, [webhookItem('POST', token)]);
		(f.nodes[1] as Json).continueOnFail = true;
		const { out } = await run(f);
		expect(out[1][0].json).toEqual({
			error: expect.stringMatching(/not in the roster/),
			page: expect.stringContaining('Something went wrong'),
		});
		// A roster that has the agent: the same link now works.
		const withGhost = await open(desk, [webhookItem('POST', token)], (p) => {
			p.agents.agent.push({ id: 'ghost', name: '阿鬼', capacity: 1, status: '' });
		});
		expect(withGhost.done[0].json.assignment).toMatchObject({ type: 'status', status: 'online' });
	});

	it('version 1 offers the same operations (typed desk)', async () => {
		const desk = await seededDesk();
		const make = fixture('assign-agent-create-action-link', desk, undefined, (params, f) => {
			f.nodes[1].typeVersion = 1;
			params.desk = desk;
		});
		const made = await run(make);
		const token = new URL(made.out[0][0].json.actionLink.url).searchParams.get('t')!;
		const f = fixture(
			'assign-agent-open-action-link',
			desk,
			[webhookItem('POST', token)],
			(params, wf) => {
				wf.nodes[1].typeVersion = 1;
				params.desk = desk;
			},
		);
		const { out, error } = await run(f);
		expect(error).toBeUndefined();
		expect(out[1][0].json.assignment.type).toBe('released');
	});
});

describe('Assign Agent: the link operations in the editor', () => {
	const node = new XiaohongshuAssignAgent();

	it('outputs: Link for Create Action Link; Assigned, Done, Confirm Page, Refused for Open Action Link; the others unchanged', () => {
		// As n8n draws them: the description's outputs expression, evaluated for the node.
		const names = (operation?: string) => {
			const f = fixture('assign-agent-open-action-link', 'any', undefined, (params) => {
				if (operation === undefined) delete params.operation;
				else params.operation = operation;
			});
			const outputs = NodeHelpers.getNodeOutputs(workflowOf(f), f.nodes[1], node.description);
			return outputs.map((o) => (typeof o === 'string' ? o : o.displayName));
		};
		expect(names('createActionLink')).toEqual(['Link']);
		expect(names('openActionLink')).toEqual(['Assigned', 'Done', 'Confirm Page', 'Refused']);
		expect(names('assign')).toEqual(['Assigned', 'Queued']);
		expect(names(undefined)).toEqual(['Assigned', 'Queued']);
		expect(names('getLoad')).toEqual(['Assigned', 'Load']);
		expect(names('release')).toEqual(['Assigned', 'Done']);
	});

	it('the signing credential is asked for by the link operations only, and its test checks the secret', async () => {
		const slot = node.description.credentials!.find((c) => c.name === 'xiaohongshuLinkSigningApi');
		expect(slot).toMatchObject({
			required: true,
			displayOptions: { show: { operation: ['createActionLink', 'openActionLink'] } },
			testedBy: 'linkSigningSecretTest',
		});
		const test = node.methods.credentialTest.linkSigningSecretTest;
		const check = async (data: Json) =>
			await test.call({} as never, { id: 'x', name: 'x', type: 'x', data } as never);
		expect(await check({ secret: 'short', linkLifetimeHours: 24 })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/at least 16 characters/),
		});
		expect(await check({ secret: SECRET, linkLifetimeHours: 1000 })).toMatchObject({
			status: 'Error',
		});
		expect(await check({ secret: SECRET, linkLifetimeHours: 24 })).toMatchObject({ status: 'OK' });
	});
});
