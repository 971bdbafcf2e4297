/**
 * The routing engine's operations on fixed rosters with hand-checked outcomes: who gets the
 * conversation, why, and what waits. Pure functions, so time is a parameter.
 */
import { rosterOf } from '../../nodes/shared/assignAgent/chooseAgent';
import { loadView } from '../../nodes/shared/assignAgent/deskLoad';
import * as ops from '../../nodes/shared/assignAgent/deskOperations';
import {
	checkInvariants,
	emptyDesk,
	type DeskState,
} from '../../nodes/shared/assignAgent/deskState';
import { rosterFromJson, type Agent } from '../../nodes/shared/assignAgent/roster';
import { policyWith, type RoutingPolicy } from '../../nodes/shared/assignAgent/routingPolicy';

const T0 = Date.parse('2026-11-24T02:00:00Z'); // 10:00 in Shanghai, a Tuesday
const MIN = 60_000;

function desk(rows: object[], policy: RoutingPolicy = policyWith()) {
	const agents = rosterFromJson(rows);
	const state = emptyDesk();
	let now = T0;
	const ctx = () => ({ roster: rosterOf(agents), policy, now });
	ops.applyRoster(state, ctx(), 'r1');
	const capacity = (id: string) =>
		(agents.find((a) => a.id === id) as Agent).capacity +
		Math.max(policy.lanes.complaint.reservedSlots, policy.lanes.urgent.reservedSlots);
	return {
		state,
		agents,
		tick: (ms: number) => (now += ms),
		assign: (id: string, extra: Partial<ops.AssignRequest> = {}) =>
			ops.assign(state, ctx(), {
				conversationId: id,
				lane: 'normal',
				skills: [],
				priority: 0,
				context: { customerUserId: `u_${id}` },
				...extra,
			}),
		release: (id: string) => ops.release(state, ctx(), id),
		status: (agent: string, status: 'online' | 'busy' | 'away' | 'offline') =>
			ops.setStatus(state, ctx(), agent, status),
		transfer: (id: string, to: string) => ops.transfer(state, ctx(), id, to),
		reply: (id: string) => ops.recordReply(state, ctx(), id),
		sweep: () => ops.sweep(state, ctx()),
		load: () => loadView(state, ctx()),
		check: () => expect(checkInvariants(state, capacity)).toEqual([]),
	};
}

const owner = (state: DeskState, id: string) => state.open[id]?.agent;

describe('Assign: skills, ladder, strategy', () => {
	const team = [
		{ id: 'wang', name: '小王', skills: '售后', team: '客服一组', capacity: 2 },
		{ id: 'li', name: '小李', skills: '法律, 售后', team: '法务', capacity: 2 },
		{ id: 'zhao', name: '小赵', skills: '', team: '法务', capacity: 2 },
		{ id: 'sun', name: '小孙', skills: '', team: '客服二组', capacity: 2 },
	];

	it('gives a legal question to the agent who knows law, and says why', () => {
		const d = desk(team);
		const [event] = d.assign('c1', { skills: ['法律', '价格'] });
		expect(event).toMatchObject({
			type: 'assigned',
			agent: { id: 'li', name: '小李' },
			reason: 'skill 法律; least loaded; load 1/2',
			load: { open: 1, capacity: 2 },
		});
		d.check();
	});

	it('falls back skill → team → anyone as configured, and queues on "skill only"', () => {
		const ladder = desk(team, policyWith({ ladder: ['skill', 'team', 'anyone'] }));
		ladder.assign('a', { skills: ['法律'] });
		ladder.assign('b', { skills: ['法律'] });
		const [third] = ladder.assign('c', { skills: ['法律'] });
		expect(third).toMatchObject({
			agent: { id: 'zhao' },
			reason: 'team 法务 (no free agent with 法律); least loaded; load 1/2',
		});
		ladder.assign('d', { skills: ['法律'] });
		const [fifth] = ladder.assign('e', { skills: ['法律'] });
		expect(fifth.reason).toMatch(/^anyone \(no free agent with 法律\); least loaded/);

		const strict = desk(team, policyWith({ ladder: ['skill'] }));
		strict.assign('a', { skills: ['法律'] });
		strict.assign('b', { skills: ['法律'] });
		const [queued] = strict.assign('c', { skills: ['法律'] });
		expect(queued).toMatchObject({
			type: 'queued',
			queue: { position: 1, length: 1 },
			reason: 'no agent with 法律 is online with a free slot',
		});
		strict.check();
	});

	it("tags that are no agent's skill are topics, not requirements", () => {
		const d = desk(team);
		const [event] = d.assign('c1', { skills: ['面霜', '价格'] });
		expect(event.reason).toBe('least loaded; load 1/2');
	});

	it('least loaded: most free capacity in %, ties to the agent idle longest', () => {
		const d = desk([
			{ id: 'big', capacity: 10 },
			{ id: 'small', capacity: 2 },
		]);
		// big 1/10 (90 % free) beats small 0/2 only once small has work: first both are 100 %.
		expect(d.assign('c1')[0].agent?.id).toBe('big');
		d.tick(1000);
		expect(d.assign('c2')[0].agent?.id).toBe('small'); // 100 % free vs 90 %
		d.tick(1000);
		expect(d.assign('c3')[0].agent?.id).toBe('big'); // 90 % vs 50 %
		d.release('c1');
		d.release('c3');
		d.release('c2');
		d.tick(1000);
		// All idle again: big was assigned last, so small has been idle longer.
		expect(d.assign('c4')[0].agent?.id).toBe('small');
	});

	it('round robin takes agents in roster order, skipping the full and the busy', () => {
		const d = desk([{ id: 'a' }, { id: 'b' }, { id: 'c' }], policyWith({ strategy: 'roundRobin' }));
		d.status('b', 'busy');
		const picks = ['1', '2', '3', '4'].map((id) => d.assign(id)[0].agent?.id);
		expect(picks).toEqual(['a', 'c', 'a', 'c']);
		expect(d.assign('5')[0].reason).toBe('round robin; load 3/5');
	});

	it('weighted spreads new conversations in proportion to the weights', () => {
		const d = desk(
			[
				{ id: 'a', weight: 3, capacity: 100 },
				{ id: 'b', weight: 1, capacity: 100 },
			],
			policyWith({ strategy: 'weighted' }),
		);
		const picks = Array.from({ length: 8 }, (_, i) => d.assign(`w${i}`)[0].agent?.id);
		expect(picks.filter((p) => p === 'a')).toHaveLength(6);
		expect(picks.slice(0, 4).sort()).toEqual(['a', 'a', 'a', 'b']);
	});

	it('is idempotent per conversation: a second DM of an open conversation stays with its agent', () => {
		const d = desk(team);
		d.assign('c1');
		const [again] = d.assign('c1');
		expect(again).toMatchObject({ type: 'already', agent: { id: owner(d.state, 'c1') } });
		expect(d.state.agents[owner(d.state, 'c1')].open).toBe(1);
	});

	it('the DM that opened a conversation, run again (crash recovery), gets its assignment back unchanged', () => {
		const d = desk(team);
		const dm = { context: { customerUserId: 'u_c1', messageId: 'm_1' } };
		const [first] = d.assign('c1', dm);
		const [again] = d.assign('c1', dm);
		expect(again).toMatchObject({ type: 'assigned', repeat: true, agent: { id: first.agent!.id } });
		expect(d.state.agents[first.agent!.id].open).toBe(1);
		// A new DM of the same customer is a follow-up, as before.
		const [next] = d.assign('c1', { context: { customerUserId: 'u_c1', messageId: 'm_2' } });
		expect(next).toMatchObject({ type: 'already' });
		d.check();
	});

	it('never assigns to agents who are busy, away, offline or off shift', () => {
		const d = desk([
			{ id: 'busy', status: 'busy' },
			{ id: 'away', status: 'away' },
			{ id: 'off', status: 'offline' },
			{ id: 'night', working_hours: '20:00-08:00' },
			{ id: 'day', working_hours: '周一至周五 09:00-18:00' },
		]);
		expect(d.assign('c1')[0].agent?.id).toBe('day');
		d.tick(10 * 60 * MIN); // 20:00 in Shanghai
		expect(d.assign('c2')[0].agent?.id).toBe('night');
	});
});

describe('Assign: sticky agent and fast lanes', () => {
	it('a returning customer goes to their previous agent while that agent is online with room', () => {
		const d = desk([{ id: 'a' }, { id: 'b' }]);
		const [sticky] = d.assign('c1', { preferAgent: 'b' });
		expect(sticky).toMatchObject({
			agent: { id: 'b' },
			reason: 'sticky: previous agent; load 1/5',
		});
		d.status('b', 'away');
		expect(d.assign('c2', { preferAgent: 'b' })[0].agent?.id).toBe('a');
		const off = desk([{ id: 'a' }, { id: 'b' }], policyWith({ sticky: false }));
		off.assign('x');
		expect(off.assign('c3', { preferAgent: 'a' })[0].agent?.id).toBe('b');
	});

	it('complaints go to the complaint team first, to seniors only, and may use a reserved slot', () => {
		const policy = policyWith({
			lanes: { complaint: { team: '投诉组', minLevel: 3, reservedSlots: 1 } },
		});
		const d = desk(
			[
				{ id: 'junior', level: 1, capacity: 1 },
				{ id: 'senior', level: 4, capacity: 1 },
				{ id: 'lead', level: 5, team: '投诉组', capacity: 1 },
			],
			policy,
		);
		const [first] = d.assign('k1', { lane: 'complaint', priority: 20 });
		expect(first).toMatchObject({
			agent: { id: 'lead' },
			reason: 'complaint lane team level ≥ 3; least loaded; load 1/1',
			lane: 'complaint',
		});
		const [second] = d.assign('k2', { lane: 'complaint', priority: 20 });
		// The lead is at capacity but has a reserved complaint slot: 2/1 is still within 1 + 1.
		expect(second).toMatchObject({
			agent: { id: 'lead' },
			reason: 'complaint lane team level ≥ 3; least loaded; load 2/1 (reserved complaint slot)',
		});
		expect(d.assign('k3', { lane: 'complaint', priority: 20 })[0].agent?.id).toBe('senior');
		d.assign('n1');
		expect(d.state.open.n1.agent).toBe('junior');
		// A normal conversation never uses a reserved slot.
		expect(d.assign('n2')[0].type).toBe('queued');
		d.check();
	});

	it("skill comes before the lane's team: an urgent legal threat goes to the lawyer", () => {
		const d = desk([
			{ id: 'lead', lanes: 'urgent', capacity: 1 },
			{ id: 'lawyer', skills: '法律', capacity: 1 },
		]);
		expect(d.assign('u1', { lane: 'urgent', skills: ['法律'], priority: 10 })[0]).toMatchObject({
			agent: { id: 'lawyer' },
			reason: 'urgent lane; skill 法律; least loaded; load 1/1',
		});
		// The lawyer's reserved slot is still the lawyer's; with no slot left, the lane team.
		expect(d.assign('u2', { lane: 'urgent', skills: ['法律'], priority: 10 })[0].agent?.id).toBe(
			'lawyer',
		);
		expect(d.assign('u3', { lane: 'urgent', skills: ['法律'], priority: 10 })[0]).toMatchObject({
			agent: { id: 'lead' },
			reason: 'urgent lane team; anyone (no free agent with 法律); least loaded; load 1/1',
		});
	});

	it('"dedicated only" lanes wait for their team instead of going to others', () => {
		const d = desk(
			[{ id: 'a' }, { id: 'u', lanes: 'urgent', capacity: 1 }],
			policyWith({ lanes: { urgent: { dedicatedOnly: true, reservedSlots: 0 } } }),
		);
		expect(d.assign('u1', { lane: 'urgent', priority: 10 })[0].agent?.id).toBe('u');
		expect(d.assign('u2', { lane: 'urgent', priority: 10 })[0]).toMatchObject({
			type: 'queued',
			reason: 'no agent is online with a free slot (urgent lane, high priority)',
		});
	});
});

describe('the waiting queue', () => {
	it('orders by priority then waiting time, and Release serves it first', () => {
		const d = desk([{ id: 'a', capacity: 1 }]);
		d.assign('busy');
		d.assign('n1');
		d.tick(1000);
		d.assign('n2');
		d.tick(1000);
		const [urgent] = d.assign('u1', { lane: 'urgent', priority: 10 });
		// The urgent one may use the reserved slot at once.
		expect(urgent).toMatchObject({
			type: 'assigned',
			reason: 'urgent lane; least loaded; load 2/1 (reserved urgent slot)',
		});
		const [complaint] = d.assign('k1', { lane: 'complaint', priority: 20 });
		expect(complaint).toMatchObject({ type: 'queued', queue: { position: 1, length: 3 } });
		expect(d.load().queue.map((q) => q.conversationId)).toEqual(['k1', 'n1', 'n2']);

		d.tick(5000);
		const [released, ...served] = d.release('busy');
		expect(released).toMatchObject({ type: 'released', agent: { id: 'a' } });
		// u1 holds the normal slot; the complaint, first in the queue, may take the reserved one.
		expect(served).toMatchObject([
			{
				type: 'backfilled',
				conversationId: 'k1',
				waitedMs: 5000,
				reason: 'from the queue; complaint lane; least loaded; load 2/1 (reserved complaint slot)',
			},
		]);
		// Normal conversations wait for a normal slot, in the order they came.
		expect(d.release('u1').slice(1)).toEqual([]);
		expect(
			d
				.release('k1')
				.slice(1)
				.map((e) => e.conversationId),
		).toEqual(['n1']);
		expect(
			d
				.release('n1')
				.slice(1)
				.map((e) => e.conversationId),
		).toEqual(['n2']);
		d.check();
	});

	it('a waiting question nobody can take does not hold up the ones behind it', () => {
		const d = desk(
			[
				{ id: 'lawyer', skills: '法律', capacity: 1 },
				{ id: 'gen', capacity: 1 },
			],
			policyWith({ ladder: ['skill'] }),
		);
		d.assign('l1', { skills: ['法律'] });
		d.assign('g1');
		d.assign('l2', { skills: ['法律'] });
		d.assign('g2');
		const events = d.release('g1');
		expect(events.map((e) => [e.type, e.conversationId])).toEqual([
			['released', 'g1'],
			['backfilled', 'g2'],
		]);
		expect(d.load().queue.map((q) => q.conversationId)).toEqual(['l2']);
	});

	it('an agent coming back online takes from the queue; closing a queued conversation cancels it', () => {
		const d = desk([{ id: 'a', status: 'offline' }]);
		d.assign('q1');
		d.assign('q2');
		expect(d.release('q2')[0]).toMatchObject({ type: 'cancelled' });
		const events = d.status('a', 'online');
		expect(events.map((e) => e.type)).toEqual(['status', 'backfilled']);
		expect(owner(d.state, 'q1')).toBe('a');
		expect(d.release('gone')[0].type).toBe('notFound');
	});

	it('a desk given no agents yet queues with a reason that says so; its first roster serves the queue', () => {
		const d = desk([]);
		expect(d.assign('c1')[0]).toMatchObject({
			type: 'queued',
			queue: { position: 1 },
			reason: expect.stringMatching(/^this desk has no agents yet: give it a roster/),
		});
		const roster = rosterOf(rosterFromJson([{ id: 'a' }]));
		ops.applyRoster(d.state, { roster, policy: policyWith(), now: T0 }, 'first');
		expect(
			ops
				.drainQueue(d.state, { roster, policy: policyWith(), now: T0 })
				.map((e) => [e.type, e.conversationId, e.agent?.id]),
		).toEqual([['backfilled', 'c1', 'a']]);
	});

	it('a roster change (more capacity) lets the queue through on the next operation', () => {
		const d = desk([{ id: 'a', capacity: 1 }]);
		d.assign('c1');
		d.assign('c2');
		const roster = rosterFromJson([{ id: 'a', capacity: 2 }]);
		ops.applyRoster(d.state, { roster: rosterOf(roster), policy: policyWith(), now: T0 }, 'r2');
		const events = ops.assign(
			d.state,
			{ roster: rosterOf(roster), policy: policyWith(), now: T0 },
			{
				conversationId: 'c3',
				lane: 'normal',
				skills: [],
				priority: 0,
				context: { customerUserId: 'u3' },
			},
		);
		expect(events.map((e) => [e.type, e.conversationId])).toEqual([
			['queued', 'c3'],
			['backfilled', 'c2'],
		]);
	});
});

describe('status, transfer, sweep', () => {
	it("going offline hands the agent's conversations on at once", () => {
		const d = desk([{ id: 'a' }, { id: 'b' }]);
		d.assign('c1', { preferAgent: 'a' });
		const events = d.status('a', 'offline');
		expect(events[1]).toMatchObject({
			type: 'reassigned',
			conversationId: 'c1',
			agent: { id: 'b' },
			previousAgent: { id: 'a' },
		});
		expect(events[1].reason).toMatch(/^agent went offline; least loaded/);
		d.check();
	});

	it('a roster status column change counts as a status change', () => {
		const d = desk([{ id: 'a' }]);
		d.status('a', 'away');
		ops.applyRoster(
			d.state,
			{ roster: rosterOf(rosterFromJson([{ id: 'a' }])), policy: policyWith(), now: T0 },
			'same-status-empty',
		);
		expect(d.state.agents.a.status).toBe('away');
		ops.applyRoster(
			d.state,
			{
				roster: rosterOf(rosterFromJson([{ id: 'a', status: '在线' }])),
				policy: policyWith(),
				now: T0,
			},
			'online-now',
		);
		expect(d.state.agents.a.status).toBe('online');
	});

	it('transfers to a named agent within capacity, from an agent or from the queue', () => {
		const d = desk([
			{ id: 'a', capacity: 1 },
			{ id: 'b', capacity: 1 },
		]);
		d.assign('c1');
		d.assign('c2');
		d.assign('c3');
		expect(() => d.transfer('c3', 'a')).toThrow(/has no free slot \(1\/1\)/);
		expect(() => d.transfer('c3', 'nobody')).toThrow(ops.DeskOperationError);
		d.release('c2');
		const c3owner = owner(d.state, 'c3');
		const other = c3owner === 'a' ? 'b' : 'a';
		d.release(
			d.state.agents[other].open
				? (Object.keys(d.state.open).find((k) => d.state.open[k].agent === other) as string)
				: 'none',
		);
		const [moved] = d.transfer('c3', other);
		expect(moved).toMatchObject({
			type: 'transferred',
			agent: { id: other },
			previousAgent: { id: c3owner },
		});
		d.check();
	});

	it('sweep: away past the grace time, offline, left the roster, and unanswered', () => {
		const policy = policyWith({
			awayGraceMinutes: 5,
			unansweredMinutes: 10,
			reassignOnOffline: false,
		});
		const d = desk(
			[
				{ id: 'a', capacity: 3 },
				{ id: 'b', capacity: 3 },
				{ id: 'c', capacity: 3 },
			],
			policy,
		);
		d.assign('x1', { preferAgent: 'a' });
		d.assign('x2', { preferAgent: 'b' });
		d.assign('x3', { preferAgent: 'c' });
		d.status('a', 'away');
		d.tick(3 * MIN);
		d.reply('x2');
		expect(d.sweep()).toEqual([]); // a is within the grace time; nobody waits 10 min yet
		d.tick(3 * MIN);
		const [awayMove] = d.sweep();
		expect(awayMove).toMatchObject({
			type: 'reassigned',
			conversationId: 'x1',
			previousAgent: { id: 'a' },
		});
		expect(awayMove.reason).toMatch(/^agent away for 6 min/);
		d.tick(5 * MIN);
		// x3 was assigned 11 min ago without a reply; x2 was answered; x1 moved 5 min ago.
		const moves = d.sweep();
		expect(moves.map((m) => [m.conversationId, m.reason.split(';')[0]])).toEqual([
			['x3', 'no reply for 10 min'],
		]);
		d.check();
	});

	it("reports each agent's load and the queue", () => {
		const d = desk([{ id: 'a', name: '小王', capacity: 1 }]);
		d.assign('c1');
		d.assign('c2');
		d.tick(30_000);
		const load = d.load();
		expect(load.agents[0]).toMatchObject({
			id: 'a',
			name: '小王',
			status: 'online',
			open: 1,
			capacity: 1,
			free: 0,
			available: true,
		});
		expect(load).toMatchObject({ open: 1, queueLength: 1, longestWaitMs: 30_000 });
	});
});

describe('roster rows and working hours', () => {
	it('reads rows the way admins write them, and names the bad field and agent', () => {
		const [agent] = rosterFromJson(
			JSON.stringify({
				agents: [
					{
						agent_id: 7,
						agentName: '小王',
						skills: '法律，售后',
						max_open: '4',
						status: '忙碌',
						fast_lanes: 'Complaint',
					},
				],
			}),
		);
		expect(agent).toMatchObject({
			id: '7',
			name: '小王',
			skills: ['法律', '售后'],
			capacity: 4,
			status: 'busy',
			lanes: ['complaint'],
		});
		expect(() => rosterFromJson([{ name: 'x' }])).toThrow('agent 1: the field "id" is missing');
		expect(() => rosterFromJson([{ id: 'a', capacity: 'lots' }])).toThrow(
			'agent 1 ("a"): capacity "lots" must be a number ≥ 0',
		);
		expect(() => rosterFromJson([{ id: 'a', status: 'sleeping' }])).toThrow(
			/status "sleeping" is not one of/,
		);
		expect(() => rosterFromJson([{ id: 'a', working_hours: 'Mon-Fri 9-18' }])).toThrow(
			/agent 1 \("a"\): working hours "Mon-Fri 9-18" should look like/,
		);
		expect(() => rosterFromJson([{ id: 'a' }, { id: 'a' }])).toThrow(
			'agent id "a" appears twice in the roster',
		);
		expect(() => rosterFromJson('[{')).toThrow(/the agents JSON is not valid JSON/);
	});

	it('reads n8n Data Table rows: the row number in "id" is not the agent, "agent_id" is; empty cells keep the defaults', () => {
		const row = {
			id: 3,
			agent_id: 'xiaoli',
			name: '小李',
			skills: '法律',
			team: '法务',
			level: 3,
			capacity: 3,
			weight: 1,
			contact: 'https://example.com/hook/xiaoli',
			lanes: '',
			status: '',
			working_hours: null,
			createdAt: '2026-11-24T02:00:00.000Z',
			updatedAt: '2026-11-24T02:00:00.000Z',
		};
		const [agent] = rosterFromJson([row]);
		expect(agent).toEqual({
			id: 'xiaoli',
			name: '小李',
			skills: ['法律'],
			team: '法务',
			level: 3,
			capacity: 3,
			status: undefined,
			weight: 1,
			contact: 'https://example.com/hook/xiaoli',
			lanes: [],
			shift: undefined,
			workingHours: undefined,
		});
		expect(rosterFromJson([{ id: 4, agent_id: '', name: 'x' }])[0].id).toBe('4');
	});
});
