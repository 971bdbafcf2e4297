// The team's chat, as far as the sandbox needs it: Feishu and WeCom group bots that the
// workflows notify agents through. A notification is kept (text and raw body) so a trainer or a
// test can read what an agent would have seen. Answers the way each bot does on success.
'use strict';

/** @typedef {{id: number, channel: string, bot: string, text: string, body: unknown, at: string}} BotMessage */

/** @param {unknown} body */
function textOf(body) {
	const b = /** @type {Record<string, any>} */ (body ?? {});
	// Feishu: {msg_type: "text", content: {text}}; WeCom: {msgtype: "text", text: {content}}
	// or {msgtype: "markdown", markdown: {content}}; anything else is kept as JSON.
	if (typeof b.content?.text === 'string') return b.content.text;
	if (typeof b.text?.content === 'string') return b.text.content;
	if (typeof b.markdown?.content === 'string') return b.markdown.content;
	return JSON.stringify(body);
}

function createTeamChat() {
	/** @type {BotMessage[]} */
	let messages = [];
	let nextId = 1;
	return {
		/** @param {string} channel "feishu" | "wecom" | other @param {string} bot @param {unknown} body */
		receive(channel, bot, body) {
			const message = { id: nextId++, channel, bot, text: textOf(body), body, at: new Date().toISOString() };
			messages.push(message);
			if (messages.length > 1000) messages = messages.slice(-1000);
			return channel === 'wecom' ? { errcode: 0, errmsg: 'ok' } : { code: 0, msg: 'success', data: {} };
		},
		/** @param {string} [bot] */
		list: (bot) => (bot ? messages.filter((m) => m.bot === bot) : messages.slice()),
		clear() {
			messages = [];
		},
	};
}

module.exports = { createTeamChat };
