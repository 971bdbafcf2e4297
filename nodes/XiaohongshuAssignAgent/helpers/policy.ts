import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listOf } from '../../shared/listOf';
import { calendarFromOptions } from '../../shared/n8n';
import {
	DEFAULT_POLICY,
	policyWith,
	RosterError,
	type RoutingPolicy,
	type Rung,
} from '../../shared/assignAgent';

/** The Routing Options of one item as the engine's policy; same options → same policy object. */
const policyMemo = new Map<string, RoutingPolicy>();

export function policyFor(context: IExecuteFunctions, i: number): RoutingPolicy {
	const options = context.getNodeParameter('policy', i, {}) as IDataObject;
	const key = JSON.stringify(options);
	let policy = policyMemo.get(key);
	if (policy) return policy;
	const lane = (prefix: 'complaint' | 'urgent') => ({
		tags:
			options[`${prefix}Tags`] === undefined
				? DEFAULT_POLICY.lanes[prefix].tags
				: listOf(options[`${prefix}Tags`]),
		team: String(options[`${prefix}Team`] ?? ''),
		minLevel: Number(options[`${prefix}MinLevel`] ?? 0),
		dedicatedOnly: options[`${prefix}DedicatedOnly`] === true,
		reservedSlots: Math.max(
			0,
			Math.floor(Number(options.reservedSlots ?? DEFAULT_POLICY.lanes[prefix].reservedSlots)),
		),
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
		calendar: calendarFromOptions(options),
		lanes: { complaint: lane('complaint'), urgent: lane('urgent') },
	});
	policyMemo.set(key, policy);
	return policy;
}
