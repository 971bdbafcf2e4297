import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listOf } from '../shared/matching/rules/ruleRows';
import { DeskOperationError, type AssignRequest } from '../shared/routing/deskOperations';
import { agentFromRow, rosterFromJson, RosterError, type Agent } from '../shared/routing/roster';
import { DEFAULT_POLICY, policyWith, type LaneName, type Rung, type RoutingPolicy } from '../shared/routing/routingPolicy';

/** Maps the node's parameters for one item onto the routing engine's inputs. */

/** Same rows → same roster object, so the engine's per-roster caches hit across items. */
const rosterMemo = new Map<string, Agent[]>();

export function rosterFor(context: IExecuteFunctions, i: number): Agent[] | undefined {
	const source = context.getNodeParameter('rosterSource', i, 'ui') as string;
	if (source === 'saved') return undefined;
	const raw = source === 'json'
		? context.getNodeParameter('agentsJson', i, '[]')
		: (((context.getNodeParameter('agents', i, {}) as IDataObject).agent ?? []) as IDataObject[]).map((row) => ({ ...row, status: row.status || undefined }));
	const key = typeof raw === 'string' ? raw : JSON.stringify(raw);
	let roster = rosterMemo.get(key);
	if (!roster) {
		roster = source === 'json' ? rosterFromJson(raw) : (raw as IDataObject[]).map((row, index) => agentFromRow(row, index));
		if (roster.length === 0) throw new RosterError('the roster has no agents');
		if (rosterMemo.size > 50) rosterMemo.clear();
		rosterMemo.set(key, roster);
	}
	return roster;
}

const policyMemo = new Map<string, RoutingPolicy>();

export function policyFor(context: IExecuteFunctions, i: number): RoutingPolicy {
	const options = context.getNodeParameter('policy', i, {}) as IDataObject;
	const key = JSON.stringify(options);
	let policy = policyMemo.get(key);
	if (policy) return policy;
	const lane = (prefix: 'complaint' | 'urgent') => ({
		tags: options[`${prefix}Tags`] === undefined ? DEFAULT_POLICY.lanes[prefix].tags : listOf(options[`${prefix}Tags`]),
		team: String(options[`${prefix}Team`] ?? ''),
		minLevel: Number(options[`${prefix}MinLevel`] ?? 0),
		dedicatedOnly: options[`${prefix}DedicatedOnly`] === true,
		reservedSlots: Math.max(0, Math.floor(Number(options.reservedSlots ?? DEFAULT_POLICY.lanes[prefix].reservedSlots))),
	});
	const skillMap: Record<string, string> = {};
	for (const pair of listOf(options.skillMap)) {
		const [tag, skill] = pair.split(/[=＝:：]/).map((part) => part.trim());
		if (!tag || !skill) throw new RosterError(`Skill Map: "${pair}" should look like 退款=售后`);
		skillMap[tag] = skill;
	}
	policy = policyWith({
		strategy: (options.strategy as RoutingPolicy['strategy']) ?? DEFAULT_POLICY.strategy,
		ladder: String(options.ladder ?? DEFAULT_POLICY.ladder.join(',')).split(',') as Rung[],
		sticky: options.sticky !== false,
		stickyDays: Number(options.stickyDays ?? DEFAULT_POLICY.stickyDays),
		skillMap,
		awayGraceMinutes: Number(options.awayGraceMinutes ?? DEFAULT_POLICY.awayGraceMinutes),
		unansweredMinutes: Number(options.unansweredMinutes ?? 0),
		reassignOnOffline: options.reassignOnOffline !== false,
		timeZone: String(options.timeZone || DEFAULT_POLICY.timeZone),
		lanes: { complaint: lane('complaint'), urgent: lane('urgent') },
	});
	policyMemo.set(key, policy);
	return policy;
}

export function requiredParameter(context: IExecuteFunctions, name: string, label: string, i: number): string {
	const value = context.getNodeParameter(name, i, '') as unknown;
	if (value === undefined || value === null || String(value).trim() === '') {
		throw new DeskOperationError(`the field "${label}" is empty`, name);
	}
	return String(value).trim();
}

export function conversationIdFor(context: IExecuteFunctions, i: number): string {
	return requiredParameter(context, 'conversationId', 'Conversation ID', i);
}

/** Tags mapped to skill names; the engine keeps those some agent has. */
export function skillsFor(tags: string[], policy: RoutingPolicy): string[] {
	return [...new Set(tags.map((tag) => policy.skillMap[tag] ?? tag))];
}

function laneFor(choice: string, tags: string[], item: IDataObject, policy: RoutingPolicy): LaneName {
	if (choice !== 'auto') return choice as LaneName;
	if (tags.some((t) => policy.lanes.complaint.tags.includes(t))) return 'complaint';
	const route = (item.smartReply as IDataObject | undefined)?.route;
	if (route === 'urgent' || tags.some((t) => policy.lanes.urgent.tags.includes(t))) return 'urgent';
	return 'normal';
}

export function assignRequestFor(context: IExecuteFunctions, i: number, policy: RoutingPolicy): AssignRequest {
	const item = context.getInputData()[i].json;
	const conversationId = conversationIdFor(context, i);
	const tags = listOf(context.getNodeParameter('tags', i, []));
	const lane = laneFor(context.getNodeParameter('lane', i, 'auto') as string, tags, item, policy);
	const priority = Number(context.getNodeParameter('priority', i, 0)) || 0;
	const customerUserId = String(context.getNodeParameter('customerUserId', i, '') ?? '') || conversationId;
	const text = typeof item.text === 'string' ? item.text : '';
	return {
		conversationId,
		lane,
		skills: skillsFor(tags, policy),
		priority: (lane === 'normal' ? 0 : policy.lanes[lane].priority) + priority,
		context: {
			customerUserId,
			nickname: typeof item.nickname === 'string' ? item.nickname : undefined,
			// Enough for the agent's notification; the whole DM stays in the execution data.
			text: text.length > 200 ? `${text.slice(0, 200)}…` : text,
			messageId: typeof item.messageId === 'string' ? item.messageId : undefined,
			accountUserId: typeof item.accountUserId === 'string' ? item.accountUserId : undefined,
			thirdAccountId: typeof item.thirdAccountId === 'string' && item.thirdAccountId ? item.thirdAccountId : undefined,
		},
	};
}
