// Test helpers for the sandbox: an HTTP client, a webhook receiver and an independent decoder
// of pushes (written here with node:crypto, not with sandbox/crypto.js).
const http = require('node:http');
const crypto = require('node:crypto');
const { createSandbox } = require('../../sandbox/server');

const KEY = 'testkey_16bytes!';
const SECRET = 'test_app_secret';

/** Starts a sandbox with tiny redelivery delays unless told otherwise. */
function startSandbox(options = {}) {
	return createSandbox({
		appId: 'test_app',
		appSecret: SECRET,
		encryptionKey: KEY,
		redeliveryDelaysMs: [10, 20, 30],
		ackTimeoutMs: 5000,
		...options,
	});
}

/** Plain HTTP request; resolves {status, headers, text, json} or {error} when the socket drops. */
function request(url, { method = 'GET', headers = {}, body } = {}) {
	return new Promise((resolve) => {
		const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		const req = http.request(url, { method, headers: { ...(payload ? { 'Content-Type': 'application/json' } : {}), ...headers } }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode, headers: res.headers, text, json });
			});
			res.on('error', (e) => resolve({ error: e.code || e.message }));
		});
		req.on('error', (e) => resolve({ error: e.code || e.message }));
		if (payload) req.write(payload);
		req.end();
	});
}

/** POST to a platform endpoint with an optional Access-Token. */
function api(sb, path, body, token) {
	return request(sb.url + path, { method: 'POST', body, headers: token ? { 'Access-Token': token } : {} });
}

const control = (sb, path, method = 'GET', body) => request(sb.url + path, { method, body });

/** Exchanges the sandbox's current auth code; returns the token data. */
async function login(sb) {
	const { app } = sb;
	const r = await api(sb, '/api/open/oauth2/access_token', { app_id: app.app_id, secret: app.secret, auth_code: app.auth_code });
	if (r.json?.code !== 0) throw new Error(`login failed: ${r.text}`);
	return r.json.data;
}

/** Independent AES-128-CBC encoder for send content. */
function encryptContent(obj, key = KEY, iv = crypto.randomBytes(16)) {
	const c = crypto.createCipheriv('aes-128-cbc', Buffer.from(key, 'utf8'), iv);
	const ct = Buffer.concat([c.update(typeof obj === 'string' ? obj : JSON.stringify(obj), 'utf8'), c.final()]);
	return `${iv.toString('base64')}~split~${ct.toString('base64')}`;
}

/** Independent decoder: checks body shape, signature and timestamp, and decrypts the event. */
function decodePush({ headers, rawBody }, { key = KEY, secret = SECRET, nowSeconds = Math.floor(Date.now() / 1000) } = {}) {
	const ts = headers['x-xhs-timestamp'];
	const sig = headers['x-xhs-signature'];
	const expected = crypto.createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${ts}.${rawBody}`, 'utf8').digest('hex');
	const signatureOk = typeof sig === 'string' && sig.length === expected.length && crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(expected));
	const timestampOk = /^\d+$/.test(ts) && Math.abs(nowSeconds - Number(ts)) <= 300;
	const body = JSON.parse(rawBody);
	const [ivB64, ctB64] = body.content.split('~split~');
	const d = crypto.createDecipheriv('aes-128-cbc', Buffer.from(key, 'utf8'), Buffer.from(ivB64, 'base64'));
	const plain = Buffer.concat([d.update(Buffer.from(ctB64, 'base64')), d.final()]).toString('utf8');
	return { event: JSON.parse(plain), signatureOk, timestampOk, iv: ivB64, ts, sig, bodyKeys: Object.keys(body) };
}

const ACK = { status: 200, body: { success: true, code: 0 } };

/**
 * A webhook receiver. `respond(req, n)` returns {status, body, hang?} for the n-th request
 * (1-based); the default acknowledges everything.
 */
async function startReceiver(respond = () => ACK) {
	const requests = [];
	const waiters = [];
	let handler = respond;
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const rec = { method: req.method, url: req.url, headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
			requests.push(rec);
			const answer = handler(rec, requests.length);
			for (const w of [...waiters]) if (requests.length >= w.n) w.resolve();
			if (answer.hang) return; // never answer
			const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
			res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json' });
			res.end(text);
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return {
		url: `http://127.0.0.1:${server.address().port}/webhook`,
		requests,
		setHandler(fn) {
			handler = fn;
		},
		waitFor(n) {
			if (requests.length >= n) return Promise.resolve();
			return new Promise((resolve) => waiters.push({ n, resolve }));
		},
		close() {
			server.closeAllConnections();
			return new Promise((r) => server.close(r));
		},
	};
}

/** A send body for the default business account. */
function sendBody(to, content = { text: 'hi' }, extra = {}) {
	return {
		request_id: crypto.randomUUID(),
		message_type: 'TEXT',
		from_user_id: 'biz_001',
		to_user_id: to,
		third_account_id: 'ta_001',
		timestamp: Date.now(),
		content: encryptContent(content),
		...extra,
	};
}

const HOUR = 3600 * 1000;

module.exports = { KEY, SECRET, HOUR, ACK, startSandbox, request, api, control, login, encryptContent, decodePush, startReceiver, sendBody };
