// Test helpers for the sandbox: an HTTP client, a webhook receiver and independent decoders of
// pushes in both wire revisions (written here with node:crypto, not with sandbox/crypto.js).
const http = require('node:http');
const crypto = require('node:crypto');
const { createSandbox } = require('../../sandbox/server');

const KEY = 'testkey_16bytes!';
/** a revision-2 style key: 32 hexadecimal characters = 16 bytes */
const HEX_KEY = '00112233445566778899aabbccddeeff';
const SECRET = 'test_app_secret';

/** The key bytes, decoded here on their own: 32 hex characters are hex, anything else UTF-8 text. */
const keyBuf = (key) =>
	/^[0-9a-fA-F]{32}$/.test(key) ? Buffer.from(key, 'hex') : Buffer.from(key, 'utf8');

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
		const payload =
			body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		const req = http.request(
			url,
			{
				method,
				headers: { ...(payload ? { 'Content-Type': 'application/json' } : {}), ...headers },
			},
			(res) => {
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
			},
		);
		req.on('error', (e) => resolve({ error: e.code || e.message }));
		if (payload) req.write(payload);
		req.end();
	});
}

/** POST to a platform endpoint with an optional Access-Token. */
function api(sb, path, body, token) {
	return request(sb.url + path, {
		method: 'POST',
		body,
		headers: token ? { 'Access-Token': token } : {},
	});
}

const control = (sb, path, method = 'GET', body) => request(sb.url + path, { method, body });

/** Exchanges the sandbox's current auth code; returns the token data. */
async function login(sb) {
	const { app } = sb;
	const r = await api(sb, '/api/open/oauth2/access_token', {
		app_id: app.app_id,
		secret: app.secret,
		auth_code: app.auth_code,
	});
	if (r.json?.code !== 0) throw new Error(`login failed: ${r.text}`);
	return r.json.data;
}

/** Independent AES-128-CBC encoder for send content. */
function encryptContent(obj, key = KEY, iv = crypto.randomBytes(16)) {
	const c = crypto.createCipheriv('aes-128-cbc', keyBuf(key), iv);
	const ct = Buffer.concat([
		c.update(typeof obj === 'string' ? obj : JSON.stringify(obj), 'utf8'),
		c.final(),
	]);
	return `${iv.toString('base64')}~split~${ct.toString('base64')}`;
}

/** Independent decoder: checks body shape, signature and timestamp, and decrypts the event. */
function decodePush(
	{ headers, rawBody },
	{ key = KEY, secret = SECRET, nowSeconds = Math.floor(Date.now() / 1000) } = {},
) {
	const ts = headers['x-xhs-timestamp'];
	const sig = headers['x-xhs-signature'];
	const expected = crypto
		.createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(`${ts}.${rawBody}`, 'utf8')
		.digest('hex');
	const signatureOk =
		typeof sig === 'string' &&
		sig.length === expected.length &&
		crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(expected));
	const timestampOk = /^\d+$/.test(ts) && Math.abs(nowSeconds - Number(ts)) <= 300;
	const body = JSON.parse(rawBody);
	const plain = decryptContent(body.content, key);
	return {
		event: JSON.parse(plain),
		signatureOk,
		timestampOk,
		iv: body.content.split('~split~')[0],
		ts,
		sig,
		bodyKeys: Object.keys(body),
	};
}

/** Independent decryption of one `iv~split~cipher` string; throws on a wrong key. */
function decryptContent(wire, key = KEY) {
	const [ivB64, ctB64] = wire.split('~split~');
	const d = crypto.createDecipheriv('aes-128-cbc', keyBuf(key), Buffer.from(ivB64, 'base64'));
	return Buffer.concat([d.update(Buffer.from(ctB64, 'base64')), d.final()]).toString('utf8');
}

/** lowercase hex HMAC-SHA256 of the raw body keyed with the key text's UTF-8 bytes (revision 2's body-hmac) */
const bodyHmac = (keyText, rawBody) =>
	crypto.createHmac('sha256', Buffer.from(keyText, 'utf8')).update(rawBody, 'utf8').digest('hex');

/**
 * A push in either revision: the parsed body, the path it arrived on, and its `content`
 * decrypted (JSON-parsed when it is JSON) as `payload`, plus the IV.
 */
function readPush(req, { key = KEY } = {}) {
	const body = JSON.parse(req.rawBody);
	const out = { body, path: req.url, bodyKeys: Object.keys(body), headers: req.headers };
	if (typeof body.content === 'string') {
		const plain = decryptContent(body.content, key);
		try {
			out.payload = JSON.parse(plain);
		} catch {
			out.payload = plain;
		}
		out.iv = body.content.split('~split~')[0];
	}
	return out;
}

/**
 * A DM as a receiver reads it, whichever the revision: r1's decrypted event, or r2's plain body
 * with its content decrypted (r2 has no `event` field).
 */
function dmOf(req, opts) {
	const p = readPush(req, opts);
	if (p.bodyKeys.length === 1 && p.payload && typeof p.payload === 'object' && 'event' in p.payload)
		return p.payload;
	return { ...p.body, content: p.payload };
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
			const rec = {
				method: req.method,
				url: req.url,
				headers: req.headers,
				rawBody: Buffer.concat(chunks).toString('utf8'),
				at: Date.now(),
			};
			requests.push(rec);
			const answer = handler(rec, requests.length);
			for (const w of [...waiters]) if (requests.length >= w.n) w.resolve();
			if (answer.hang) return; // never answer
			const text =
				typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
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

/**
 * A send body for the default business account: revision 2's (user_id, "content-encrypted") unless
 * told 'r1' (content).
 */
function sendBody(to, content = { text: 'hi' }, extra = {}, revision = 'r2') {
	const encrypted = encryptContent(content);
	return {
		...(revision === 'r2' ? { user_id: 'biz_001' } : {}),
		request_id: crypto.randomUUID(),
		message_type: 'TEXT',
		from_user_id: 'biz_001',
		to_user_id: to,
		third_account_id: 'ta_001',
		timestamp: Date.now(),
		...(revision === 'r2' ? { 'content-encrypted': encrypted } : { content: encrypted }),
		...extra,
	};
}

const HOUR = 3600 * 1000;

module.exports = {
	KEY,
	HEX_KEY,
	SECRET,
	HOUR,
	ACK,
	startSandbox,
	request,
	api,
	control,
	login,
	encryptContent,
	decryptContent,
	decodePush,
	readPush,
	dmOf,
	bodyHmac,
	startReceiver,
	sendBody,
};
