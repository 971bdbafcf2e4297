// @ts-check
'use strict';
// The list endpoints. Revision 1 (spec §5, §7): bind_users, note/list and material/list with
// page_num from 1, page_size 1–100 (default 20), answering {list, total}. Revision 2 (§5r2,
// §7r2): pageNo / pageSize with the same bounds, answering {list, total, pageNo, pageSize}, plus
// page/list (landing pages) and comment/list; bind_users takes an optional user_id and does not
// page. Either way: an empty list past the end, and total counts all items.
const { seedComments } = require('./config');
const { CODES, ApiError } = require('./envelope');
const { isObject } = require('./http-util');

/** @typedef {import('./core').Ctx} Ctx */

/**
 * @param {any} body @param {'page_num'|'pageNo'} numKey @param {'page_size'|'pageSize'} sizeKey
 * @returns {{pageNum: number, pageSize: number}}
 */
function readPaging(body, numKey, sizeKey) {
	const pageNum = body[numKey] ?? 1;
	const pageSize = body[sizeKey] ?? 20;
	if (!Number.isInteger(pageNum) || pageNum < 1)
		throw new ApiError(CODES.MALFORMED, `${numKey} must be an integer >= 1`);
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
		throw new ApiError(CODES.MALFORMED, `${sizeKey} must be an integer from 1 to 100`);
	return { pageNum, pageSize };
}

/** Revision 1 paging. @param {any} body */
const paging = (body) => readPaging(body, 'page_num', 'page_size');

/**
 * @template T
 * @param {T[]} items
 * @param {{pageNum: number, pageSize: number}} p
 */
function page(items, p) {
	const start = (p.pageNum - 1) * p.pageSize;
	return { list: items.slice(start, start + p.pageSize), total: items.length };
}

/**
 * Revision 2: pageNo / pageSize, echoed in the answer.
 * @template T
 * @param {T[]} items @param {any} body
 */
function pageR2(items, body) {
	const p = readPaging(body, 'pageNo', 'pageSize');
	return { ...page(items, p), pageNo: p.pageNum, pageSize: p.pageSize };
}

/** @param {Ctx} ctx */
function createLists(ctx) {
	const r2 = () => ctx.revision.current() === 'r2';

	/** @param {any} body */
	function requireBody(body) {
		if (!isObject(body)) throw new ApiError(CODES.MALFORMED, 'body must be a JSON object');
		return body;
	}

	/** @param {any} body @returns {string} */
	function requireUser(body) {
		if (typeof body.user_id !== 'string' || !body.user_id)
			throw new ApiError(CODES.MALFORMED, 'missing field user_id');
		if (!ctx.accounts.some((a) => a.user_id === body.user_id))
			throw new ApiError(CODES.MALFORMED, 'user_id is not a business account bound to this app');
		return body.user_id;
	}

	/** r2: user_id is optional (the default business account); when given it must be bound. @param {any} body */
	const userOrDefault = (body) =>
		body.user_id === undefined ? ctx.opts.businessUserId : requireUser(body);

	/** @param {any} body @param {string} field */
	function optionalString(body, field) {
		if (body[field] === undefined) return undefined;
		if (typeof body[field] !== 'string' || !body[field])
			throw new ApiError(CODES.MALFORMED, `${field} must be a non-empty string`);
		return /** @type {string} */ (body[field]);
	}

	/** @param {string} noteId */
	const noteExists = (noteId) =>
		[...ctx.notes.values()].some((notes) => notes.some((n) => n.note_id === noteId));

	return {
		/** POST /api/open/im/auth/bind_users @param {any} body */
		bindUsers(body) {
			requireBody(body);
			const all = ctx.accounts.map((a) => ({ ...a }));
			if (!r2()) return page(all, paging(body));
			const userId = optionalString(body, 'user_id');
			const list = userId === undefined ? all : all.filter((a) => a.user_id === userId);
			return { list, total: list.length };
		},
		/** POST /api/open/im/note/list @param {any} body */
		notes(body) {
			requireBody(body);
			if (!r2()) return page(ctx.notes.get(requireUser(body)) ?? [], paging(body));
			return pageR2(ctx.notes.get(userOrDefault(body)) ?? [], body);
		},
		/** POST /api/open/im/material/list @param {any} body */
		materials(body) {
			requireBody(body);
			if (!r2()) return page(ctx.materials.get(requireUser(body)) ?? [], paging(body));
			const type = optionalString(body, 'type');
			const all = ctx.materials.get(userOrDefault(body)) ?? [];
			return pageR2(type === undefined ? all : all.filter((m) => m.type === type), body);
		},
		/** POST /api/open/im/page/list (revision 2's; the same in r1) @param {any} body */
		landingPages(body) {
			return pageR2(ctx.landingPages, requireBody(body));
		},
		/** POST /api/open/im/comment/list {noteId} (revision 2's; the same in r1) @param {any} body */
		comments(body) {
			requireBody(body);
			if (typeof body.noteId !== 'string' || !body.noteId)
				throw new ApiError(CODES.MALFORMED, 'missing field noteId');
			return pageR2(noteExists(body.noteId) ? seedComments(body.noteId, ctx.startedAt) : [], body);
		},
	};
}

module.exports = { createLists, paging, page };
