/**
 * Xiaohongshu Assign Agent version 2: the desk and the agents are pick lists. The list search
 * methods as the editor calls them (a fake ILoadOptionsFunctions over the embedded state store
 * the workflows below write), and the version-2 fixtures through n8n-core's WorkflowExecute.
 */
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { XiaohongshuAssignAgent } from '../../nodes/XiaohongshuAssignAgent/XiaohongshuAssignAgent.node';
import { loadFixture } from './fixtures';
import { runWorkflow, type WorkflowFixture } from './runWorkflow';

type Json = Record<string, any>;
type Out = { json: Json; pairedItem?: unknown };

let deskCount = 0;
const newDesk = () => `pick-${process.pid}-${Date.now()}-${deskCount++}`;
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

/** A fixture on a given desk; version-2 fixtures keep the desk's pick-list mode. */
function fixture(
	name: string,
	desk: string,
	edit: (params: Json, items: Json[]) => void = () => undefined,
): WorkflowFixture {
	const f = loadFixture(`assign-agent-${name}`);
	const params = f.nodes[1].parameters as Json;
	params.desk = typeof params.desk === 'object' ? { ...params.desk, value: desk } : desk;
	const items = JSON.parse(f.nodes[0].parameters.items as string) as Json[];
	edit(params, items);
	f.nodes[0].parameters.items = JSON.stringify(items);
	return f;
}

async function run(f: WorkflowFixture): Promise<{ assigned: Out[]; other: Out[]; error?: string }> {
	const { outputs, errors } = await runWorkflow(f, { credentials: {} });
	const [assigned = [], other = []] = outputs['Assign Agent'] ?? [];
	return { assigned, other, error: errors['Assign Agent'] };
}

/** The editor's load-options context, reduced to what list search uses. */
function editor(parameters: Record<string, unknown>): ILoadOptionsFunctions {
	return {
		getCurrentNodeParameter: (name: string) => parameters[name],
		getNode: () => ({
			id: 'n',
			name: 'Assign Agent',
			type: 'xiaohongshuAssignAgent',
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
		}),
		getCredentials: async () => {
			throw new Error('the embedded state store needs no credential');
		},
	} as unknown as ILoadOptionsFunctions;
}

const listSearch = new XiaohongshuAssignAgent().methods.listSearch;
const rosterRows = () => (loadFixture('assign-agent-assign').nodes[1].parameters as Json).agents;

describe('Assign Agent pick lists (version 2)', () => {
	it('lists the desks of the state store once they are used, filtered by what is typed', async () => {
		const desk = newDesk();
		expect((await listSearch.searchDesks.call(editor({}), desk)).results).toEqual([]);
		expect((await run(fixture('get-load', desk))).error).toBeUndefined();
		const { results } = await listSearch.searchDesks.call(editor({}));
		expect(results).toContainEqual({ name: desk, value: desk });
		const names = results.map((r) => String(r.value));
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect((await listSearch.searchDesks.call(editor({}), desk.toUpperCase())).results).toEqual([
			{ name: desk, value: desk },
		]);
		expect((await listSearch.searchDesks.call(editor({}), 'no-such-desk-xyz')).results).toEqual([]);
	});

	it('lists the agents listed in the node, by name, ID and team', async () => {
		const { results } = await listSearch.searchAgents.call(
			editor({ rosterSource: 'ui', agents: rosterRows() }),
		);
		expect(results).toEqual([
			{ name: '小王 (wang) · 客服一组', value: 'wang' },
			{ name: '小李 (li) · 法务', value: 'li' },
			{ name: '老张 (zhang) · 投诉组', value: 'zhang' },
		]);
		expect(
			(await listSearch.searchAgents.call(editor({ agents: rosterRows() }), '法务')).results.map(
				(r) => r.value,
			),
		).toEqual(['li']);
		expect(
			(await listSearch.searchAgents.call(editor({ agents: rosterRows() }), 'ZHANG')).results.map(
				(r) => r.value,
			),
		).toEqual(['zhang']);
		// A row the roster would refuse is left out, the others are listed.
		const rows = {
			agent: [
				{ id: 'a1', name: '', workingHours: 'weekdays 9-6' },
				{ id: 'a2' },
				{ id: '={{ $json.id }}' },
			],
		};
		expect(
			(await listSearch.searchAgents.call(editor({ rosterSource: 'ui', agents: rows }))).results,
		).toEqual([{ name: 'a2', value: 'a2' }]);
		expect((await listSearch.searchAgents.call(editor({ rosterSource: 'ui' }))).results).toEqual(
			[],
		);
	});

	it('lists the agents of JSON rows, else (an expression) the roster last given to the desk', async () => {
		const json = JSON.stringify([
			{ agent_id: 'x1', name: '阿一', team: '夜班' },
			{ agent_id: 'x2' },
		]);
		expect(
			(await listSearch.searchAgents.call(editor({ rosterSource: 'json', agentsJson: json })))
				.results,
		).toEqual([
			{ name: '阿一 (x1) · 夜班', value: 'x1' },
			{ name: 'x2', value: 'x2' },
		]);
		const desk = newDesk();
		await run(fixture('get-load', desk));
		const expression = "={{ $('Agents').all().map(item => item.json) }}";
		for (const deskParameter of [desk, rl('list', desk), rl('name', desk)]) {
			const { results } = await listSearch.searchAgents.call(
				editor({ rosterSource: 'json', agentsJson: expression, desk: deskParameter }),
			);
			expect(results.map((r) => r.value)).toEqual(['wang', 'li']);
		}
		expect(
			(
				await listSearch.searchAgents.call(
					editor({ rosterSource: 'saved', desk: rl('name', desk) }),
					'小王',
				)
			).results,
		).toEqual([{ name: '小王 (wang)', value: 'wang' }]);
		// A desk nobody gave agents, or one named by an expression: nothing to list.
		expect(
			(
				await listSearch.searchAgents.call(
					editor({ rosterSource: 'saved', desk: rl('name', newDesk()) }),
				)
			).results,
		).toEqual([]);
		expect(
			(
				await listSearch.searchAgents.call(
					editor({ rosterSource: 'saved', desk: rl('name', '={{ $json.desk }}') }),
				)
			).results,
		).toEqual([]);
	});
});

describe('Assign Agent version 2 fixtures', () => {
	it('Set Status with the desk and the agent picked from lists works as version 1', async () => {
		const outcomes = [];
		for (const name of ['set-status', 'set-status-v2']) {
			const desk = newDesk();
			await run(fixture('assign', desk, (_, items) => items.splice(4)));
			outcomes.push(await run(fixture(name, desk)));
		}
		const [v1, v2] = outcomes;
		expect(v2.error).toBeUndefined();
		expect(v2.other.map((i) => i.json.assignment.type)).toEqual(['status', 'queued']);
		expect(v2.other[0].json.assignment).toMatchObject({ status: 'offline', agent: { id: 'li' } });
		expect(v2.other[1].json).toMatchObject({
			conversationId: 'biz_001:cust_a1',
			assignment: { previousAgent: { id: 'li' } },
		});
		expect(
			v2.other.map((i) => [
				i.json.conversationId,
				i.json.assignment.type,
				i.json.assignment.agent?.id ?? i.json.assignment.previousAgent?.id,
				i.pairedItem,
			]),
		).toEqual(
			v1.other.map((i) => [
				i.json.conversationId,
				i.json.assignment.type,
				i.json.assignment.agent?.id ?? i.json.assignment.previousAgent?.id,
				i.pairedItem,
			]),
		);
		expect(v2.assigned).toEqual([]);
	});

	it('Set Status with an agent ID that comes out empty fails as version 1 does', async () => {
		const f = fixture(
			'set-status-v2',
			newDesk(),
			(params) => (params.agentId = rl('id', '={{ $json.nobody }}')),
		);
		expect((await run(f)).error).toMatch(
			/^Item 0: the field "Agent ID" is empty \(field "agentId"\)/,
		);
	});

	it('Transfer to an agent given by ID (an expression) on a desk given by name', async () => {
		const desk = newDesk();
		await run(fixture('assign', desk, (_, items) => items.splice(0, items.length, items[2])));
		const { assigned, error } = await run(fixture('transfer-v2', desk));
		expect(error).toBeUndefined();
		expect(assigned[0].json.assignment).toMatchObject({
			type: 'transferred',
			agent: { id: 'li' },
			previousAgent: { id: 'wang' },
			reason: 'transferred by hand from 小王',
		});
		expect(assigned[0].pairedItem).toEqual({ item: 0 });
		const full = await run(
			fixture('transfer-v2', desk, (_, items) => (items[0].conversationId = 'biz_001:cust_a4')),
		);
		expect(full.error).toMatch(/^Item 0: 小李 has no free slot \(1\/1\) \(field "toAgent"\)/);
	});
});
