import { listOf } from '../listOf';
import { outcomeOf } from '../outcome';
import { parseWorkingHours, type ShiftWindow } from '../hours';

/**
 * The agents as admins keep them: rows of an n8n Data Table, a sheet, a JSON field or the
 * node's own list. Columns may be snake_case or camelCase; lists may be arrays or text
 * separated by commas (, ，、|). Only `id` is required.
 */
export type AgentStatus = 'online' | 'busy' | 'away' | 'offline';

export interface Agent {
	id: string;
	name: string;
	skills: string[];
	team: string;
	/** Experience; fast lanes may ask for a minimum. */
	level: number;
	/** Most open conversations at once. */
	capacity: number;
	/** Status kept in the roster; a change of this column counts as a status change. */
	status?: AgentStatus;
	/** Share of new conversations under the weighted strategy. */
	weight: number;
	/** Where to notify the agent (a bot webhook, an @ id, a phone); passed through. */
	contact: string;
	/** Fast lanes this agent is dedicated to ("complaint", "urgent"). */
	lanes: string[];
	/** No shift means always on shift. */
	shift?: ShiftWindow[];
	workingHours?: string;
}

export class RosterError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RosterError';
	}
}

type Row = Record<string, unknown>;

function pick(row: Row, ...names: string[]): unknown {
	for (const name of names)
		if (row[name] !== undefined && row[name] !== null && row[name] !== '') return row[name];
	return undefined;
}

const STATUS_WORDS: Record<string, AgentStatus> = {
	online: 'online',
	在线: 'online',
	idle: 'online',
	available: 'online',
	空闲: 'online',
	busy: 'busy',
	忙碌: 'busy',
	忙: 'busy',
	away: 'away',
	离开: 'away',
	暂离: 'away',
	offline: 'offline',
	离线: 'offline',
	下线: 'offline',
};

export function statusOf(value: unknown, where: string): AgentStatus {
	const status = STATUS_WORDS[String(value).trim().toLowerCase()];
	if (!status)
		throw new RosterError(
			`${where}: status "${String(value)}" is not one of online, busy, away, offline`,
		);
	return status;
}

function numberIn(
	row: Row,
	where: string,
	field: string,
	names: string[],
	fallback: number,
	min: number,
): number {
	const raw = pick(row, ...names);
	if (raw === undefined) return fallback;
	const n = Number(raw);
	if (!Number.isFinite(n) || n < min)
		throw new RosterError(`${where}: ${field} "${String(raw)}" must be a number ≥ ${min}`);
	return n;
}

export function agentFromRow(row: Row, index: number): Agent {
	// An n8n Data Table row has an "id" of its own (the row number): "agent_id" comes first.
	const id = pick(row, 'agent_id', 'agentId', 'id', 'agent');
	const where = `agent ${index + 1}${id !== undefined ? ` ("${String(id)}")` : ''}`;
	if (id === undefined || typeof id === 'object')
		throw new RosterError(`${where}: the field "id" is missing`);
	const status = pick(row, 'status');
	const hours = pick(row, 'working_hours', 'workingHours', 'shift', 'hours');
	let shift: ShiftWindow[] | undefined;
	if (hours !== undefined) {
		const parsed = outcomeOf(() => parseWorkingHours(String(hours)));
		if (!parsed.ok) throw new RosterError(`${where}: ${parsed.error.message}`);
		shift = parsed.value;
	}
	return {
		id: String(id).trim(),
		name: String(pick(row, 'name', 'agent_name', 'agentName') ?? id).trim(),
		skills: listOf(pick(row, 'skills', 'skill', 'expertise')),
		team: String(pick(row, 'team', 'group') ?? '').trim(),
		level: numberIn(row, where, 'level', ['level', 'experience', 'seniority'], 1, 0),
		capacity: Math.floor(
			numberIn(
				row,
				where,
				'capacity',
				['capacity', 'max_open', 'maxOpen', 'max_conversations'],
				5,
				0,
			),
		),
		status: status === undefined ? undefined : statusOf(status, where),
		weight: numberIn(row, where, 'weight', ['weight'], 1, 0),
		contact: String(pick(row, 'contact', 'webhook', 'notify', 'mobile', 'email') ?? ''),
		lanes: listOf(pick(row, 'lanes', 'lane', 'fast_lanes', 'fastLanes')).map((l) =>
			l.toLowerCase(),
		),
		shift,
		workingHours: hours === undefined ? undefined : String(hours),
	};
}

/** Accepts an array of rows, a JSON string of one, or {agents: [...]}. Ids must be unique. */
export function rosterFromJson(input: unknown): Agent[] {
	let value = input;
	if (typeof value === 'string') {
		const text = value;
		const parsed = outcomeOf(() => (text.trim() ? (JSON.parse(text) as unknown) : []));
		if (!parsed.ok)
			throw new RosterError(`the agents JSON is not valid JSON (${parsed.error.message})`);
		value = parsed.value;
	}
	if (
		value &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		Array.isArray((value as Row).agents)
	) {
		value = (value as Row).agents;
	}
	if (!Array.isArray(value)) throw new RosterError('the agents must be an array of agent rows');
	const agents = value.map((row, i) => agentFromRow((row ?? {}) as Row, i));
	const seen = new Set<string>();
	for (const agent of agents) {
		if (seen.has(agent.id))
			throw new RosterError(`agent id "${agent.id}" appears twice in the roster`);
		seen.add(agent.id);
	}
	return agents;
}
