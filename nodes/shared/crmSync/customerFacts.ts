import { extractLeads, type LeadOptions, type Leads } from './leads';
import type { CustomerFacts } from './customerProfile';

/**
 * Reads what an item of this package's nodes tells about a customer: the canonical DM item of
 * the trigger, with the Keyword Reply node's `smartReply`, the Assign Agent node's
 * `assignment`, a CSAT `csat.score`, or a lead form (`event: "lead"`, fields in `content`).
 * Items from other channels only need `customerUserId`, `messageId` and `text`.
 */
type Item = Record<string, unknown>;

export class FactsError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'FactsError';
	}
}

const FORM_FIELDS = {
	phone: ['phone', 'mobile', 'phone_number', 'tel', '手机', '手机号', '电话'],
	wechat: ['wechat', 'wechat_id', 'weixin', 'wx', '微信', '微信号'],
	email: ['email', 'mail', '邮箱'],
	region: ['region', 'city', 'province', 'area', '地区', '城市', '省份', '所在地'],
	gender: ['gender', 'sex', '性别'],
	age: ['age', '年龄'],
} as const;

function field(record: Item, names: readonly string[]): string | undefined {
	for (const name of names) {
		const value = record[name];
		if (value !== undefined && value !== null && String(value).trim() !== '')
			return String(value).trim();
	}
	return undefined;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

/** A lead form's fields are stated facts; a DM's are found by the extractor. */
function formLeads(content: Item, options: LeadOptions): Leads {
	const leads: Leads = { phones: [], wechatIds: [], emails: [] };
	const phone = field(content, FORM_FIELDS.phone);
	if (phone) {
		const found = extractLeads(phone, options).phones;
		leads.phones.push(...(found.length ? found : [phone.replace(/\D/g, '')]));
	}
	const wechat = field(content, FORM_FIELDS.wechat);
	if (wechat) leads.wechatIds.push(wechat);
	const email = field(content, FORM_FIELDS.email);
	if (email) leads.emails.push(email.toLowerCase());
	const region = field(content, FORM_FIELDS.region);
	if (region) leads.region = region.replace(/[省市]$/, '');
	const gender = field(content, FORM_FIELDS.gender);
	if (gender && /^(男|male|m)$/i.test(gender)) leads.gender = 'male';
	if (gender && /^(女|female|f)$/i.test(gender)) leads.gender = 'female';
	const age = Number(field(content, FORM_FIELDS.age));
	if (Number.isInteger(age) && age > 0 && age < 120) leads.age = age;
	return leads;
}

function mergeLeads(a: Leads, b: Leads): Leads {
	return {
		phones: [...new Set([...a.phones, ...b.phones])],
		wechatIds: [...new Set([...a.wechatIds, ...b.wechatIds])],
		emails: [...new Set([...a.emails, ...b.emails])],
		region: b.region ?? a.region,
		gender: b.gender ?? a.gender,
		age: b.age ?? a.age,
	};
}

export function factsFromItem(item: Item, leadOptions: LeadOptions = {}): CustomerFacts {
	const xhsUserId = text(item.customerUserId) || text(item.xhsUserId) || text(item.from_user_id);
	if (!xhsUserId)
		throw new FactsError('the item has no customer id ("customerUserId")', 'customerUserId');
	const messageId = text(item.messageId) || text(item.message_id);
	if (!messageId)
		throw new FactsError(
			'the item has no message id ("messageId"): it is what makes a retry write nothing twice',
			'messageId',
		);
	const smartReply = (item.smartReply ?? {}) as Item;
	const assignment = (item.assignment ?? {}) as Item;
	const agent = (assignment.agent ?? undefined) as Item | undefined;
	const content = (item.content && typeof item.content === 'object' ? item.content : {}) as Item;
	const dmText = text(item.text);
	let leads = extractLeads(dmText, leadOptions);
	if (item.event === 'lead') leads = mergeLeads(leads, formLeads(content, leadOptions));
	const csatScore = Number((item.csat as Item | undefined)?.score ?? item.csatScore);
	const at = Number(item.timestampMs) || Date.parse(text(item.timestamp)) || Date.now();
	const faq = smartReply.faq as Item | null | undefined;
	return {
		messageId,
		xhsUserId,
		nickname: text(item.nickname) || undefined,
		avatar: text(item.avatar) || undefined,
		atMs: at,
		text: dmText,
		tags: Array.isArray(smartReply.tags)
			? (smartReply.tags as unknown[]).map(String)
			: Array.isArray(item.tags)
				? (item.tags as unknown[]).map(String)
				: [],
		intent: text(smartReply.rule) || (faq ? text(faq.id) : '') || undefined,
		agent:
			agent && typeof agent.id === 'string'
				? { id: agent.id, name: text(agent.name) || agent.id }
				: undefined,
		csat: Number.isInteger(csatScore) && csatScore >= 1 && csatScore <= 5 ? csatScore : undefined,
		leads,
	};
}
