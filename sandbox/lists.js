// @ts-check
'use strict';
// The three list endpoints of spec §5 with the paging rules of §7: page_num from 1,
// page_size 1–100 (default 20), an empty list past the end, total counts all items.
const { CODES, ApiError } = require('./envelope');
const { isObject } = require('./http-util');

/** @typedef {import('./core').Ctx} Ctx */

/** @param {any} body @returns {{pageNum: number, pageSize: number}} */
function paging(body) {
	const pageNum = body.page_num ?? 1;
	const pageSize = body.page_size ?? 20;
	if (!Number.isInteger(pageNum) || pageNum < 1) throw new ApiError(CODES.MALFORMED, 'page_num must be an integer >= 1');
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
		throw new ApiError(CODES.MALFORMED, 'page_size must be an integer from 1 to 100');
	return { pageNum, pageSize };
}

/**
 * @template T
 * @param {T[]} items
 * @param {{pageNum: number, pageSize: number}} p
 */
function page(items, p) {
	const start = (p.pageNum - 1) * p.pageSize;
	return { list: items.slice(start, start + p.pageSize), total: items.length };
}

/** @param {Ctx} ctx */
function createLists(ctx) {
	/** @param {any} body */
	function requireBody(body) {
		if (!isObject(body)) throw new ApiError(CODES.MALFORMED, 'body must be a JSON object');
		return body;
	}

	/** @param {any} body @returns {string} */
	function requireUser(body) {
		if (typeof body.user_id !== 'string' || !body.user_id) throw new ApiError(CODES.MALFORMED, 'missing field user_id');
		if (!ctx.accounts.some((a) => a.user_id === body.user_id))
			throw new ApiError(CODES.MALFORMED, 'user_id is not a business account bound to this app');
		return body.user_id;
	}

	return {
		/** POST /api/open/im/auth/bind_users @param {any} body */
		bindUsers(body) {
			const p = paging(requireBody(body));
			return page(ctx.accounts.map((a) => ({ ...a })), p);
		},
		/** POST /api/open/im/note/list @param {any} body */
		notes(body) {
			const userId = requireUser(requireBody(body));
			return page(ctx.notes.get(userId) ?? [], paging(body));
		},
		/** POST /api/open/im/material/list @param {any} body */
		materials(body) {
			const userId = requireUser(requireBody(body));
			return page(ctx.materials.get(userId) ?? [], paging(body));
		},
	};
}

module.exports = { createLists, paging, page };
