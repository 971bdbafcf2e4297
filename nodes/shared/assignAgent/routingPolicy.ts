import { NO_CALENDAR, type WorkCalendar } from '../hours';

/**
 * How a desk chooses agents. Everything has a default, so a node with no options set already
 * routes sensibly: least loaded, skill → anyone, sticky, complaints and urgent orders first.
 */
export type Strategy = 'leastLoaded' | 'roundRobin' | 'weighted';
export type Rung = 'skill' | 'team' | 'anyone';
export type LaneName = 'normal' | 'urgent' | 'complaint';

export interface LanePolicy {
	/** Tags (from the keyword node) that put a conversation in this lane. */
	tags: string[];
	/** Agents of this team, or with the lane in their "lanes" column, are tried first. */
	team: string;
	/** Agents below this level are not given the lane's conversations. */
	minLevel: number;
	/** Slots above an agent's normal capacity that only this lane may use. */
	reservedSlots: number;
	/** Queue priority (higher waits less). */
	priority: number;
	/** Only the dedicated team (and minimum level) may take the lane's conversations. */
	dedicatedOnly: boolean;
}

export interface RoutingPolicy {
	strategy: Strategy;
	/** Tried in order until one has a free agent. */
	ladder: Rung[];
	sticky: boolean;
	stickyDays: number;
	/** tag → skill, for tags that do not name a skill themselves. */
	skillMap: Record<string, string>;
	lanes: { complaint: LanePolicy; urgent: LanePolicy };
	/** Sweep: an agent away this long gives up their conversations (0: at once). */
	awayGraceMinutes: number;
	/** Sweep: a conversation nobody answered within this many minutes moves on (0: never). */
	unansweredMinutes: number;
	/** Set Status offline hands the agent's conversations on at once. */
	reassignOnOffline: boolean;
	/** Time zone of the agents' working hours. */
	timeZone: string;
	/** Days off and make-up working days of the agents' working hours. */
	calendar: WorkCalendar;
}

export const DEFAULT_POLICY: RoutingPolicy = {
	strategy: 'leastLoaded',
	ladder: ['skill', 'anyone'],
	sticky: true,
	stickyDays: 30,
	skillMap: {},
	lanes: {
		complaint: {
			tags: ['投诉', 'complaint'],
			team: '',
			minLevel: 0,
			reservedSlots: 1,
			priority: 20,
			dedicatedOnly: false,
		},
		urgent: {
			tags: ['加急', 'urgent'],
			team: '',
			minLevel: 0,
			reservedSlots: 1,
			priority: 10,
			dedicatedOnly: false,
		},
	},
	awayGraceMinutes: 5,
	unansweredMinutes: 0,
	reassignOnOffline: true,
	timeZone: 'Asia/Shanghai',
	calendar: NO_CALENDAR,
};

export function policyWith(
	overrides: Partial<Omit<RoutingPolicy, 'lanes'>> & {
		lanes?: { complaint?: Partial<LanePolicy>; urgent?: Partial<LanePolicy> };
	} = {},
): RoutingPolicy {
	const { lanes, ...rest } = overrides;
	return {
		...DEFAULT_POLICY,
		...rest,
		lanes: {
			complaint: { ...DEFAULT_POLICY.lanes.complaint, ...(lanes?.complaint ?? {}) },
			urgent: { ...DEFAULT_POLICY.lanes.urgent, ...(lanes?.urgent ?? {}) },
		},
	};
}
