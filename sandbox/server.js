// @ts-check
'use strict';
// createSandbox(): the Xiaohongshu DM emulator on one HTTP port: the platform API under /api/open/,
// the binding page at /api/leona/three/im/account/add and the control API under /sandbox/.
// See README.md.
const http = require('node:http');
const { createCore } = require('./core');
const { handleApi } = require('./api');
const { ARK_PATH, handleArk } = require('./ark');
const { handleControl } = require('./control-api');
const { BIND_PAGE_PATH, handleBindPage } = require('./binding');
const { readBody, sendJson } = require('./http-util');
const { handleLlm, LLM_PREFIX } = require('./llm');

/**
 * @param {Partial<import('./config').SandboxOptions>} [options]
 */
async function createSandbox(options = {}) {
	const core = createCore(options);
	const { opts } = core.ctx;

	const server = http.createServer(async (req, res) => {
		let rawBody = '';
		try {
			rawBody = await readBody(req);
		} catch (e) {
			return sendJson(res, 413, { error: e.message });
		}
		const url = new URL(req.url ?? '/', 'http://sandbox.local');
		try {
			if (url.pathname === '/sandbox' || url.pathname.startsWith('/sandbox/'))
				await handleControl(core, req, res, url, rawBody);
			else if (url.pathname === ARK_PATH) await handleArk(core, req, res, rawBody);
			else if (url.pathname.startsWith(`${LLM_PREFIX}/`))
				await handleLlm(core, req, res, url.pathname, rawBody);
			// a web page of the platform, not an API call: no Access-Token, no envelope, no API faults
			else if (url.pathname === BIND_PAGE_PATH) handleBindPage(core, req, res, url);
			else await handleApi(core, req, res, url.pathname, rawBody);
		} catch (e) {
			core.ctx.log(`sandbox bug: ${e.stack ?? e}`);
			sendJson(res, 500, { error: String(e.message ?? e) });
		}
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, opts.host, () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	const url = `http://${hostForUrl === '0.0.0.0' ? '127.0.0.1' : hostForUrl}:${address.port}`;
	core.setBaseUrl(url);

	let closed = false;
	async function close() {
		if (closed) return;
		closed = true;
		core.close();
		await new Promise((resolve) => {
			server.close(() => resolve(undefined));
			server.closeAllConnections();
		});
	}

	return {
		url,
		port: address.port,
		close,
		/** fresh, valid credential values (same as GET /sandbox/app) */
		get app() {
			return core.appInfo();
		},
		options: opts,
		/** EventEmitter: 'sent' (an accepted API send, as in GET /sandbox/sent). */
		events: core.ctx.events,
		server,
		issueAuthCode: () => core.auth.issueAuthCode(),
		issueRefreshToken: () => core.auth.issueChain(),
		/** @param {string|null} u */
		setWebhook: (u) => core.setWebhook(u),
		getWebhook: () => core.getWebhook(),
		/** the agent view's assist URL and the headers sent with it (same as POST / GET /sandbox/assist-url); null clears it */
		setAssistUrl: (
			/** @type {string|null} */ u,
			/** @type {Record<string, string>|undefined} */ headers,
		) => core.assist.setUrl(u, headers),
		getAssistUrl: () => core.assist.get(),
		/** Same as POST /sandbox/assist: {status, body}. */
		assist: (/** @type {import('./assist').AssistInput} */ input) => core.assist.suggest(input),
		/** n8n's base URL for closing conversations (same as POST / GET /sandbox/desk-url); null clears it */
		setDeskUrl: (
			/** @type {string|null} */ u,
			/** @type {Record<string, string>|undefined} */ headers,
		) => core.desk.setUrl(u, headers),
		getDeskUrl: () => core.desk.get(),
		/** Same as POST /sandbox/desk/close: {status, body}. */
		closeConversation: (/** @type {import('./desk').CloseInput} */ input) => core.desk.close(input),
		/** Same as POST /sandbox/customers/:id/messages; `done` resolves when the delivery sequence ends. */
		customerMessage: core.customerMessage,
		/** Same as POST /sandbox/events; `done` resolves when the delivery sequence ends. */
		pushEvent: core.pushEvent,
		/** Same as POST /sandbox/verify: r2 pushes {"test": true}, r1 the verify_webhook challenge. */
		verifyWebhook: (/** @type {{challenge?: string}|undefined} */ input) =>
			core.verifyWebhook(input),
		/** Same as GET /sandbox/revision: {revision, signature_mode, signature_mode_follows_revision}. */
		revision: core.revision,
		/**
		 * Same as POST /sandbox/revision: 'r1' | 'r2', or {revision?, signature_mode?}.
		 * @param {string|{revision?: string, signature_mode?: string|null}} r
		 */
		setEncryptionKey: (/** @type {string} */ key) => core.setEncryptionKey(key),
		setRevision: (r) => core.setRevision(typeof r === 'string' ? { revision: r } : r),
		/** 'none' | 'body-hmac' | 'timestamp-hmac', or null to follow the revision again. */
		setSignatureMode: (/** @type {string|null} */ mode) =>
			core.setRevision({ signature_mode: mode }),
		/** Same as GET /sandbox/accounts: {bound, free, bind_page}. */
		accounts: core.accounts,
		conversation: core.conversation,
		/** ark orders: same as POST /sandbox/ark/orders, and the orders (of one customer), newest first */
		addArkOrder: (/** @type {Record<string, any>} */ input) => core.ark.addOrder(input),
		arkOrders: (/** @type {string|undefined} */ customerId) => core.ark.list(customerId),
		conversations: core.conversations,
		sent: core.sent,
		deliveries: core.deliveries,
		stats: core.stats,
		faults: core.faults,
		setFaults: core.setFaults,
		/** @param {number} ms */
		advanceClock: (ms) => core.advanceClock(ms),
		/** @param {boolean} [on] */
		freezeClock: (on = true) => core.freezeClock(on),
		clock: core.clock,
		now: () => core.ctx.clock.now(),
		reset: core.reset,
		core,
	};
}

/** @typedef {Awaited<ReturnType<typeof createSandbox>>} Sandbox */

module.exports = { createSandbox };
