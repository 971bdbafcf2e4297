// @ts-check
'use strict';
// A configurable URL the sandbox forwards to on behalf of its web pages (the agent view's
// suggestions, the training page's "close the conversation"), so a page never talks to n8n
// itself (no CORS). One forwarder holds one URL, times out, and always answers
// {status, body}: 503 when no URL is set, 502 when the URL fails, 504 when it is too slow.

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
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
		throw new Error(`not an http(s) URL: ${url}`);
	return parsed.href;
}

/**
 * @typedef {{status: number, body: unknown}} Answer
 * @typedef {{method?: string, target?: string, body?: unknown, parse?: 'json'|'text', label?: string}} ForwardRequest
 */

/**
 * @param {import('./core').Ctx} ctx
 * @param {{what: string, name: string, url?: string, timeoutMs: () => number}} spec
 *   `what` names the URL in errors ("the assist URL"), `name` prefixes log lines
 */
function createForwarder(ctx, spec) {
	let url = spec.url ? checkUrl(spec.url) : undefined;
	/** @type {Set<AbortController>} */
	const inflight = new Set();

	/** @param {unknown} value null or '' clears */
	function setUrl(value) {
		url = value == null || value === '' ? undefined : checkUrl(value);
		ctx.log(`${spec.name} URL ${url ?? '(none)'}`);
		return { url: url ?? null };
	}

	/**
	 * Calls `target` (default: the URL itself). A 2xx answer is {status: 200, body}: the parsed
	 * JSON, or {text} with parse "text"; anything else is an error answer {status, body: {error}}.
	 * @param {ForwardRequest} [request]
	 * @returns {Promise<Answer>}
	 */
	async function forward(request = {}) {
		if (!url) return { status: 503, body: { error: `no ${spec.name} URL configured` } };
		const target = request.target ?? url;
		const what = spec.what;
		const controller = new AbortController();
		inflight.add(controller);
		const timeoutMs = spec.timeoutMs();
		const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
		const started = Date.now();
		const label = request.label ?? '-';
		try {
			const hasBody = request.body !== undefined;
			const res = await fetch(target, {
				method: request.method ?? (hasBody ? 'POST' : 'GET'),
				headers: {
					...(hasBody ? { 'Content-Type': 'application/json' } : {}),
					Accept: request.parse === 'text' ? 'text/plain, */*' : 'application/json',
				},
				body: hasBody ? JSON.stringify(request.body) : undefined,
				signal: controller.signal,
			});
			const raw = await res.text();
			ctx.log(`${spec.name} ${label} → ${res.status} (${Date.now() - started} ms)`);
			if (!res.ok)
				return {
					status: 502,
					body: {
						error: `${what} answered HTTP ${res.status}`,
						status: res.status,
						body: raw.slice(0, BODY_CAP),
					},
				};
			if (request.parse === 'text') return { status: 200, body: { text: raw } };
			try {
				return { status: 200, body: JSON.parse(raw) };
			} catch {
				return {
					status: 502,
					body: {
						error: `${what} did not answer JSON`,
						status: res.status,
						body: raw.slice(0, BODY_CAP),
					},
				};
			}
		} catch (e) {
			const aborted = controller.signal.aborted
				? String(controller.signal.reason?.message)
				: undefined;
			const why = aborted ?? e.cause?.code ?? e.cause?.message ?? e.message;
			ctx.log(`${spec.name} ${label} FAILED: ${why}`);
			if (aborted === 'timeout')
				return { status: 504, body: { error: `${what} did not answer within ${timeoutMs} ms` } };
			if (aborted)
				return { status: 502, body: { error: `asking ${what} was cut short: ${aborted}` } };
			return { status: 502, body: { error: `cannot reach ${what}: ${why}` } };
		} finally {
			clearTimeout(timer);
			inflight.delete(controller);
		}
	}

	return {
		get: () => ({ url: url ?? null }),
		/** the URL, or undefined when none is set */
		current: () => url,
		setUrl,
		forward,
		/** aborts the forwards in flight (on close) */
		cancelAll() {
			for (const c of inflight) c.abort(new Error('sandbox closed'));
			inflight.clear();
		},
	};
}

module.exports = { createForwarder, checkUrl };
