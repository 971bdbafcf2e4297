// @ts-check
'use strict';
// The business accounts bound to the app, and a pool of free ones the binding page (spec §5r2)
// binds one by one. The bound list is ctx.accounts itself, mutated in place, so that send
// validation and the lists see a binding at once. An unbound account goes back to the pool.
const { seedAccounts, seedFreeAccounts, seedNotes, seedMaterials } = require('./config');

/**
 * @typedef {import('./config').Account} Account
 * @typedef {import('./config').SandboxOptions} SandboxOptions
 */

/**
 * @param {SandboxOptions} opts
 * @param {{accounts: Account[], notes: Map<string, import('./config').Note[]>, materials: Map<string, import('./config').Material[]>}} ctx
 */
function createAccounts(opts, ctx) {
	const bound = ctx.accounts;
	/** @type {Account[]} */
	const free = [];
	/** the account_code of the binding token each account was bound with (spec §5r2) */
	/** @type {Map<string, unknown>} */
	const codes = new Map();

	/** Every bound account has notes and materials to list. @param {Account} acc */
	function furnish(acc) {
		if (!ctx.notes.has(acc.user_id)) ctx.notes.set(acc.user_id, seedNotes(opts.notes, acc.user_id));
		if (!ctx.materials.has(acc.user_id))
			ctx.materials.set(acc.user_id, seedMaterials(opts.materials, acc.user_id));
	}

	/** Back to the configured accounts: the seeded bound ones and a full pool. */
	function seed() {
		bound.splice(0, bound.length, ...seedAccounts(opts));
		free.splice(0, free.length, ...seedFreeAccounts(opts));
		codes.clear();
		bound.forEach(furnish);
	}

	/** @param {string} userId */
	const find = (userId) => bound.find((a) => a.user_id === userId);

	/** @param {Account} acc */
	function bind(acc) {
		bound.push(acc);
		furnish(acc);
		return acc;
	}

	/** Binds the next free account; undefined when the pool is empty. */
	function bindNextFree() {
		const acc = free.shift();
		return acc && bind(acc);
	}

	/**
	 * Binds this user id: an account already bound stays (its nickname updated when given), a free
	 * one leaves the pool, an unknown one is created.
	 * @param {string} userId @param {string|undefined} nickname
	 */
	function bindUser(userId, nickname) {
		const known = find(userId);
		if (known) {
			if (nickname) known.nickname = nickname;
			return known;
		}
		const i = free.findIndex((a) => a.user_id === userId);
		const acc =
			i >= 0
				? free.splice(i, 1)[0]
				: { user_id: userId, third_account_id: `ta_${userId}`, nickname: userId, auth_status: 2 };
		if (nickname) acc.nickname = nickname;
		return bind(acc);
	}

	/** @param {string} userId @returns {Account|undefined} the account, now free again */
	function unbind(userId) {
		const i = bound.findIndex((a) => a.user_id === userId);
		if (i < 0) return undefined;
		const [acc] = bound.splice(i, 1);
		free.push(acc);
		return acc;
	}

	/** @param {Account} acc */
	const withCode = (acc) =>
		codes.has(acc.user_id) ? { ...acc, account_code: codes.get(acc.user_id) } : { ...acc };

	seed();
	return {
		find,
		bindNextFree,
		bindUser,
		unbind,
		seed,
		/** @param {string} userId @param {unknown} code undefined forgets it */
		setCode(userId, code) {
			if (code === undefined) codes.delete(userId);
			else codes.set(userId, code);
		},
		/** @param {string} userId */
		code: (userId) => codes.get(userId),
		view: () => ({ bound: bound.map(withCode), free: free.map((a) => ({ ...a })) }),
	};
}

module.exports = { createAccounts };
