// @ts-check
'use strict';
// What an event other than a DM carries in each revision, from the revision-1 style input that
// POST /sandbox/events takes in both ({event: "lead", …fields}).
//
// r1 (spec §4): the input as given, plus message_id (unless message_id: null), timestamp and
// third_account_id, exactly as the sandbox always did.
// r2 (spec §4r2): only the event's own fields (the wire drops `event`); lead fields given under
// `content` are flattened into the top level; the business account's user_id (and, for a bind,
// the app id) are filled in when missing, since every r2 event of those kinds names them. No
// message_id is added: r2 events have none (receivers deduplicate them on the payload).
const { randomId } = require('./crypto');
const { isObject } = require('./http-util');

/** @typedef {import('./core').Ctx} Ctx */

/** r2 fields filled in when missing, per event. @type {Record<string, (ctx: Ctx) => Record<string, unknown>>} */
const R2_DEFAULTS = {
	account_bound: (ctx) => ({ user_id: ctx.opts.businessUserId, app_id: ctx.opts.appId }),
	account_unbound: (ctx) => ({ user_id: ctx.opts.businessUserId }),
	kos_auth: (ctx) => ({ user_id: ctx.opts.businessUserId }),
};

/**
 * @param {Ctx} ctx
 * @param {Record<string, any>} raw input with `event` set (not a message, not verify_webhook)
 * @param {{third_account_id?: string}} [r1Extra] what r1 adds besides the defaults (e.g. the bound account's id)
 * @returns {Record<string, any>} the internal event: `event` plus the fields of the current revision
 */
function completeEvent(ctx, raw, r1Extra = {}) {
	const type = String(raw.event);
	if (ctx.revision.current() === 'r1') {
		/** @type {Record<string, any>} */
		const event = { ...raw, event: type, ...r1Extra };
		if (!('message_id' in raw)) event.message_id = randomId('e_', 12);
		else if (raw.message_id === null) delete event.message_id;
		event.timestamp ??= ctx.clock.now();
		event.third_account_id ??= ctx.opts.thirdAccountId;
		return event;
	}
	const { event: _name, ...given } = raw;
	/** @type {Record<string, any>} */
	let fields = given;
	if (type === 'lead' && isObject(given.content)) {
		const { content, ...rest } = given;
		fields = { ...rest, ...content };
	}
	if (fields.message_id === null) delete fields.message_id;
	const defaults = R2_DEFAULTS[type]?.(ctx) ?? {};
	for (const [k, v] of Object.entries(defaults)) if (fields[k] === undefined) fields[k] = v;
	return { event: type, ...fields };
}

module.exports = { completeEvent };
