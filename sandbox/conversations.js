// @ts-check
'use strict';
// Conversations per (business, customer) pair, with the reply window and quota of spec §6/§7:
// the window opens at the timestamp of the customer's last message and closes exactly
// windowHours later; each new customer message resets the quota. Human (source 2) messages
// neither open a window nor count; only successful API sends (source 3) count.

/**
 * @typedef {{message_id: string, message_source: number, direction: 'in'|'out', api: boolean,
 *   from_user_id: string, to_user_id: string, message_type: string, content: unknown,
 *   timestamp: number, at: string, request_id?: string}} ConvMessage
 * @typedef {{conversation_key: string, business_user_id: string, customer_user_id: string,
 *   messages: ConvMessage[], windowOpenedAt: number|null, quotaUsed: number,
 *   profile: {nickname: string, avatar: string}}} Conversation
 * @typedef {import('./core').Ctx} Ctx
 */

/** @param {Ctx} ctx */
function createConversations(ctx) {
	const { opts, clock } = ctx;
	/** @type {Map<string, Conversation>} */
	const byKey = new Map();
	const windowMs = () => opts.windowHours * 3600 * 1000;

	/** @param {string} businessId @param {string} customerId @returns {Conversation} */
	function get(businessId, customerId) {
		const key = `${businessId}:${customerId}`;
		let conv = byKey.get(key);
		if (!conv) {
			conv = {
				conversation_key: key,
				business_user_id: businessId,
				customer_user_id: customerId,
				messages: [],
				windowOpenedAt: null,
				quotaUsed: 0,
				profile: {
					nickname: `顾客_${customerId}`,
					avatar: `https://sandbox.invalid/avatar/${customerId}.png`,
				},
			};
			byKey.set(key, conv);
		}
		return conv;
	}

	/** @param {Conversation} conv */
	function windowState(conv) {
		const now = clock.now();
		const opened = conv.windowOpenedAt;
		const closesAt = opened === null ? null : opened + windowMs();
		const open = closesAt !== null && now < closesAt;
		return {
			open,
			opened_at: opened,
			closes_at: closesAt,
			quota: opts.quota,
			used: conv.quotaUsed,
			remaining: open ? Math.max(0, opts.quota - conv.quotaUsed) : 0,
		};
	}

	/**
	 * Records a message event of any source in its conversation.
	 * @param {Record<string, any>} ev a normalized message event
	 * @param {{api?: boolean, request_id?: string}} [extra]
	 */
	function record(ev, extra = {}) {
		const inbound = ev.message_source === 1;
		const businessId = inbound ? ev.to_user_id : ev.from_user_id;
		const customerId = inbound ? ev.from_user_id : ev.to_user_id;
		const conv = get(businessId, customerId);
		/** @type {ConvMessage} */
		const msg = {
			message_id: ev.message_id,
			message_source: ev.message_source,
			direction: inbound ? 'in' : 'out',
			api: !!extra.api,
			from_user_id: ev.from_user_id,
			to_user_id: ev.to_user_id,
			message_type: ev.message_type,
			content: ev.content,
			timestamp: ev.timestamp,
			at: new Date(ev.timestamp).toISOString(),
		};
		if (extra.request_id) msg.request_id = extra.request_id;
		conv.messages.push(msg);
		if (inbound) {
			conv.windowOpenedAt = ev.timestamp;
			conv.quotaUsed = 0;
			if (ev.user_info && typeof ev.user_info === 'object')
				conv.profile = { ...conv.profile, ...ev.user_info };
		}
		if (extra.api) conv.quotaUsed++;
		return conv;
	}

	/** @param {string} businessId @param {string} customerId */
	function find(businessId, customerId) {
		return byKey.get(`${businessId}:${customerId}`);
	}

	/** @param {Conversation} conv */
	function view(conv) {
		return {
			conversation_key: conv.conversation_key,
			business_user_id: conv.business_user_id,
			customer_user_id: conv.customer_user_id,
			profile: conv.profile,
			window: windowState(conv),
			messages: conv.messages,
		};
	}

	function list() {
		return [...byKey.values()].map((c) => ({
			conversation_key: c.conversation_key,
			customer_user_id: c.customer_user_id,
			business_user_id: c.business_user_id,
			profile: c.profile,
			messages: c.messages.length,
			last_message: c.messages.at(-1) ?? null,
			window: windowState(c),
		}));
	}

	return { get, find, record, windowState, view, list, clear: () => byKey.clear() };
}

module.exports = { createConversations };
