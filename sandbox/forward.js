// @ts-check
'use strict';
// A configurable URL the sandbox forwards to on behalf of its web pages (the agent view's
// suggestions, the training page's "close the conversation"), so a page never talks to n8n
// itself (no CORS). One forwarder holds one URL, optionally with headers sent on every request
// (the admin header of an n8n webhook with Header Auth), times out, and always answers
// {status, body}: 503 when no URL is set, 502 when the URL fails, 504 when it is too slow.

const BODY_CAP = 2000;
/** Headers the forwarder sets itself or fetch owns: a configured header may not replace them. */
const RESERVED_HEADERS = new Set([
	'accept',
	'connection',
	'content-length',
	'content-type',
	'host',
	'transfer-encoding',
]);
/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A header value: visible ASCII and spaces or tabs, no line breaks. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

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
 * Headers to send with every forward: an object of name → value; null, undefined or {} for none.
 * @param {unknown} headers @returns {Record<string, string>}
 */
function checkHeaders(headers) {
	if (headers == null) return {};
	if (typeof headers !== 'object' || Array.isArray(headers))
		throw new Error('headers must be an object of name → value');
	/** @type {Record<string, string>} */
	const out = {};
	const seen = new Set();
	for (const [name, value] of Object.entries(headers)) {
		if (!HEADER_NAME.test(name)) throw new Error(`not a header name: ${JSON.stringify(name)}`);
		const lower = name.toLowerCase();
		if (RESERVED_HEADERS.has(lower)) throw new Error(`the header ${name} cannot be set`);
		if (seen.has(lower)) throw new Error(`the header ${name} is given twice`);
		seen.add(lower);
		if (typeof value !== 'string' || !HEADER_VALUE.test(value))
			throw new Error(`the header ${name} needs a one-line text value`);
		out[name] = value;
	}
	return out;
}

/**
 * One header from a command line or an environment variable, `Name: value`.
 * @param {string} line @returns {Record<string, string>}
 */
function parseHeaderLine(line) {
	const colon = line.indexOf(':');
	if (colon <= 0) throw new Error(`not a header "Name: value": ${line}`);
	return checkHeaders({ [line.slice(0, colon).trim()]: line.slice(colon + 1).trim() });
}

/**
 * @typedef {{status: number, body: unknown}} Answer
 * @typedef {{method?: string, target?: string, body?: unknown, parse?: 'json'|'text', label?: string}} ForwardRequest
 */

/**
 * @param {import('./core').Ctx} ctx
 * @param {{what: string, name: string, url?: string, headers?: Record<string, string>, timeoutMs: () => number}} spec
 *   `what` names the URL in errors ("the assist URL"), `name` prefixes log lines, `headers` go
 *   with every request to `url`
 */
function createForwarder(ctx, spec) {
	let url = spec.url ? checkUrl(spec.url) : undefined;
	/** @type {Record<string, string>} */
	let headers = url ? checkHeaders(spec.headers) : {};
	/** @type {Set<AbortController>} */
	const inflight = new Set();

	/** The URL and the names of its headers (never their values: they may be secrets). */
	function get() {
		const names = Object.keys(headers);
		return names.length > 0 ? { url: url ?? null, headers: names } : { url: url ?? null };
	}

	/**
	 * @param {unknown} value null or '' clears (the headers too)
	 * @param {unknown} [newHeaders] sent with every request to the URL; none when not given
	 */
	function setUrl(value, newHeaders) {
		const next = value == null || value === '' ? undefined : checkUrl(value);
		const nextHeaders = next ? checkHeaders(newHeaders) : {};
		url = next;
		headers = nextHeaders;
		const names = Object.keys(headers);
		ctx.log(
			`${spec.name} URL ${url ?? '(none)'}${names.length ? ` (with ${names.join(', ')})` : ''}`,
		);
		return get();
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
					...headers,
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
		get,
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

module.exports = { createForwarder, checkUrl, checkHeaders, parseHeaderLine };
