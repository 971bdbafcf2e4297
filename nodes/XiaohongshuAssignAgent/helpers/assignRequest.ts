import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listOf } from '../../shared/listOf';
import { itemFieldParameter } from '../../shared/n8n';
import type { AssignRequest, LaneName, RoutingPolicy } from '../../shared/assignAgent';
import { conversationIdFor } from './parameters';

/** What Assign and Transfer ask of the desk for one item: lane, skills, priority and the DM's context. */

/** Tags mapped to skill names; the engine keeps those some agent has. */
export function skillsFor(tags: string[], policy: RoutingPolicy): string[] {
	return [...new Set(tags.map((tag) => policy.skillMap[tag] ?? tag))];
}

function laneFor(
	choice: string,
	tags: string[],
	item: IDataObject,
	policy: RoutingPolicy,
): LaneName {
	if (choice !== 'auto') return choice as LaneName;
	if (tags.some((t) => policy.lanes.complaint.tags.includes(t))) return 'complaint';
	const route = (item.smartReply as IDataObject | undefined)?.route;
	if (route === 'urgent' || tags.some((t) => policy.lanes.urgent.tags.includes(t))) return 'urgent';
	return 'normal';
}

export function assignRequestFor(
	context: IExecuteFunctions,
	i: number,
	policy: RoutingPolicy,
): AssignRequest {
	const item = context.getInputData()[i].json;
	const conversationId = conversationIdFor(context, i);
	const tags = listOf(context.getNodeParameter('tags', i, []));
	const lane = laneFor(context.getNodeParameter('lane', i, 'auto') as string, tags, item, policy);
	const priority = Number(context.getNodeParameter('priority', i, 0)) || 0;
	const customerUserId =
		String(itemFieldParameter(context, 'customerUserId', i, '') ?? '') || conversationId;
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
			thirdAccountId:
				typeof item.thirdAccountId === 'string' && item.thirdAccountId
					? item.thirdAccountId
					: undefined,
		},
	};
}
