// The team's chat, as far as the sandbox needs it: Feishu and WeCom group bots that the
// workflows notify agents through. A notification is kept (text and raw body) so a trainer or a
// test can read what an agent would have seen. Answers the way each bot does on success.
'use strict';
const { createHash } = require('node:crypto');

/** @typedef {{id: number, channel: string, bot: string, text: string, body: unknown, at: string}} BotMessage */

/**
 * A WeCom robot's image message ({msgtype: "image", image: {base64, md5}}): the robot refuses an
 * image whose md5 does not match, so the sandbox does too, and keeps the picture to look at.
 * @param {Record<string, any>} body
 * @returns {{ image?: Buffer, error?: string }}
 */
function imageOf(body) {
	if (body?.msgtype !== 'image') return {};
	const b64 = body.image?.base64;
	if (typeof b64 !== 'string' || !b64) return { error: 'image.base64 is required' };
	const bytes = Buffer.from(b64, 'base64');
	if (createHash('md5').update(bytes).digest('hex') !== String(body.image?.md5 ?? '').toLowerCase())
		return { error: 'image.md5 does not match the image' };
	if (bytes.length > 2 * 1024 * 1024) return { error: 'image larger than 2 MB' };
	return { image: bytes };
}

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
			const { image, error } = imageOf(/** @type {Record<string, any>} */ (body));
			if (error) return { errcode: 40008, errmsg: `invalid image: ${error}` };
			const text = image ? `[image ${image.length} bytes]` : textOf(body);
			// The image is kept once, as bytes (GET /sandbox/bot/images/:id), not twice in the body.
			const kept = image
				? {
						msgtype: 'image',
						image: { md5: /** @type {any} */ (body).image.md5, bytes: image.length },
					}
				: body;
			const message = {
				id: nextId++,
				channel,
				bot,
				text,
				body: kept,
				at: new Date().toISOString(),
				...(image ? { image } : {}),
			};
			messages.push(message);
			if (messages.length > 1000) messages = messages.slice(-1000);
			return channel === 'wecom'
				? { errcode: 0, errmsg: 'ok' }
				: { code: 0, msg: 'success', data: {} };
		},
		/** @param {string} [bot] */
		list: (bot) =>
			(bot ? messages.filter((m) => m.bot === bot) : messages).map(({ image: _image, ...m }) =>
				_image ? { ...m, imageUrl: `/sandbox/bot/images/${m.id}` } : m,
			),
		/** @param {number} id */
		image: (id) => messages.find((m) => m.id === id)?.image,
		clear() {
			messages = [];
		},
	};
}

module.exports = { createTeamChat };
