// @ts-check
'use strict';
// The control API under /sandbox/ (plain JSON, no envelope): what tests and the CLI use to
// drive the emulator and look inside it.
const fs = require('node:fs/promises');
const { sendJson, sendRaw, sleep, tryParse, isObject } = require('./http-util');
const { pageFile } = require('./pages');
const { scenarioList } = require('./scenarios');

/** A non-JSON answer (an image, the agent view) from a control route. */
class RawBody {
	/** @param {Buffer} bytes @param {string} type */
	constructor(bytes, type) {
		this.bytes = bytes;
		this.type = type;
	}
}

/** @typedef {ReturnType<typeof import('./core').createCore>} Core */

const INDEX = [
	'GET    /sandbox/app',
	'POST   /sandbox/auth-code',
	'POST   /sandbox/refresh-token',
	'GET|POST|DELETE /sandbox/webhook {url}',
	'GET    /sandbox/customers',
	'GET|POST /sandbox/customers/:customerId/messages {text?, message_type?, content?, nickname?, avatar?, message_id?, timestamp?, business_user_id?, wait?}',
	"POST   /sandbox/events {event fields | {event: {...}}, wait?}  (revision-1 style input, pushed in the current revision's shape)",
	'POST   /sandbox/verify {challenge?, wait?}  (the URL check: r2 pushes {"test": true}, r1 the verify_webhook challenge)',
	'POST   /sandbox/key {encryption_key}  (the console issued a new key: pushes and sends use it from now on)',
	'GET|POST /sandbox/revision {revision?: "r1"|"r2", signature_mode?: "none"|"body-hmac"|"timestamp-hmac"|null}  (null: by revision)',
	'GET    /sandbox/accounts  (bound and free business accounts; bind_page: the binding page to open with a token)',
	'GET    /sandbox/sent',
	'GET    /sandbox/deliveries?message_id=&push_id=',
	'GET    /sandbox/stats',
	'GET|POST|DELETE /sandbox/faults',
	'GET|POST /sandbox/clock {advanceMs?, freeze?}',
	'POST   /sandbox/reset {webhook?, tokens?}',
	'POST   /sandbox/bot/:channel/:bot {Feishu or WeCom bot message}  (the team chat agents are notified in)',
	'GET    /sandbox/bot?bot=',
	'GET|POST|DELETE /sandbox/llm/script {answers: [{match?, pick?, confidence?, reason?, text?, status?, delayMs?, times?}]}  (what the OpenAI-compatible model at /llm/v1 answers; unscripted DMs get no entry; pick "$first": the closest entry shown)',
	'GET    /sandbox/llm/calls?dm=  (the model calls made: the DM, the entries shown, the answer)',
	'GET    /sandbox/bot/images/:id  (an image a WeCom robot message carried)',
	'POST   /sandbox/ark/orders {customer_id, items: [{sku_id?, name?, quantity?, price? (yuan)}], status?, created_at?, order_id?, remark?}  (an e-commerce order for the ark API)',
	'GET    /sandbox/ark/orders?customer_id=',
	'GET    /sandbox/agent  (the agent view: a web page with the conversations, a reply box and agent-assist suggestions)',
	'POST   /sandbox/assist {customerUserId, business_user_id?, text?, nickname?}  (forwards {text, nickname, customerUserId, conversationId} to the assist URL and answers its JSON; 503 when none is configured)',
	'GET|POST|DELETE /sandbox/assist-url {url, headers?}',
	'GET    /sandbox/training  (the training page: scripted customers, a customer chat window, a checklist and the agent view)',
	'GET    /sandbox/scenarios  (the training scenarios: customer, opening messages, what should happen)',
	"POST   /sandbox/desk/close {customerUserId | conversationId, business_user_id?}  (closes the conversation in n8n's agent desk with its agent's signed close link from the team chat: POST <desk URL>/webhook/xhs-close {t}; 503 when no desk URL is configured)",
	"GET|POST|DELETE /sandbox/desk-url {url, headers?}  (n8n's base URL; headers: the link webhooks' Basic Auth)",
];

class HttpError extends Error {
	/** @param {number} status @param {string} message */
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

/**
 * @param {Core} core
 * @param {string} method
 * @param {URL} url
 * @param {string} rawBody
 * @returns {Promise<[number, unknown]>}
 */
async function route(core, method, url, rawBody) {
	const path = url.pathname.replace(/\/+$/, '');
	const body = rawBody.trim() === '' ? {} : tryParse(rawBody);
	if (!isObject(body)) throw new HttpError(400, 'body must be a JSON object');
	const is = (/** @type {string} */ m, /** @type {string} */ p) => method === m && path === p;

	if (is('GET', '/sandbox')) return [200, { routes: INDEX }];
	if (is('GET', '/sandbox/app')) return [200, core.appInfo()];
	if (is('POST', '/sandbox/auth-code')) return [200, core.auth.issueAuthCode()];
	if (is('POST', '/sandbox/refresh-token')) return [200, core.auth.issueChain()];
	if (path === '/sandbox/webhook') {
		if (method === 'GET') return [200, core.getWebhook()];
		if (method === 'DELETE') return [200, core.setWebhook(null)];
		if (method === 'POST') {
			if (typeof body.url !== 'string' || !body.url) throw new HttpError(400, 'url is required');
			try {
				return [200, core.setWebhook(body.url)];
			} catch {
				throw new HttpError(400, `not a URL: ${body.url}`);
			}
		}
	}
	if (is('GET', '/sandbox/customers')) return [200, core.conversations()];
	const m = /^\/sandbox\/customers\/([^/]+)\/messages$/.exec(path);
	if (m) {
		const customerId = decodeURIComponent(m[1]);
		if (method === 'GET')
			return [
				200,
				core.conversation(customerId, url.searchParams.get('business_user_id') ?? undefined),
			];
		if (method === 'POST') {
			const r = attempt(() => core.customerMessage(customerId, body));
			return [200, await answerPush(r, body.wait === true)];
		}
	}
	if (is('POST', '/sandbox/events')) {
		const input = isObject(body.event) ? { ...body.event } : body;
		const r = attempt(() => core.pushEvent(input));
		return [200, await answerPush(r, body.wait === true)];
	}
	if (is('POST', '/sandbox/verify')) {
		const r = attempt(() => core.verifyWebhook(body));
		return [200, await answerPush(r, body.wait === true)];
	}
	if (path === '/sandbox/revision') {
		if (method === 'GET') return [200, core.revision()];
		if (method === 'POST') return [200, attempt(() => core.setRevision(body))];
	}
	if (is('POST', '/sandbox/key'))
		return [200, attempt(() => core.setEncryptionKey(body.encryption_key))];
	if (is('GET', '/sandbox/accounts')) return [200, core.accounts()];
	if (is('GET', '/sandbox/sent')) return [200, core.sent()];
	if (is('GET', '/sandbox/deliveries'))
		return [
			200,
			core.deliveries({
				message_id: url.searchParams.get('message_id') ?? undefined,
				push_id: url.searchParams.get('push_id') ?? undefined,
			}),
		];
	if (is('GET', '/sandbox/stats')) return [200, core.stats()];
	if (path === '/sandbox/faults') {
		if (method === 'GET') return [200, core.faults()];
		if (method === 'DELETE') {
			core.ctx.faults.clear();
			return [200, core.faults()];
		}
		if (method === 'POST') return [200, attempt(() => core.setFaults(body))];
	}
	if (path === '/sandbox/clock') {
		if (method === 'GET') return [200, core.clock()];
		if (method === 'POST') {
			const ms = Number(body.advanceMs ?? 0);
			if (!Number.isFinite(ms)) throw new HttpError(400, 'advanceMs must be a number');
			if (body.freeze !== undefined && typeof body.freeze !== 'boolean')
				throw new HttpError(400, 'freeze must be true or false');
			if (typeof body.freeze === 'boolean') core.freezeClock(body.freeze);
			return [200, core.advanceClock(ms)];
		}
	}
	const bot = /^\/sandbox\/bot\/([^/]+)\/([^/]+)$/.exec(path);
	if (bot && method === 'POST') {
		const latency = core.ctx.faults.current().botLatencyMs;
		if (latency > 0) await sleep(latency);
		return [
			200,
			core.teamChat.receive(decodeURIComponent(bot[1]), decodeURIComponent(bot[2]), body),
		];
	}
	if (is('GET', '/sandbox/bot'))
		return [200, core.teamChat.list(url.searchParams.get('bot') ?? undefined)];
	const image = /^\/sandbox\/bot\/images\/(\d+)$/.exec(path);
	if (image && method === 'GET') {
		const bytes = core.teamChat.image(Number(image[1]));
		if (!bytes) throw new HttpError(404, `no image ${image[1]}`);
		return [200, new RawBody(bytes, 'image/png')];
	}
	if (path === '/sandbox/llm/script') {
		if (method === 'GET') return [200, core.llm.getScript()];
		if (method === 'DELETE') return [200, core.llm.setScript([])];
		if (method === 'POST') return [200, attempt(() => core.llm.setScript(body.answers))];
	}
	if (is('GET', '/sandbox/llm/calls'))
		return [200, core.llm.calls(url.searchParams.get('dm') ?? undefined)];
	if (is('POST', '/sandbox/ark/orders')) return [200, attempt(() => core.ark.addOrder(body))];
	if (is('GET', '/sandbox/ark/orders'))
		return [200, core.ark.list(url.searchParams.get('customer_id') ?? undefined)];
	const page = method === 'GET' ? pageFile(path) : undefined;
	if (page) return [200, new RawBody(await fs.readFile(page.file), page.type)];
	if (is('GET', '/sandbox/scenarios')) return [200, scenarioList()];
	if (is('POST', '/sandbox/assist')) {
		const answer = await core.assist.suggest(body);
		return [answer.status, answer.body];
	}
	if (path === '/sandbox/assist-url') {
		if (method === 'GET') return [200, core.assist.get()];
		if (method === 'DELETE') return [200, core.assist.setUrl(null)];
		if (method === 'POST') {
			if (!('url' in body)) throw new HttpError(400, 'url is required (null clears it)');
			return [200, attempt(() => core.assist.setUrl(body.url, body.headers))];
		}
	}
	if (is('POST', '/sandbox/desk/close')) {
		const answer = await core.desk.close(body);
		return [answer.status, answer.body];
	}
	if (path === '/sandbox/desk-url') {
		if (method === 'GET') return [200, core.desk.get()];
		if (method === 'DELETE') return [200, core.desk.setUrl(null)];
		if (method === 'POST') {
			if (!('url' in body)) throw new HttpError(400, 'url is required (null clears it)');
			return [200, attempt(() => core.desk.setUrl(body.url, body.headers))];
		}
	}
	if (is('POST', '/sandbox/reset')) {
		core.reset({ webhook: body.webhook === true, tokens: body.tokens === true });
		return [200, { ok: true, app: core.appInfo() }];
	}
	throw new HttpError(404, `no control route ${method} ${path}; GET /sandbox lists them`);
}

/**
 * @template T
 * @param {() => T} fn
 * @returns {T}
 */
function attempt(fn) {
	try {
		return fn();
	} catch (e) {
		throw new HttpError(400, e.message);
	}
}

/**
 * @param {{message_id: string|null, event: Record<string, any>, push_id: string, done: Promise<import('./push').PushResult>}} r
 * @param {boolean} wait
 */
async function answerPush(r, wait) {
	const head = { message_id: r.message_id, push_id: r.push_id, event: r.event };
	if (!wait) return head;
	const result = await r.done;
	return { ...head, ...result };
}

/**
 * @param {Core} core
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {string} rawBody
 */
async function handleControl(core, req, res, url, rawBody) {
	try {
		const [status, value] = await route(core, req.method ?? 'GET', url, rawBody);
		if (value instanceof RawBody)
			sendRaw(res, status, value.bytes, {
				'Content-Type': value.type,
				'Cache-Control': 'no-store',
			});
		else sendJson(res, status, value);
	} catch (e) {
		sendJson(res, e instanceof HttpError ? e.status : 500, { error: e.message });
	}
}

module.exports = { handleControl, INDEX };
