// @ts-check
'use strict';
// Agent assist for the agent view (GET /sandbox/agent): the sandbox forwards "what should the
// agent answer?" to a configured URL (the n8n webhook of workflows/kb-agent-assist.json), so the
// page never talks to n8n itself (no CORS). The URL comes from the `assistUrl` option (the CLI
// takes --assist-url or $XHS_SANDBOX_ASSIST_URL) or POST /sandbox/assist-url. That webhook is an
// admin webhook with n8n's Header Auth: the header (`assistHeaders`, --assist-header
// "Authorization: Bearer …", $XHS_SANDBOX_ASSIST_HEADER, or `headers` of POST
// /sandbox/assist-url) goes with every request. The forwarding itself (timeout, 502/503/504
// answers) is forward.js.
const { createForwarder, checkUrl } = require('./forward');

/**
 * @typedef {import('./core').Ctx} Ctx
 * @typedef {{status: number, body: unknown}} AssistAnswer
 * @typedef {{text?: unknown, nickname?: unknown, customerUserId?: unknown, customer_user_id?: unknown,
 *   business_user_id?: unknown, businessUserId?: unknown, conversationId?: unknown}} AssistInput
 */

/**
 * @param {Ctx} ctx
 * @param {(customerId: string, businessId?: string) => {conversation_key: string, profile: {nickname?: string}|null,
 *   messages: Array<{message_id: string, message_source: number, message_type: string, content: unknown}>}} conversation
 */
function createAssist(ctx, conversation) {
	const { opts } = ctx;
	const forwarder = createForwarder(ctx, {
		what: 'the assist URL',
		name: 'assist',
		url: opts.assistUrl,
		headers: opts.assistHeaders,
		timeoutMs: () => opts.assistTimeoutMs,
	});

	/**
	 * What the assist URL is asked: the given text, or the customer's latest message in the
	 * conversation, with the customer's nickname.
	 * @param {AssistInput} input
	 */
	function requestFor(input) {
		const customerId = str(input.customerUserId) ?? str(input.customer_user_id);
		const businessId = str(input.business_user_id) ?? str(input.businessUserId);
		let text = str(input.text);
		let nickname = str(input.nickname);
		let conversationId = str(input.conversationId);
		/** @type {{message_id: string, message_type: string}|undefined} */
		let message;
		if (customerId) {
			const conv = conversation(customerId, businessId);
			const last = conv.messages.filter((m) => m.message_source === 1).at(-1);
			if (text === undefined && last) {
				text = textOf(last.content);
				message = { message_id: last.message_id, message_type: last.message_type };
			}
			nickname ??= conv.profile?.nickname;
			conversationId ??= conv.conversation_key;
		}
		return { request: { text, nickname, customerUserId: customerId, conversationId }, message };
	}

	/**
	 * Forwards to the assist URL; always answers (an error is a JSON `{error}` with a status).
	 * @param {AssistInput} input
	 * @returns {Promise<AssistAnswer>}
	 */
	async function suggest(input) {
		if (!forwarder.current()) return forwarder.forward();
		const { request, message } = requestFor(input);
		if (!request.text) {
			const error = message
				? `the customer's latest message is ${message.message_type}, not text`
				: 'no text: give text, or a customerUserId whose conversation has a customer message';
			return { status: 400, body: { error } };
		}
		const label = `${request.customerUserId ?? '-'}${message ? ` ${message.message_id}` : ''}`;
		return forwarder.forward({ method: 'POST', body: request, label });
	}

	return {
		get: forwarder.get,
		setUrl: forwarder.setUrl,
		requestFor,
		suggest,
		/** aborts the forwards in flight (on close) */
		cancelAll: forwarder.cancelAll,
	};
}

/** @param {unknown} v */
function str(v) {
	return typeof v === 'string' && v.trim() ? v : undefined;
}

/** The words of a message; undefined for a message without text (an image, a card). @param {unknown} content */
function textOf(content) {
	if (typeof content === 'string') return str(content);
	return str(/** @type {Record<string, any>} */ (content ?? {}).text);
}

module.exports = { createAssist, checkUrl };
