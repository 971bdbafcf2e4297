// @ts-check
'use strict';
// The agent desk for the sandbox's pages: an agent closes a conversation from the agent view
// or the training page, and the sandbox forwards it to n8n's agent-desk template
// (workflows/agent-desk.json), whose webhook `GET <n8n>/webhook/xhs-close?conversation=<id>`
// releases the agent's slot and sends the customer the CSAT survey. The desk URL is n8n's base
// URL: the `deskUrl` option (the CLI takes --desk-url or $XHS_SANDBOX_DESK_URL) or
// POST /sandbox/desk-url.
const { createForwarder } = require('./forward');

/** The agent-desk template's close webhook, relative to n8n's base URL. */
const CLOSE_PATH = 'webhook/xhs-close';

/**
 * @typedef {{customerUserId?: unknown, customer_user_id?: unknown, conversationId?: unknown,
 *   business_user_id?: unknown, businessUserId?: unknown}} CloseInput
 */

/** @param {unknown} v */
function str(v) {
	return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/**
 * The close webhook of the desk at `base` (n8n behind a path prefix keeps its prefix).
 * @param {string} base @param {string} conversationId
 */
function closeUrl(base, conversationId) {
	const url = new URL(CLOSE_PATH, base.endsWith('/') ? base : `${base}/`);
	// encoded as the template's own close link encodes it (encodeURIComponent, a space is %20)
	url.search = `conversation=${encodeURIComponent(conversationId)}`;
	return url.href;
}

/** @param {import('./core').Ctx} ctx */
function createDesk(ctx) {
	const { opts } = ctx;
	const forwarder = createForwarder(ctx, {
		what: 'the desk URL',
		name: 'desk',
		url: opts.deskUrl,
		timeoutMs: () => opts.deskTimeoutMs,
	});

	/**
	 * The conversation id the Xiaohongshu Trigger gives a DM (`<business user id>:<customer id>`,
	 * like the sandbox's conversation_key): given, or made from the customer and the business.
	 * @param {CloseInput} input
	 */
	function conversationIdFor(input) {
		const given = str(input.conversationId);
		if (given) return given;
		const customer = str(input.customerUserId) ?? str(input.customer_user_id);
		if (!customer) return undefined;
		return `${str(input.business_user_id) ?? str(input.businessUserId) ?? opts.businessUserId}:${customer}`;
	}

	/**
	 * Closes the conversation in n8n: {status: 200, body: {conversationId, closed, text}} where
	 * `closed` is false when the desk had nothing open (already closed, or never assigned).
	 * @param {CloseInput} input
	 * @returns {Promise<import('./forward').Answer>}
	 */
	async function close(input) {
		const base = forwarder.current();
		if (!base) return forwarder.forward();
		const conversationId = conversationIdFor(input);
		if (!conversationId)
			return { status: 400, body: { error: 'customerUserId or conversationId is required' } };
		const answer = await forwarder.forward({
			method: 'GET',
			target: closeUrl(base, conversationId),
			parse: 'text',
			label: `close ${conversationId}`,
		});
		if (answer.status !== 200) return answer;
		const text = String(/** @type {{text: string}} */ (answer.body).text).trim();
		// The template answers "会话已结束 ✅ … Conversation closed." or "这个会话已经结束或不存在。Nothing to close."
		const closed = /会话已结束|conversation closed/i.test(text) && !/nothing to close/i.test(text);
		return { status: 200, body: { conversationId, closed, text } };
	}

	return {
		get: forwarder.get,
		setUrl: forwarder.setUrl,
		conversationIdFor,
		close,
		cancelAll: forwarder.cancelAll,
	};
}

module.exports = { createDesk, closeUrl, CLOSE_PATH };
