/**
 * Xiaohongshu Assign Agent through n8n-core's WorkflowExecute: one fixture per operation, each
 * run against a desk of its own in the embedded state store, as in a real n8n.
 */
import { loadFixture } from './fixtures';
import { runWorkflow, type WorkflowFixture } from './runWorkflow';

type Json = Record<string, any>;
type Out = { json: Json; pairedItem?: unknown };

let deskCount = 0;
/** The same operation fixture on a fresh desk (or on a given one). */
function fixture(
	name: string,
	desk?: string,
	edit: (params: Json, items: Json[]) => void = () => undefined,
): { f: WorkflowFixture; desk: string } {
	const f = loadFixture(`assign-agent-${name}`);
	const params = f.nodes[1].parameters as Json;
	params.desk = desk ?? `engine-${process.pid}-${Date.now()}-${deskCount++}`;
	const items = JSON.parse(f.nodes[0].parameters.items as string) as Json[];
	edit(params, items);
	f.nodes[0].parameters.items = JSON.stringify(items);
	return { f, desk: params.desk };
}

async function run(f: WorkflowFixture): Promise<{ assigned: Out[]; other: Out[]; error?: string }> {
	const { outputs, errors } = await runWorkflow(f, { credentials: {} });
	const [assigned = [], other = []] = outputs['Assign Agent'] ?? [];
	return { assigned, other, error: errors['Assign Agent'] };
}

const idsOf = (items: Out[]) => items.map((i) => i.json.conversationId);

describe('Assign Agent: Assign', () => {
	it('routes by skill and lane, explains each choice, and queues the rest', async () => {
		const { f } = fixture('assign');
		const { assigned, other, error } = await run(f);
		expect(error).toBeUndefined();
		const by = Object.fromEntries(assigned.map((i) => [i.json.messageId, i.json.assignment]));
		// 法律 → the agent who knows law; the complaint → the complaint lane's senior.
		expect(by.m_as_1).toMatchObject({
			type: 'assigned',
			agent: { id: 'li', name: '小李', contact: 'ou_li' },
			reason: 'skill 法律; least loaded; load 1/1',
			lane: 'normal',
		});
		expect(by.m_as_2).toMatchObject({
			agent: { id: 'zhang' },
			lane: 'complaint',
			reason: 'complaint lane team; least loaded; load 1/1',
		});
		expect(by.m_as_3).toMatchObject({
			agent: { id: 'wang' },
			reason: 'skill 售后; least loaded; load 1/2',
		});
		expect(by.m_as_4).toMatchObject({ agent: { id: 'wang' }, reason: 'least loaded; load 2/2' });
		// Everyone is full (老张's reserved slot is for complaints and urgent orders only).
		expect(
			other.map((i) => [i.json.messageId, i.json.assignment.type, i.json.assignment.queue]),
		).toEqual([['m_as_5', 'queued', { position: 1, length: 1 }]]);
		expect(other[0].json.assignment.reason).toBe('no agent is online with a free slot');
		// The DM's own fields travel on, paired with the input item.
		expect(assigned[0].json).toMatchObject({ nickname: '小雨', text: '合同违约怎么赔偿' });
		expect(assigned.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(other[0].pairedItem).toEqual({ item: 4 });
	});

	it("gives the agent's notice the DM with phones and WeChat ids masked, and keeps the DM whole", async () => {
		const { f } = fixture('assign', undefined, (_, items) => {
			items[0].nickname = '小雨\u202Evx:rain_2026';
			items[0].text = '合同违约怎么赔偿？电话 138 1234 5678，微信 rain_2026\u0007';
		});
		const { assigned } = await run(f);
		const json = assigned.find((i) => i.json.messageId === 'm_as_1')!.json;
		expect(json.masked).toEqual({
			nickname: '小雨vx:ra****26',
			text: '合同违约怎么赔偿？电话 138****5678，微信 ra****26',
		});
		expect(json.text).toBe('合同违约怎么赔偿？电话 138 1234 5678，微信 rain_2026\u0007');
	});

	it('a follow-up DM keeps its agent and adds no load; the same DM run again gets its assignment back', async () => {
		const { f, desk } = fixture('assign');
		const first = await run(f);
		const followUps = await run(
			fixture('assign', desk, (_, items) =>
				items.forEach((dm) => (dm.messageId = `${dm.messageId}_next`)),
			).f,
		);
		expect(followUps.assigned.slice(0, 4).map((i) => i.json.assignment.type)).toEqual([
			'already',
			'already',
			'already',
			'already',
		]);
		expect(followUps.other.map((i) => i.json.assignment)).toMatchObject([
			{ type: 'queued', reason: 'already waiting in the queue', queue: { position: 1 } },
		]);
		// Crash recovery runs the same DMs again: the same agents, nothing added to their load.
		const again = await run(fixture('assign', desk).f);
		expect(
			again.assigned
				.slice(0, 4)
				.map((i) => [i.json.assignment.type, i.json.assignment.repeat, i.json.assignment.agent.id]),
		).toEqual(
			first.assigned.slice(0, 4).map((i) => ['assigned', true, i.json.assignment.agent.id]),
		);
		expect(again.assigned.slice(0, 4).map((i) => i.json.assignment.load)).toEqual(
			followUps.assigned.slice(0, 4).map((i) => i.json.assignment.load),
		);
		expect(again.other.map((i) => i.json.assignment)).toMatchObject([
			{ type: 'queued', repeat: true, queue: { position: 1 } },
		]);
	});

	it('sends a returning customer to their previous agent (sticky)', async () => {
		const { f, desk } = fixture('assign', undefined, (_, items) => items.splice(1));
		const first = await run(f);
		const agent = first.assigned.find((i) => i.json.messageId === 'm_as_1')!.json.assignment.agent
			.id;
		await run(fixture('release', desk).f);
		// Back with a question that is not about law: still their agent, who has room again.
		const back = fixture('assign', desk, (_, items) => {
			items.splice(0, items.length, {
				conversationId: 'biz_001:cust_a1',
				customerUserId: 'cust_a1',
				text: '还有个问题',
				smartReply: { route: 'noMatch', tags: [] },
			});
		});
		const { assigned } = await run(back.f);
		expect(assigned[0].json.assignment).toMatchObject({
			agent: { id: agent },
			reason: 'sticky: previous agent; load 1/1',
		});
	});

	it('bad input: names the field and the item, the other items go on (continue on fail)', async () => {
		const { f } = fixture('assign', undefined, (_, items) => {
			items[1].conversationId = '';
		});
		expect((await run(f)).error).toMatch(
			/^Item 1: the field "Conversation ID" is empty \(field "conversationId"\)/,
		);
		(f.nodes[1] as Json).continueOnFail = true;
		(f.nodes[1].parameters as Json).desk += '-cof';
		const { assigned, other } = await run(f);
		expect(assigned).toHaveLength(4);
		expect(other.find((i) => i.json.error)?.json).toMatchObject({
			messageId: 'm_as_2',
			error: expect.stringMatching(/^Item 1: the field "Conversation ID" is empty/),
		});
	});

	it('a broken roster row fails with the agent and the field named', async () => {
		const { f } = fixture('assign', undefined, (params) => {
			params.agents.agent[1].workingHours = 'weekdays 9-6';
		});
		expect((await run(f)).error).toMatch(
			/^Item 0: agent 2 \("li"\): working hours "weekdays 9-6" should look like "Mon-Fri 09:00-18:00"/,
		);
	});

	it('policy options: skill only (else queue), round robin, skill map', async () => {
		const strict = fixture('assign', undefined, (params, items) => {
			params.policy = { ladder: 'skill', strategy: 'roundRobin', skillMap: '赔偿=法律' };
			items.splice(
				0,
				items.length,
				{ conversationId: 'c:1', customerUserId: 'p1', smartReply: { tags: ['赔偿'] } },
				{ conversationId: 'c:2', customerUserId: 'p2', smartReply: { tags: ['法律'] } },
				{ conversationId: 'c:3', customerUserId: 'p3', smartReply: { tags: [] } },
				{ conversationId: 'c:4', customerUserId: 'p4', smartReply: { tags: [] } },
			);
		});
		const { assigned, other } = await run(strict.f);
		expect(
			assigned.map((i) => [
				i.json.conversationId,
				i.json.assignment.agent.id,
				i.json.assignment.reason,
			]),
		).toEqual([
			['c:1', 'li', 'skill 法律; round robin; load 1/1'],
			['c:3', 'zhang', 'round robin; load 1/1'],
			['c:4', 'wang', 'round robin; load 1/2'],
		]);
		expect(idsOf(other)).toEqual(['c:2']);
	});
});

describe('Assign Agent: the other operations', () => {
	it('Release frees the slot and serves the queue first; the new owner is on the Assigned output', async () => {
		const { f, desk } = fixture('assign');
		await run(f);
		const { assigned, other } = await run(
			fixture('release', desk, (_, items) =>
				items.splice(0, 1, { conversationId: 'biz_001:cust_a4' }),
			).f,
		);
		expect(other[0].json.assignment).toMatchObject({
			type: 'released',
			conversationId: 'biz_001:cust_a4',
			agent: { id: 'wang' },
		});
		expect(assigned.map((i) => i.json)).toMatchObject([
			{
				conversationId: 'biz_001:cust_a5',
				nickname: '七七',
				text: '还有别的问题',
				assignment: { type: 'backfilled', agent: { id: 'wang' } },
			},
		]);
		const none = await run(
			fixture('release', desk, (_, items) =>
				items.splice(0, 1, { conversationId: 'biz_001:cust_a4' }),
			).f,
		);
		expect(none.other[0].json.assignment.type).toBe('notFound');
	});

	it("Set Status offline hands the agent's conversations on (or queues them)", async () => {
		const { f, desk } = fixture('assign', undefined, (_, items) => items.splice(4));
		await run(f);
		const { assigned, other } = await run(fixture('set-status', desk).f);
		expect(other.map((i) => i.json.assignment.type)).toEqual(['status', 'queued']);
		expect(other[0].json.assignment).toMatchObject({ status: 'offline', agent: { id: 'li' } });
		// Nobody else has a free slot: the legal question waits, ahead of newer DMs.
		expect(other[1].json).toMatchObject({
			conversationId: 'biz_001:cust_a1',
			assignment: {
				previousAgent: { id: 'li' },
				reason: expect.stringMatching(/^agent went offline; no agent/),
			},
		});
		expect(assigned).toEqual([]);
		const back = await run(fixture('set-status', desk, (params) => (params.status = 'online')).f);
		expect(back.assigned.map((i) => [i.json.conversationId, i.json.assignment.type])).toEqual([
			['biz_001:cust_a1', 'backfilled'],
		]);
	});

	it('Transfer hands a conversation to a named agent within capacity', async () => {
		const { f, desk } = fixture('assign', undefined, (_, items) =>
			items.splice(0, items.length, items[2]),
		);
		await run(f);
		const { assigned } = await run(fixture('transfer', desk).f);
		expect(assigned[0].json.assignment).toMatchObject({
			type: 'transferred',
			agent: { id: 'li' },
			previousAgent: { id: 'wang' },
			reason: 'transferred by hand from 小王',
		});
		const full = await run(
			fixture('transfer', desk, (_, items) => (items[0].conversationId = 'biz_001:cust_a4')).f,
		);
		expect(full.error).toMatch(/^Item 0: 小李 has no free slot \(1\/1\) \(field "toAgent"\)/);
	});

	it('Record Agent Reply notes the first response; Sweep moves what nobody answered', async () => {
		const { f, desk } = fixture('assign', undefined, (_, items) => items.splice(2));
		await run(f);
		const replied = await run(
			fixture('record-reply', desk, (_, items) => (items[0].conversationId = 'biz_001:cust_a1')).f,
		);
		expect(replied.other[0].json.assignment).toMatchObject({
			type: 'replied',
			reason: expect.stringMatching(/^first reply after \d+ s$/),
		});
		await new Promise((resolve) => setTimeout(resolve, 80));
		const { assigned } = await run(fixture('sweep', desk).f);
		// The answered legal question stays; the unanswered complaint moves on to a free agent.
		expect(
			assigned.map((i) => [
				i.json.conversationId,
				i.json.nickname,
				i.json.assignment.type,
				i.json.assignment.previousAgent.id,
				i.json.assignment.agent.id,
			]),
		).toEqual([['biz_001:cust_a2', '阿花', 'reassigned', 'zhang', 'wang']]);
		expect(assigned[0].json.assignment.reason).toMatch(
			/^no reply for 0.0005 min; complaint lane; least loaded/,
		);
		const load = await run(
			fixture('get-load', desk, (params) => (params.rosterSource = 'saved')).f,
		);
		expect(load.other[0].json.agents.map((a: Json) => [a.id, a.open])).toEqual([
			['wang', 1],
			['li', 1],
			['zhang', 0],
		]);
	});

	it("Get Load takes the roster from a previous node's rows and saves it for the desk", async () => {
		const { f, desk } = fixture('get-load');
		const { other, error } = await run(f);
		expect(error).toBeUndefined();
		expect(other).toHaveLength(1);
		expect(other[0].json).toMatchObject({ open: 0, queueLength: 0, longestWaitMs: 0 });
		expect(other[0].json.agents).toMatchObject([
			{ id: 'wang', name: '小王', status: 'online', available: true, capacity: 2, free: 2 },
			{ id: 'li', status: 'offline', available: false },
		]);
		// A workflow with "As Last Given to This Desk" now routes with that roster.
		const { assigned } = await run(
			fixture('assign', desk, (params, items) => {
				params.rosterSource = 'saved';
				items.splice(1);
			}).f,
		);
		expect(assigned[0].json.assignment).toMatchObject({
			agent: { id: 'wang' },
			reason: 'anyone (no free agent with 法律); least loaded; load 1/2',
		});
	});
});
