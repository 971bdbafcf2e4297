// @ts-check
'use strict';
// Agent assist for the agent view (GET /sandbox/agent): the sandbox forwards "what should the
// agent answer?" to a configured URL (the n8n webhook of workflows/kb-agent-assist.json), so the
// page never talks to n8n itself (no CORS). The URL comes from the `assistUrl` option (the CLI
// takes --assist-url or $XHS_SANDBOX_ASSIST_URL) or POST /sandbox/assist-url.

/**
 * @typedef {import('./core').Ctx} Ctx
 * @typedef {{status: number, body: unknown}} AssistAnswer
 * @typedef {{text?: unknown, nickname?: unknown, customerUserId?: unknown, customer_user_id?: unknown,
 *   business_user_id?: unknown, businessUserId?: unknown, conversationId?: unknown}} AssistInput
 */

const BODY_CAP = 2000;

/** @param {unknown} url @returns {string} a normalized http(s) URL */
function checkUrl(url) {
	if (typeof url !== 'string' || !url.trim()) throw new Error('url is required');
	let parsed;
	try {
		parsed = new URL(url.trim());
	} catch {
		throw new Error(`not a URL: ${url}`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`not an http(s) URL: ${url}`);
	return parsed.href;
}

/**
 * @param {Ctx} ctx
 * @param {(customerId: string, businessId?: string) => {conversation_key: string, profile: {nickname?: string}|null,
 *   messages: Array<{message_id: string, message_source: number, message_type: string, content: unknown}>}} conversation
 */
function createAssist(ctx, conversation) {
	const { opts } = ctx;
	let url = opts.assistUrl ? checkUrl(opts.assistUrl) : undefined;
	/** @type {Set<AbortController>} */
	const inflight = new Set();

	/** @param {unknown} value */
	function setUrl(value) {
		url = value == null || value === '' ? undefined : checkUrl(value);
		ctx.log(`assist URL ${url ?? '(none)'}`);
		return { url: url ?? null };
	}

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
		if (!url) return { status: 503, body: { error: 'no assist URL configured' } };
		const { request, message } = requestFor(input);
		if (!request.text) {
			const error = message
				? `the customer's latest message is ${message.message_type}, not text`
				: 'no text: give text, or a customerUserId whose conversation has a customer message';
			return { status: 400, body: { error } };
		}
		const messageId = message?.message_id;
		const target = url;
		const controller = new AbortController();
		inflight.add(controller);
		const timer = setTimeout(() => controller.abort(new Error('timeout')), opts.assistTimeoutMs);
		const started = Date.now();
		const who = request.customerUserId ?? '-';
		try {
			const res = await fetch(target, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body: JSON.stringify(request),
				signal: controller.signal,
			});
			const raw = await res.text();
			const ms = Date.now() - started;
			ctx.log(`assist ${who}${messageId ? ` ${messageId}` : ''} → ${res.status} (${ms} ms)`);
			if (!res.ok) return { status: 502, body: { error: `the assist URL answered HTTP ${res.status}`, status: res.status, body: raw.slice(0, BODY_CAP) } };
			let body;
			try {
				body = JSON.parse(raw);
			} catch {
				return { status: 502, body: { error: 'the assist URL did not answer JSON', status: res.status, body: raw.slice(0, BODY_CAP) } };
			}
			return { status: 200, body };
		} catch (e) {
			const aborted = controller.signal.aborted ? String(controller.signal.reason?.message) : undefined;
			const why = aborted ?? e.cause?.code ?? e.cause?.message ?? e.message;
			ctx.log(`assist ${who} FAILED: ${why}`);
			if (aborted === 'timeout') return { status: 504, body: { error: `the assist URL did not answer within ${opts.assistTimeoutMs} ms` } };
			if (aborted) return { status: 502, body: { error: `asking the assist URL was cut short: ${aborted}` } };
			return { status: 502, body: { error: `cannot reach the assist URL: ${why}` } };
		} finally {
			clearTimeout(timer);
			inflight.delete(controller);
		}
	}

	return {
		get: () => ({ url: url ?? null }),
		setUrl,
		requestFor,
		suggest,
		/** aborts the forwards in flight (on close) */
		cancelAll() {
			for (const c of inflight) c.abort(new Error('sandbox closed'));
			inflight.clear();
		},
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
