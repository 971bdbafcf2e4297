// @ts-check
'use strict';
// The agent desk for the sandbox's pages: an agent closes a conversation from the agent view
// or the training page, and the sandbox does what that agent would do in n8n's agent-desk
// template (workflows/agent-desk.json). The agent's team chat notice about the conversation
// carries their close link, `结束会话：<n8n>/webhook/xhs-close?conversation=<id>&t=<token>`: a
// signed, single-use link only that agent can use (docs/agent-action-links.md). The sandbox
// cannot sign one; it takes the token of the latest such notice it received (sandbox/teamChat.js)
// and posts it as the link's confirmation button does, `POST <n8n>/webhook/xhs-close` with
// {t}, to the desk URL it was given (never to an address read from a message). The template
// releases the agent's slot and sends the customer the CSAT survey. `conversation=` in a link is
// only a label the sandbox finds the notice by; n8n goes by the token alone.
// The desk URL is n8n's base URL: the `deskUrl` option (the CLI takes --desk-url or
// $XHS_SANDBOX_DESK_URL) or POST /sandbox/desk-url. The link webhooks check the team's browser
// login (n8n's Basic Auth, scripts/lib/reportPages.js): its header (`deskHeaders`, --desk-header
// "Authorization: Basic …", $XHS_SANDBOX_DESK_HEADER, or `headers` of POST /sandbox/desk-url)
// goes with every close, as a browser sends it once the agent has logged in.
const { createForwarder } = require('./forward');

/** The agent-desk template's close webhook, relative to n8n's base URL. */
const CLOSE_PATH = 'webhook/xhs-close';
/** The line of an agent's notice that carries the close link. */
const CLOSE_LINE = /结束会话：(\S+)/;

/**
 * @typedef {{customerUserId?: unknown, customer_user_id?: unknown, conversationId?: unknown,
 *   business_user_id?: unknown, businessUserId?: unknown}} CloseInput
 * @typedef {{id: number, text: string}} Notice
 */

/** @param {unknown} v */
function str(v) {
	return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/**
 * The close webhook of the desk at `base` (n8n behind a path prefix keeps its prefix).
 * @param {string} base
 */
function closeUrl(base) {
	return new URL(CLOSE_PATH, base.endsWith('/') ? base : `${base}/`).href;
}

/**
 * The agent-desk close link in a notice's text: {conversationId, token}, or undefined when the
 * notice has none (another template's link, e.g. the website chat's xhs-webchat-close, is not
 * one: that desk closes its own conversations).
 * @param {unknown} text
 * @returns {{conversationId: string | undefined, token: string} | undefined}
 */
function closeLinkOf(text) {
	const line = CLOSE_LINE.exec(String(text ?? ''));
	if (!line) return undefined;
	let url;
	try {
		url = new URL(line[1]);
	} catch {
		return undefined;
	}
	if (!url.pathname.endsWith(`/${CLOSE_PATH}`)) return undefined;
	const token = url.searchParams.get('t');
	if (!token) return undefined;
	return { conversationId: url.searchParams.get('conversation') ?? undefined, token };
}

/**
 * The token of the latest close link for `conversationId` among the notices (oldest first).
 * @param {Notice[]} notices @param {string} conversationId
 */
function latestCloseToken(notices, conversationId) {
	for (let k = notices.length - 1; k >= 0; k--) {
		const link = closeLinkOf(notices[k].text);
		if (link && link.conversationId === conversationId) return link.token;
	}
	return undefined;
}

const ENTITIES = /** @type {Record<string, string>} */ ({
	'&amp;': '&',
	'&lt;': '<',
	'&gt;': '>',
	'&quot;': '"',
	'&#39;': "'",
});

/**
 * What a link page says, as text: the words of its <main>, without markup.
 * @param {unknown} html
 */
function pageText(html) {
	const page = String(html ?? '');
	const main = /<main>([\s\S]*?)<\/main>/.exec(page);
	return (main ? main[1] : page)
		.replace(/<(style|script)[\s\S]*?<\/\1>/g, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e)
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * Why n8n refused a link: the code its refusal page names (`used`, `expired`, …).
 * @param {unknown} html
 */
function refusalOf(html) {
	return /<code>([a-z-]+)<\/code>/.exec(String(html ?? ''))?.[1];
}

/**
 * @param {import('./core').Ctx} ctx
 * @param {{list: () => Notice[]}} teamChat the notices agents received (sandbox/teamChat.js)
 */
function createDesk(ctx, teamChat) {
	const { opts } = ctx;
	const forwarder = createForwarder(ctx, {
		what: 'the desk URL',
		name: 'desk',
		url: opts.deskUrl,
		headers: opts.deskHeaders,
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
	 * Closes the conversation in n8n with its agent's close link: {status: 200, body:
	 * {conversationId, closed, text}} where `closed` is false when there was nothing to close (no
	 * agent was ever told about it, its link was used already, or the desk had it closed), with
	 * `refused: "used"` when n8n refused the used link. Any other refusal (an expired link, a link
	 * signed with an older secret, …) is an error answer, 502 {error, status: 403, refused}.
	 * @param {CloseInput} input
	 * @returns {Promise<import('./forward').Answer>}
	 */
	async function close(input) {
		const base = forwarder.current();
		if (!base) return forwarder.forward();
		const conversationId = conversationIdFor(input);
		if (!conversationId)
			return { status: 400, body: { error: 'customerUserId or conversationId is required' } };
		const token = latestCloseToken(teamChat.list(), conversationId);
		if (!token)
			return {
				status: 200,
				body: {
					conversationId,
					closed: false,
					text: 'No agent was sent a close link for this conversation (never assigned).',
				},
			};
		const answer = await forwarder.forward({
			method: 'POST',
			target: closeUrl(base),
			body: { t: token },
			parse: 'text',
			label: `close ${conversationId}`,
		});
		const failed = /** @type {{status?: number, body?: string}} */ (answer.body);
		if (answer.status === 502 && failed.status === 403) {
			const refused = refusalOf(failed.body);
			const text = pageText(failed.body);
			if (refused === 'used')
				return { status: 200, body: { conversationId, closed: false, refused, text } };
			return {
				status: 502,
				body: {
					error: `n8n refused the agent's close link: ${refused ?? text}`,
					status: 403,
					refused,
				},
			};
		}
		if (answer.status !== 200) return answer;
		const text = pageText(/** @type {{text: string}} */ (answer.body).text);
		// The template's pages: "已结束与 小雨 的会话。…" when it closed, "这个会话已经结束了。…" when the desk had nothing open.
		const closed = /已结束与/.test(text);
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

module.exports = { createDesk, closeUrl, closeLinkOf, latestCloseToken, pageText, CLOSE_PATH };
