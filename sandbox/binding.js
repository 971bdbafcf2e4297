// @ts-check
'use strict';
// Binding business accounts to the app (spec §5r2, §7r2), in both revisions:
// - GET /api/leona/three/im/account/add?appId=&token= stands in for the page the account owner
//   opens (or scans): it binds the next free account and pushes bind_account with the token as
//   given, plus the account_code the token carries when it decrypts with the app's key (that is
//   how a receiver matches the push to the binding it started);
// - POST /api/open/im/third/bind_account and /unbind_account (Access-Token) bind or unbind a
//   named account and push bind_account / unbind_account.
// The page answers HTML (it is a web page), the API the usual envelope.
const { decrypt } = require('./crypto');
const { CODES, ApiError } = require('./envelope');
const { isObject, sendRaw } = require('./http-util');
const { completeEvent } = require('./events');

const BIND_PAGE_PATH = '/api/leona/three/im/account/add';

/**
 * @typedef {import('./core').Ctx} Ctx
 * @typedef {import('./config').Account} Account
 * @typedef {ReturnType<typeof import('./accounts').createAccounts>} Accounts
 */

/** @param {Ctx} ctx @param {Accounts} accounts */
function createBinding(ctx, accounts) {
	const { opts, stats } = ctx;

	/** The binding's own account_code, when the token is our encryption of {"account_code": …}. @param {string} token */
	function accountCode(token) {
		try {
			const value = JSON.parse(decrypt(token, opts.encryptionKey));
			return isObject(value) ? value.account_code : undefined;
		} catch {
			return undefined;
		}
	}

	/** @param {Account} acc @param {string} nickName @param {string} token */
	function pushBound(acc, nickName, token) {
		const code = accountCode(token);
		accounts.setCode(acc.user_id, code);
		stats.binds++;
		/** @type {Record<string, unknown>} */
		const raw = { event: 'account_bound', user_id: acc.user_id, nick_name: nickName, token };
		if (code !== undefined) raw.account_code = code;
		raw.app_id = opts.appId;
		ctx.log(
			`bind ${acc.user_id} (${acc.third_account_id})${code === undefined ? '' : ` account_code ${JSON.stringify(code)}`}`,
		);
		return ctx.push(completeEvent(ctx, raw, { third_account_id: acc.third_account_id }));
	}

	/**
	 * GET /api/leona/three/im/account/add: binds the next free account.
	 * @param {URLSearchParams} query
	 * @returns {{status: number, html: string}}
	 */
	function page(query) {
		const appId = query.get('appId');
		const token = query.get('token');
		if (appId !== opts.appId)
			return {
				status: 400,
				html: errorPage(
					'应用 ID 无效',
					appId ? `appId ${appId} is not this app` : 'appId is missing',
				),
			};
		if (!token) return { status: 400, html: errorPage('缺少绑定令牌', 'token is missing') };
		const acc = accounts.bindNextFree();
		if (!acc)
			return {
				status: 409,
				html: errorPage('没有可绑定的账号', 'no free sandbox account left to bind'),
			};
		pushBound(acc, acc.nickname, token);
		return { status: 200, html: boundPage(acc, opts.appId) };
	}

	/** POST /api/open/im/third/bind_account {user_id, nick_name?, token} @param {any} body */
	function bindApi(body) {
		requireStrings(body, ['user_id', 'token']);
		if (body.nick_name !== undefined && typeof body.nick_name !== 'string')
			throw new ApiError(CODES.MALFORMED, 'nick_name must be a string');
		const acc = accounts.bindUser(body.user_id, body.nick_name || undefined);
		pushBound(acc, body.nick_name || acc.nickname, body.token);
		return {
			user_id: acc.user_id,
			third_account_id: acc.third_account_id,
			nick_name: acc.nickname,
		};
	}

	/** POST /api/open/im/third/unbind_account {user_id, third_account_id} @param {any} body */
	function unbindApi(body) {
		requireStrings(body, ['user_id', 'third_account_id']);
		const acc = accounts.find(body.user_id);
		if (!acc || acc.third_account_id !== body.third_account_id)
			throw new ApiError(
				CODES.MALFORMED,
				'no bound account with this user_id and third_account_id',
			);
		const code = accounts.code(acc.user_id);
		accounts.unbind(acc.user_id);
		accounts.setCode(acc.user_id, undefined);
		stats.unbinds++;
		/** @type {Record<string, unknown>} */
		const raw = { event: 'account_unbound', user_id: acc.user_id };
		if (code !== undefined) raw.account_code = code;
		ctx.log(`unbind ${acc.user_id} (${acc.third_account_id})`);
		ctx.push(completeEvent(ctx, raw, { third_account_id: acc.third_account_id }));
		return { user_id: acc.user_id, third_account_id: acc.third_account_id };
	}

	return { page, bindApi, unbindApi };
}

/** @param {any} body @param {string[]} fields */
function requireStrings(body, fields) {
	if (!isObject(body)) throw new ApiError(CODES.MALFORMED, 'body must be a JSON object');
	for (const f of fields)
		if (typeof body[f] !== 'string' || body[f] === '')
			throw new ApiError(CODES.MALFORMED, `missing field ${f} (a non-empty string)`);
}

/** @param {unknown} s */
const esc = (s) =>
	String(s).replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
	);

/** @param {string} title @param {string} body */
const html = (title, body) =>
	`<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title></head>\n<body>\n${body}\n</body></html>\n`;

/** @param {Account} acc @param {string} appId */
function boundPage(acc, appId) {
	const who = `<b>${esc(acc.nickname)}</b>`;
	const ids = `user_id <code>${esc(acc.user_id)}</code>, third_account_id <code>${esc(acc.third_account_id)}</code>`;
	return html(
		'绑定成功 Account bound',
		[
			'<h1>绑定成功 Account bound</h1>',
			`<p>账号 ${who}（${ids}）已绑定到应用 <code>${esc(appId)}</code>。</p>`,
			`<p>The account ${who} (${ids}) is now bound to the app <code>${esc(appId)}</code>.</p>`,
		].join('\n'),
	);
}

/** @param {string} zh @param {string} en */
function errorPage(zh, en) {
	return html(
		'绑定失败 Binding failed',
		`<h1>绑定失败 Binding failed</h1>\n<p>${esc(zh)}</p>\n<p>${esc(en)}</p>`,
	);
}

/**
 * @param {ReturnType<typeof import('./core').createCore>} core
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
function handleBindPage(core, req, res, url) {
	const answer =
		req.method === 'GET'
			? core.binding.page(url.searchParams)
			: { status: 405, html: errorPage('请用 GET 打开此页面', 'open this page with GET') };
	sendRaw(res, answer.status, answer.html, {
		'Content-Type': 'text/html; charset=utf-8',
		'Cache-Control': 'no-store',
	});
}

module.exports = { createBinding, handleBindPage, BIND_PAGE_PATH };
