// @ts-check
'use strict';
// Webhook delivery (spec §4, §4r2, §7, §7r2): each attempt encrypted and signed afresh (wire.js),
// acknowledged within ackTimeoutMs only by HTTP 200 with, in r1, {"success": true, "code": 0} (or
// the echoed challenge for verify_webhook) and, in r2, a JSON body with success === true (any
// HTTP 200 for the URL check); failures are redelivered after redeliveryDelaysMs (1 s, 5 s, 30 s:
// 4 attempts). A push keeps the revision and signature mode it started with through its
// redeliveries, so that switching the revision never mixes shapes within one delivery sequence.
const http = require('node:http');
const https = require('node:https');
const { randomId } = require('./crypto');
const { tryParse, isObject } = require('./http-util');
const { render, withSuffix, URL_CHECK } = require('./wire');

/**
 * @typedef {import('./core').Ctx} Ctx
 * @typedef {import('./revision').Revision} Revision
 * @typedef {import('./revision').SignatureMode} SignatureMode
 * @typedef {{revision: Revision, signatureMode: SignatureMode}} Profile
 * @typedef {{push_id: string, message_id: string|null, event: string, attempt: number, copy: number,
 *   status: number|null, ok: boolean, ms: number, error: string|null, body: string|null, at: string,
 *   revision: Revision, signature_mode: SignatureMode, url: string|null, timestamp: string|null,
 *   bad_signature: boolean, wrong_key: boolean, challenge_echoed?: boolean}} Delivery
 * @typedef {{push_id: string, message_id: string|null, acked: boolean, cancelled?: boolean,
 *   attempts: Delivery[], challenge_echoed?: boolean}} PushResult
 */

const BODY_CAP = 4000;

/** @param {Ctx} ctx */
function createPusher(ctx) {
	const { opts, stats } = ctx;
	/** @type {Delivery[]} */ const deliveries = [];
	/** @type {Set<NodeJS.Timeout>} */ const timers = new Set();
	/** @type {Set<import('node:http').ClientRequest>} */ const inflight = new Set();
	/** @type {Set<() => void>} */ const pending = new Set();
	/** bumped by cancelAll: attempts of an older generation are not recorded */
	let generation = 0;

	/** @param {number} ms @param {() => void} fn */
	function later(ms, fn) {
		const t = setTimeout(() => {
			timers.delete(t);
			fn();
		}, ms);
		timers.add(t);
	}

	/**
	 * Pushes one event to the registered webhook with redelivery.
	 * @param {Record<string, any>} event
	 * @returns {{push_id: string, done: Promise<PushResult>}}
	 */
	function push(event) {
		const pushId = randomId('p_', 8);
		const messageId = typeof event.message_id === 'string' ? event.message_id : null;
		/** @type {Profile} */
		const profile = {
			revision: ctx.revision.current(),
			signatureMode: ctx.revision.signatureMode(),
		};
		const delays = opts.redeliveryDelaysMs;
		stats.pushes++;
		const done = new Promise((resolve) => {
			/** @param {boolean} acked @param {Partial<PushResult>} [extra] */
			const finish = (acked, extra = {}) => {
				pending.delete(cancel);
				resolve({
					push_id: pushId,
					message_id: messageId,
					acked,
					...extra,
					attempts: deliveries.filter((d) => d.push_id === pushId),
				});
			};
			const cancel = () => finish(false, { cancelled: true });
			pending.add(cancel);
			/** @param {number} n */
			const run = async (n) => {
				const copies = n === 1 ? ctx.faults.current().duplicateDeliveries : 0;
				const all = [attempt(event, profile, pushId, messageId, n, 0)];
				for (let k = 1; k <= copies; k++)
					all.push(attempt(event, profile, pushId, messageId, n, k));
				const [main] = await Promise.all(all);
				if (!pending.has(cancel)) return;
				const extra =
					main.challenge_echoed === undefined ? {} : { challenge_echoed: main.challenge_echoed };
				if (main.ok) {
					stats.pushesAcked++;
					return finish(true, extra);
				}
				if (n > delays.length) {
					stats.pushesGivenUp++;
					ctx.log(`push ${label(event, messageId)} given up after ${n} attempts`);
					return finish(false, extra);
				}
				later(delays[n - 1], () => safeRun(n + 1));
			};
			/** @param {number} n */
			const safeRun = (n) =>
				run(n).catch((e) => {
					ctx.log(`push ${label(event, messageId)} sandbox bug: ${e.stack ?? e}`);
					finish(false);
				});
			const delay = ctx.faults.current().pushDelayMs;
			if (delay > 0) later(delay, () => safeRun(1));
			else safeRun(1);
		});
		return { push_id: pushId, done };
	}

	/**
	 * @param {Record<string, any>} event @param {Profile} profile @param {string} pushId
	 * @param {string|null} messageId @param {number} n @param {number} copy
	 * @returns {Promise<Delivery>}
	 */
	async function attempt(event, profile, pushId, messageId, n, copy) {
		const faults = ctx.faults.current();
		const gen = generation;
		const started = Date.now();
		const wire = render(event, {
			...profile,
			faults,
			key: opts.encryptionKey,
			secret: opts.webhookSecret || opts.appSecret,
		});
		const registered = ctx.webhookUrl();
		const url = registered
			? withSuffix(registered, faults.pushPathSuffix ? wire.suffix : '')
			: null;
		const res = url
			? await post(url, wire.rawBody, wire.headers, opts.ackTimeoutMs, inflight)
			: { status: null, body: null, error: 'no webhook registered' };
		const verdict = judge(event, res, profile.revision);
		/** @type {Delivery} */
		const d = {
			push_id: pushId,
			message_id: messageId,
			event: String(event.event),
			attempt: n,
			copy,
			status: res.status ?? null,
			ok: verdict.ok,
			ms: Date.now() - started,
			error: verdict.error,
			body: res.body == null ? null : res.body.slice(0, BODY_CAP),
			at: new Date(started).toISOString(),
			revision: profile.revision,
			signature_mode: profile.signatureMode,
			url,
			timestamp: wire.timestamp,
			bad_signature: faults.badSignature && profile.signatureMode !== 'none',
			wrong_key: faults.wrongKey,
		};
		if (verdict.challenge_echoed !== undefined) d.challenge_echoed = verdict.challenge_echoed;
		if (gen !== generation) return d;
		deliveries.push(d);
		stats.pushAttempts++;
		if (!d.ok) stats.pushFailures++;
		const copyTag = copy ? ` copy ${copy}` : '';
		ctx.log(
			`push ${label(event, messageId)} #${n}${copyTag} → ${d.status ?? '-'} ${d.ok ? 'acked' : `FAILED: ${d.error}`} (${d.ms} ms)`,
		);
		return d;
	}

	/** @param {{message_id?: string, push_id?: string}} [filter] */
	function list(filter = {}) {
		return deliveries.filter(
			(d) =>
				(!filter.message_id || d.message_id === filter.message_id) &&
				(!filter.push_id || d.push_id === filter.push_id),
		);
	}

	/** Stops every pending redelivery and in-flight request; their results say cancelled. */
	function cancelAll() {
		generation++;
		for (const t of timers) clearTimeout(t);
		timers.clear();
		for (const r of inflight) r.destroy();
		inflight.clear();
		for (const c of [...pending]) c();
	}

	function clear() {
		cancelAll();
		deliveries.length = 0;
	}

	return { push, list, cancelAll, clear };
}

/**
 * @param {Record<string, any>} event
 * @param {{status: number|null, body: string|null, error?: string}} res
 * @param {Revision} [revision]
 * @returns {{ok: boolean, error: string|null, challenge_echoed?: boolean}}
 */
function judge(event, res, revision = 'r1') {
	if (res.error) return { ok: false, error: res.error };
	if (res.status !== 200) return { ok: false, error: `HTTP ${res.status}` };
	if (event.event === URL_CHECK) return { ok: true, error: null };
	const parsed = tryParse(res.body ?? '');
	if (event.event === 'verify_webhook') {
		const echoed = isObject(parsed) && parsed.challenge === event.challenge;
		return {
			ok: echoed,
			error: echoed ? null : 'answer did not echo the challenge',
			challenge_echoed: echoed,
		};
	}
	if (revision === 'r2') {
		if (isObject(parsed) && parsed.success === true) return { ok: true, error: null };
		return { ok: false, error: 'HTTP 200 but the body is not JSON with "success": true' };
	}
	if (isObject(parsed) && parsed.success === true && parsed.code === 0)
		return { ok: true, error: null };
	return { ok: false, error: 'HTTP 200 but the body is not {"success": true, "code": 0}' };
}

/**
 * @param {string} url @param {string} body @param {Record<string,string>} headers
 * @param {number} timeoutMs @param {Set<import('node:http').ClientRequest>} inflight
 * @returns {Promise<{status: number|null, body: string|null, error?: string}>}
 */
function post(url, body, headers, timeoutMs, inflight) {
	return new Promise((resolve) => {
		/** @type {URL} */
		let u;
		try {
			u = new URL(url);
		} catch {
			resolve({ status: null, body: null, error: 'invalid webhook url' });
			return;
		}
		const mod = u.protocol === 'https:' ? https : http;
		let settled = false;
		/** @type {{status: number|null, body: string|null, error?: string}} */
		let partial = { status: null, body: null };
		/** @param {{status: number|null, body: string|null, error?: string}} r */
		const done = (r) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			inflight.delete(req);
			resolve(r);
		};
		const req = mod.request(
			u,
			{
				method: 'POST',
				agent: false,
				headers: {
					'Content-Type': 'application/json',
					'Content-Length': String(Buffer.byteLength(body)),
					'User-Agent': 'xhs-dm-sandbox',
					...headers,
				},
			},
			(res) => {
				/** @type {Buffer[]} */
				const chunks = [];
				partial = { status: res.statusCode ?? null, body: null };
				res.on('data', (c) => chunks.push(c));
				res.on('end', () =>
					done({ status: res.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8') }),
				);
				res.on('error', (e) => done({ ...partial, error: e.message }));
			},
		);
		const timer = setTimeout(() => {
			done({ ...partial, error: `no complete answer within ${timeoutMs} ms` });
			req.destroy();
		}, timeoutMs);
		req.on('error', (e) => done({ ...partial, error: /** @type {any} */ (e).code || e.message }));
		inflight.add(req);
		req.end(body);
	});
}

/** @param {Record<string, any>} event @param {string|null} messageId */
const label = (event, messageId) => `${event.event}${messageId ? ` ${messageId}` : ''}`;

module.exports = { createPusher, judge };
