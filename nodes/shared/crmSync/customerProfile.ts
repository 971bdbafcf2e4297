import type { Leads } from './leads';

/**
 * The customer as agents should see them: who, since when, how often, about what, with which
 * agent, how satisfied, and how to reach them. Built by merging one DM after another, so the
 * same DM merged twice (a redelivery, a replay after a CRM outage) changes nothing.
 */
export interface CustomerProfile {
	xhsUserId: string;
	nickname: string;
	avatar: string;
	firstContactAt: string;
	lastContactAt: string;
	messageCount: number;
	/** Tags from the keyword rules (价格, 投诉, 法律 …) with how often they came up. */
	topics: Record<string, number>;
	/** The rule or knowledge-base entry that answered, with counts. */
	intents: Record<string, number>;
	assignedAgent?: { id: string; name: string };
	/** The latest CSAT score (1–5) and the average of all. */
	satisfaction?: { last: number; average: number; count: number };
	phones: string[];
	wechatIds: string[];
	emails: string[];
	region?: string;
	gender?: 'male' | 'female';
	age?: number;
	lastMessage: string;
	/** From the shop's orders (Xiaohongshu ark), when the node looks them up. */
	purchases?: PurchaseSummary;
	/** The newest message ids merged (bounded), so a DM is never counted twice. */
	recentMessageIds: string[];
}

export interface PurchaseSummary {
	count: number;
	/** yuan */
	total: number;
	lastOrderAt: string | null;
	lastOrderId: string | null;
	lastStatus: string | null;
	checkedAt: string;
}

/** What one DM (or lead form, or CSAT answer) tells about its customer. */
export interface CustomerFacts {
	messageId: string;
	xhsUserId: string;
	nickname?: string;
	avatar?: string;
	atMs: number;
	text: string;
	tags: string[];
	intent?: string;
	agent?: { id: string; name: string };
	csat?: number;
	leads: Leads;
}

const REMEMBERED_IDS = 200;

function addAll(list: string[], more: string[]): string[] {
	const out = [...list];
	for (const value of more) if (!out.includes(value)) out.push(value);
	return out;
}

export function emptyProfile(xhsUserId: string, atMs: number): CustomerProfile {
	const at = new Date(atMs).toISOString();
	return {
		xhsUserId,
		nickname: '',
		avatar: '',
		firstContactAt: at,
		lastContactAt: at,
		messageCount: 0,
		topics: {},
		intents: {},
		phones: [],
		wechatIds: [],
		emails: [],
		lastMessage: '',
		recentMessageIds: [],
	};
}

export function alreadyMerged(profile: CustomerProfile | undefined, messageId: string): boolean {
	return profile?.recentMessageIds.includes(messageId) ?? false;
}

export function mergeProfile(
	existing: CustomerProfile | undefined,
	facts: CustomerFacts,
): CustomerProfile {
	const profile = existing ? structuredClone(existing) : emptyProfile(facts.xhsUserId, facts.atMs);
	if (alreadyMerged(profile, facts.messageId)) return profile;
	const at = new Date(facts.atMs).toISOString();
	if (at < profile.firstContactAt) profile.firstContactAt = at;
	const newest = at >= profile.lastContactAt;
	if (newest) {
		profile.lastContactAt = at;
		if (facts.text) profile.lastMessage = facts.text;
		// A customer may rename themselves; the newest name wins, an empty one never does.
		if (facts.nickname) profile.nickname = facts.nickname;
		if (facts.avatar) profile.avatar = facts.avatar;
		if (facts.agent) profile.assignedAgent = facts.agent;
	} else {
		profile.nickname ||= facts.nickname ?? '';
		profile.avatar ||= facts.avatar ?? '';
		profile.assignedAgent ??= facts.agent;
	}
	if (facts.text || facts.csat === undefined) profile.messageCount++;
	for (const tag of facts.tags) profile.topics[tag] = (profile.topics[tag] ?? 0) + 1;
	if (facts.intent) profile.intents[facts.intent] = (profile.intents[facts.intent] ?? 0) + 1;
	if (facts.csat !== undefined) {
		const previous = profile.satisfaction;
		const count = (previous?.count ?? 0) + 1;
		const average = ((previous?.average ?? 0) * (count - 1) + facts.csat) / count;
		profile.satisfaction = { last: facts.csat, average: Math.round(average * 100) / 100, count };
	}
	profile.phones = addAll(profile.phones, facts.leads.phones);
	profile.wechatIds = addAll(profile.wechatIds, facts.leads.wechatIds);
	profile.emails = addAll(profile.emails, facts.leads.emails);
	// Stated facts: the newest statement wins.
	if (facts.leads.region && (newest || !profile.region)) profile.region = facts.leads.region;
	if (facts.leads.gender && (newest || !profile.gender)) profile.gender = facts.leads.gender;
	if (facts.leads.age && (newest || !profile.age)) profile.age = facts.leads.age;
	profile.recentMessageIds = [...profile.recentMessageIds, facts.messageId].slice(-REMEMBERED_IDS);
	return profile;
}

function topList(counts: Record<string, number>, limit = 10): string {
	return Object.entries(counts)
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.slice(0, limit)
		.map(([name, count]) => `${name}(${count})`)
		.join(', ');
}

/**
 * The profile as flat columns: what a Data Table, a sheet or a CRM field mapping wants. Lists
 * become comma-separated text; nothing nested.
 */
export function profileRecord(profile: CustomerProfile): Record<string, string | number | null> {
	return {
		xhs_user_id: profile.xhsUserId,
		nickname: profile.nickname,
		avatar: profile.avatar,
		first_contact_at: profile.firstContactAt,
		last_contact_at: profile.lastContactAt,
		message_count: profile.messageCount,
		topics: topList(profile.topics),
		intents: topList(profile.intents),
		assigned_agent: profile.assignedAgent?.name ?? null,
		assigned_agent_id: profile.assignedAgent?.id ?? null,
		satisfaction_last: profile.satisfaction?.last ?? null,
		satisfaction_average: profile.satisfaction?.average ?? null,
		phone: profile.phones[0] ?? null,
		phones: profile.phones.join(', '),
		wechat_id: profile.wechatIds[0] ?? null,
		email: profile.emails[0] ?? null,
		region: profile.region ?? null,
		gender: profile.gender ?? null,
		age: profile.age ?? null,
		last_message: profile.lastMessage,
		purchase_count: profile.purchases?.count ?? null,
		purchase_total: profile.purchases?.total ?? null,
		last_order_at: profile.purchases?.lastOrderAt ?? null,
		last_order_status: profile.purchases?.lastStatus ?? null,
	};
}
