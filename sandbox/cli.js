#!/usr/bin/env node
// @ts-check
'use strict';
// Command line of the sandbox:
//   serve [--port 4780] [--host 127.0.0.1] [--webhook URL] [--quota 5] [--window-hours 48]
//         [--redelivery 1000,5000,30000] [--app-id ..] [--secret ..] [--key ..] [--quiet]
//         [--revision r2|r1] [--signature-mode none|body-hmac|timestamp-hmac] [--push-path-suffix]
//         [--free-accounts 3]
//         [--assist-url URL]   (default $XHS_SANDBOX_ASSIST_URL: the agent view's suggestions)
//         [--assist-header "Authorization: Bearer …"]   (default $XHS_SANDBOX_ASSIST_HEADER: sent with them)
//         [--desk-url URL]     (default $XHS_SANDBOX_DESK_URL: n8n's base URL, to close conversations)
//         [--desk-header "Authorization: Basic …"]   (default $XHS_SANDBOX_DESK_HEADER: sent with them)
//   dm --as <customerId> [--nickname 名字] [--wait 5] [--replies N] [--url URL] "text"
//   inbox <customerId> | faults [key=value ...] | webhook [URL|--delete] | app | stats |
//   clock <ms|30s|48h> | reset [--webhook] [--tokens] | revision [r1|r2] [--signature-mode M|--by-revision] |
//   verify | accounts        (all take --url, default $XHS_SANDBOX_URL or http://127.0.0.1:4780)

const DEFAULT_URL = process.env.XHS_SANDBOX_URL || 'http://127.0.0.1:4780';

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {Record<string, string|boolean>} */
	const flags = {};
	/** @type {string[]} */
	const rest = [];
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a.startsWith('--')) {
			const eq = a.indexOf('=');
			if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
			else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags[a.slice(2)] = argv[++i];
			else flags[a.slice(2)] = true;
		} else rest.push(a);
	}
	return { flags, rest };
}

const time = () => new Date().toISOString().slice(11, 23);

/** @param {string} base @param {string} path @param {string} [method] @param {unknown} [body] */
async function call(base, path, method = 'GET', body) {
	let res;
	try {
		res = await fetch(base.replace(/\/+$/, '') + path, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	} catch (e) {
		throw new Error(
			`cannot reach the sandbox at ${base} (${e.cause?.code ?? e.message}); start it with: npm run sandbox`,
		);
	}
	const text = await res.text();
	const value = text ? JSON.parse(text) : null;
	if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${value?.error ?? text}`);
	return value;
}

/** @param {string|undefined} line `Name: value`, or nothing */
function headerOption(line) {
	if (line === undefined) return undefined;
	const { parseHeaderLine } = require('./forward');
	return parseHeaderLine(line);
}

/**
 * The createSandbox options of `serve`.
 * @param {Record<string, string|boolean>} flags @param {Record<string, string|undefined>} [env]
 * @returns {Partial<import('./config').SandboxOptions>}
 */
function serveOptions(flags, env = process.env) {
	const num = (/** @type {string} */ k) =>
		typeof flags[k] === 'string' ? Number(flags[k]) : undefined;
	const str = (/** @type {string} */ k) =>
		typeof flags[k] === 'string' ? String(flags[k]) : undefined;
	return {
		port: num('port') ?? 4780,
		host: str('host') ?? '127.0.0.1',
		webhookUrl: str('webhook'),
		assistUrl: str('assist-url') ?? (env.XHS_SANDBOX_ASSIST_URL || undefined),
		assistHeaders: headerOption(
			str('assist-header') ?? (env.XHS_SANDBOX_ASSIST_HEADER || undefined),
		),
		deskUrl: str('desk-url') ?? (env.XHS_SANDBOX_DESK_URL || undefined),
		deskHeaders: headerOption(str('desk-header') ?? (env.XHS_SANDBOX_DESK_HEADER || undefined)),
		appId: str('app-id'),
		appSecret: str('secret'),
		encryptionKey: str('key'),
		quota: num('quota'),
		windowHours: num('window-hours'),
		redeliveryDelaysMs: str('redelivery')?.split(',').map(Number),
		wireRevision: /** @type {any} */ (str('revision')),
		signatureMode: /** @type {any} */ (str('signature-mode')),
		// a bare flag, or --push-path-suffix true|false
		pushPathSuffix:
			flags['push-path-suffix'] === undefined ? undefined : flags['push-path-suffix'] !== 'false',
		freeAccounts: num('free-accounts'),
		log: flags.quiet ? undefined : (line) => console.log(`${time()} ${line}`),
	};
}

/** Where the agent view's suggestions come from, for the banner. @param {{url: string|null, headers?: string[]}} assist */
function assistLine(assist) {
	if (!assist.url)
		return '(no assist URL) set it: --assist-url, $XHS_SANDBOX_ASSIST_URL or POST /sandbox/assist-url';
	return assist.headers ? `${assist.url}, sending ${assist.headers.join(', ')}` : assist.url;
}

/** @param {Record<string, string|boolean>} flags */
async function serve(flags) {
	const { createSandbox } = require('./server');
	const sb = await createSandbox(serveOptions(flags));
	const stop = async () => {
		await sb.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	const app = sb.app;
	console.log(`Xiaohongshu DM sandbox listening on ${sb.url}

Credential values (GET ${sb.url}/sandbox/app gives fresh ones once these are used):
  Base URL          ${app.base_url}
  App ID            ${app.app_id}
  App Secret        ${app.secret}
  Encryption Key    ${app.encryption_key}
  Wire revision     ${app.wire_revision}   signature ${app.signature_mode}
  Refresh Token     ${app.refresh_token}
  Auth Code         ${app.auth_code}
  Business user id  ${app.business_user_id}   third_account_id ${app.third_account_id}

Ark (e-commerce orders) credential: Base URL ${app.base_url}
  App ID ${app.ark_app_id}   App Secret ${app.ark_app_secret}   Access Token ${app.ark_access_token}

Webhook: ${app.webhook_url ?? `(none) register it: node sandbox/cli.js webhook <url> --url ${sb.url}`}
Send a DM: node sandbox/cli.js dm --as cust_1 --url ${sb.url} "你好"
Bind an account: ${sb.accounts().bind_page}<token>
Agent view: ${sb.url}/sandbox/agent   (suggestions from ${assistLine(sb.getAssistUrl())})
Training:   ${sb.url}/sandbox/training   (closing conversations through ${sb.getDeskUrl().url ?? '(no desk URL) set it: --desk-url, $XHS_SANDBOX_DESK_URL or POST /sandbox/desk-url'})
`);
}

/** @param {Record<string, any>} m */
function line(m) {
	const who =
		m.message_source === 1 ? '→ customer' : m.api ? '← api' : `← source ${m.message_source}`;
	const content = m.content?.text ?? JSON.stringify(m.content);
	return `  ${m.at} ${who.padEnd(12)} ${m.message_type} ${content}`;
}

/** @param {string} base @param {Record<string, string|boolean>} flags @param {string[]} rest */
async function dm(base, flags, rest) {
	const customer = flags.as;
	const text = rest.join(' ');
	if (typeof customer !== 'string' || !text)
		throw new Error(
			'usage: dm --as <customerId> [--nickname 名字] [--wait seconds] [--replies N] "text"',
		);
	const body = {
		text,
		...(typeof flags.nickname === 'string' ? { nickname: flags.nickname } : {}),
	};
	const r = await call(
		base,
		`/sandbox/customers/${encodeURIComponent(customer)}/messages`,
		'POST',
		body,
	);
	console.log(`message_id ${r.message_id} (push ${r.push_id})`);
	const waitMs = Number(flags.wait ?? 5) * 1000;
	const deadline = Date.now() + waitMs;
	let printed = 0;
	const enough = typeof flags.replies === 'string' ? Number(flags.replies) : Infinity;
	while (Date.now() < deadline && printed < enough) {
		await new Promise((res) => setTimeout(res, 300));
		const conv = await call(base, `/sandbox/customers/${encodeURIComponent(customer)}/messages`);
		const idx = conv.messages.findIndex((/** @type {any} */ m) => m.message_id === r.message_id);
		const replies = conv.messages
			.slice(idx + 1)
			.filter((/** @type {any} */ m) => m.message_source !== 1);
		for (const m of replies.slice(printed)) console.log(line(m));
		printed = replies.length;
	}
	let attempts = await call(base, `/sandbox/deliveries?push_id=${r.push_id}`);
	while (!attempts.some((/** @type {any} */ d) => d.ok) && Date.now() < deadline) {
		await new Promise((res) => setTimeout(res, 300));
		attempts = await call(base, `/sandbox/deliveries?push_id=${r.push_id}`);
	}
	const acked = attempts.find((/** @type {any} */ d) => d.ok);
	if (printed === 0) console.log(`no reply within ${waitMs / 1000} s`);
	console.log(
		acked
			? `push acked on attempt ${acked.attempt}`
			: `push not acked yet: ${attempts.map((/** @type {any} */ d) => `#${d.attempt} ${d.error}`).join('; ') || 'no attempt yet'}`,
	);
}

/** @param {string} v */
function parseValue(v) {
	if (v === 'true' || v === 'false') return v === 'true';
	if (/^-?\d+$/.test(v)) return Number(v);
	return v;
}

/** @param {string} v */
function parseDuration(v) {
	const m = /^(-?\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(v);
	if (!m) throw new Error(`not a duration: ${v} (examples: 1500, 30s, 48h)`);
	const unit = { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000 }[m[2] ?? 'ms'] ?? 1;
	return Math.round(Number(m[1]) * unit);
}

async function main() {
	const [command, ...args] = process.argv.slice(2);
	const { flags, rest } = parseArgs(args);
	const base = typeof flags.url === 'string' ? flags.url : DEFAULT_URL;
	const show = (/** @type {unknown} */ v) => console.log(JSON.stringify(v, null, 2));
	switch (command) {
		case 'serve':
			return serve(flags);
		case 'dm':
			return dm(base, flags, rest);
		case 'inbox': {
			if (!rest[0]) throw new Error('usage: inbox <customerId>');
			const conv = await call(base, `/sandbox/customers/${encodeURIComponent(rest[0])}/messages`);
			console.log(
				`${conv.conversation_key}  window ${conv.window.open ? `open, ${conv.window.remaining} left` : 'closed'}`,
			);
			for (const m of conv.messages) console.log(line(m));
			return;
		}
		case 'faults': {
			if (rest.length === 0) return show(await call(base, '/sandbox/faults'));
			if (rest[0] === 'clear') return show(await call(base, '/sandbox/faults', 'DELETE'));
			/** @type {Record<string, unknown>} */
			const patch = {};
			for (const kv of rest) {
				const eq = kv.indexOf('=');
				if (eq < 1) throw new Error(`expected key=value, got ${kv}`);
				patch[kv.slice(0, eq)] = parseValue(kv.slice(eq + 1));
			}
			return show(await call(base, '/sandbox/faults', 'POST', patch));
		}
		case 'webhook':
			if (flags.delete) return show(await call(base, '/sandbox/webhook', 'DELETE'));
			if (rest[0]) return show(await call(base, '/sandbox/webhook', 'POST', { url: rest[0] }));
			return show(await call(base, '/sandbox/webhook'));
		case 'app':
			return show(await call(base, '/sandbox/app'));
		case 'stats':
			return show(await call(base, '/sandbox/stats'));
		case 'clock':
			if (!rest[0]) return show(await call(base, '/sandbox/clock'));
			return show(
				await call(base, '/sandbox/clock', 'POST', { advanceMs: parseDuration(rest[0]) }),
			);
		case 'revision': {
			/** @type {Record<string, unknown>} */
			const patch = {};
			if (rest[0]) patch.revision = rest[0];
			if (typeof flags['signature-mode'] === 'string')
				patch.signature_mode = flags['signature-mode'];
			if (flags['by-revision']) patch.signature_mode = null;
			if (Object.keys(patch).length === 0) return show(await call(base, '/sandbox/revision'));
			return show(await call(base, '/sandbox/revision', 'POST', patch));
		}
		case 'verify':
			return show(await call(base, '/sandbox/verify', 'POST', { wait: true }));
		case 'accounts':
			return show(await call(base, '/sandbox/accounts'));
		case 'reset':
			return show(
				await call(base, '/sandbox/reset', 'POST', {
					webhook: !!flags.webhook,
					tokens: !!flags.tokens,
				}),
			);
		default:
			console.log(
				'usage: node sandbox/cli.js serve|dm|inbox|faults|webhook|app|stats|clock|reset|revision|verify|accounts ...  (see the header of sandbox/cli.js and sandbox/README.md)',
			);
			process.exitCode = command ? 2 : 0;
	}
}

if (require.main === module) {
	main().catch((e) => {
		console.error(`error: ${e.message}`);
		process.exit(1);
	});
}

module.exports = { parseArgs, parseValue, parseDuration, serveOptions };
