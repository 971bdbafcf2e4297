import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { matchesFilter, stateStoreFor } from '../../shared/n8n';
import { outcomeOf } from '../../shared/outcome';
import {
	type Agent,
	agentFromRow,
	listDesks,
	rosterFromJson,
	savedRoster,
} from '../../shared/assignAgent';
import { listedRows } from '../helpers/roster';

/**
 * The pick lists of version 2: the desks the state store holds, and the agents of the roster
 * the node is configured with, filtered by what the user types. The editor gives the
 * parameters as typed: an expression cannot be read here.
 */
const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

/** A plain field's value or a pick list's (version 2). */
function textOf(value: unknown): string {
	const raw =
		value && typeof value === 'object' && 'value' in value ? (value as IDataObject).value : value;
	return String(raw ?? '').trim();
}

export async function searchDesks(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const desks = await listDesks(await stateStoreFor(this));
	return {
		results: desks
			.filter((desk) => matchesFilter(filter, desk))
			.map((desk) => ({ name: desk, value: desk })),
	};
}

/** The roster as the node would build it, else the one last given to its desk. */
async function rosterOf(context: ILoadOptionsFunctions): Promise<Agent[]> {
	const source = String(context.getCurrentNodeParameter('rosterSource') ?? 'ui');
	if (source === 'ui') {
		// Rows the roster would refuse (an expression, a bad working-hours text) are left out.
		return listedRows(context.getCurrentNodeParameter('agents')).flatMap((row, index) => {
			const agent = outcomeOf(() => agentFromRow(row, index));
			return agent.ok && !isExpression(agent.value.id) ? [agent.value] : [];
		});
	}
	if (source === 'json') {
		const json = context.getCurrentNodeParameter('agentsJson');
		const given = isExpression(json) ? undefined : outcomeOf(() => rosterFromJson(json));
		if (given?.ok) return given.value;
	}
	const desk = textOf(context.getCurrentNodeParameter('desk')) || 'default';
	if (isExpression(desk)) return [];
	return (await savedRoster(await stateStoreFor(context), desk)) ?? [];
}

export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const agents = await rosterOf(this);
	const results = agents
		.filter((agent) => matchesFilter(filter, agent.id, agent.name, agent.team))
		.map((agent) => {
			const team = agent.team ? ` · ${agent.team}` : '';
			return {
				name:
					agent.name && agent.name !== agent.id
						? `${agent.name} (${agent.id})${team}`
						: `${agent.id}${team}`,
				value: agent.id,
			};
		});
	return { results };
}
