// @ts-check
'use strict';
// The send endpoint (spec §5, §5r2, §7, §7r2): validation, reply window, quota, request_id
// idempotency, and echoes; plus the creation of inbound customer messages for the control API.
// The two revisions differ only in the body: r2 adds user_id (a bound business account) and
// carries the encrypted content as "content-encrypted" instead of "content".
const { decrypt, randomId } = require('./crypto');
const { CODES, ApiError, ok, fail } = require('./envelope');
const { isObject } = require('./http-util');

/** @typedef {import('./core').Ctx} Ctx */
/** @typedef {import('./envelope').ApiAnswer} ApiAnswer */

/** Sendable types and the string fields their decrypted content must carry. */
const SENDABLE = {
	TEXT: ['text'],
	IMAGE: ['url'],
	CARD: ['title', 'url', 'image'],
	NOTE: ['note_id'],
};

/**
 * @param {Ctx} ctx
 * @param {ReturnType<typeof import('./conversations').createConversations>} convs
 */
function createMessaging(ctx, convs) {
	const { opts, clock, stats } = ctx;
	/** final answers per request_id, replayed verbatim @type {Map<string, ApiAnswer>} */
	const answered = new Map();
	/** @type {Array<Record<string, any>>} */
	const sent = [];

	/** @param {string} userId */
	const account = (userId) => ctx.accounts.find((a) => a.user_id === userId);

	/** @param {any} body @param {boolean} r2 @returns {{type: string, content: Record<string, any>}} */
	function validate(body, r2) {
		if (!isObject(body)) throw new ApiError(CODES.MALFORMED, 'body must be a JSON object');
		const contentField = r2 ? 'content-encrypted' : 'content';
		const required = [
			'message_type',
			'from_user_id',
			'to_user_id',
			'third_account_id',
			'timestamp',
			contentField,
		];
		for (const f of r2 ? ['user_id', ...required] : required)
			if (body[f] === undefined || body[f] === null || body[f] === '')
				throw new ApiError(CODES.MALFORMED, `missing field ${f}`);
		if (r2 && (typeof body.user_id !== 'string' || !account(body.user_id)))
			throw new ApiError(CODES.MALFORMED, 'user_id is not a business account bound to this app');
		const type = body.message_type;
		if (typeof type !== 'string' || !Object.hasOwn(SENDABLE, type))
			throw new ApiError(
				CODES.MALFORMED,
				`message_type must be one of ${Object.keys(SENDABLE).join(', ')}`,
			);
		const acc = typeof body.from_user_id === 'string' ? account(body.from_user_id) : undefined;
		if (!acc)
			throw new ApiError(
				CODES.MALFORMED,
				'from_user_id is not a business account bound to this app',
			);
		if (typeof body.to_user_id !== 'string')
			throw new ApiError(CODES.MALFORMED, 'to_user_id must be a string');
		if (body.third_account_id !== acc.third_account_id)
			throw new ApiError(CODES.MALFORMED, 'third_account_id does not match from_user_id');
		if (!Number.isInteger(body.timestamp) || body.timestamp < 1e12)
			throw new ApiError(CODES.MALFORMED, 'timestamp must be an integer in milliseconds');
		const wire = body[contentField];
		if (typeof wire !== 'string')
			throw new ApiError(CODES.MALFORMED, `${contentField} must be an encrypted string`);
		let content;
		try {
			content = JSON.parse(decrypt(wire, opts.encryptionKey));
		} catch (e) {
			throw new ApiError(CODES.MALFORMED, `${contentField}: ${e.message}`);
		}
		if (!isObject(content))
			throw new ApiError(CODES.MALFORMED, `${contentField} must decrypt to a JSON object`);
		for (const f of SENDABLE[/** @type {keyof typeof SENDABLE} */ (type)])
			if (typeof content[f] !== 'string' || content[f] === '')
				throw new ApiError(CODES.MALFORMED, `${type} content needs a non-empty string ${f}`);
		return { type, content };
	}

	/**
	 * POST /api/open/im/third/send, after the access token was accepted.
	 * @param {any} body
	 * @returns {ApiAnswer}
	 */
	function send(body) {
		const requestId = isObject(body) ? body.request_id : undefined;
		if (typeof requestId !== 'string' || !requestId) {
			stats.sendErrors++;
			return fail(CODES.MALFORMED, 'request_id must be a non-empty string');
		}
		const previous = answered.get(requestId);
		if (previous) {
			stats.sendReplays++;
			ctx.log(`send replay request_id=${requestId}`);
			return { ...previous, headers: { 'X-Sandbox-Replay': 'true' } };
		}
		const r2 = ctx.revision.current() === 'r2';
		let checked;
		try {
			checked = validate(body, r2);
		} catch (e) {
			stats.sendErrors++;
			ctx.log(`send rejected ${e.code}: ${e.message}`);
			return fail(e.code, e.message);
		}
		const conv = convs.find(body.from_user_id, body.to_user_id);
		/** @type {ApiAnswer} */
		let answer;
		if (!conv || !convs.windowState(conv).open) {
			answer = fail(
				CODES.WINDOW_CLOSED,
				`reply window closed: the customer has not written in the last ${opts.windowHours} h`,
			);
			stats.sendErrors++;
			ctx.log(`send 45015 window closed → ${body.to_user_id}`);
		} else if (conv.quotaUsed >= opts.quota) {
			answer = fail(CODES.QUOTA_USED, `message quota of this window used up (${opts.quota})`);
			stats.sendErrors++;
			ctx.log(`send 45016 quota used → ${body.to_user_id}`);
		} else {
			answer = accept(body, checked, r2);
		}
		answered.set(requestId, answer);
		return answer;
	}

	/** @param {any} body @param {{type: string, content: Record<string, any>}} checked @param {boolean} r2 */
	function accept(body, checked, r2) {
		const messageId = randomId('m_', 12);
		const at = clock.now();
		const event = {
			event: 'message',
			message_id: messageId,
			message_type: checked.type,
			message_source: 3,
			from_user_id: body.from_user_id,
			to_user_id: body.to_user_id,
			third_account_id: body.third_account_id,
			timestamp: at,
			content: checked.content,
			user_info: { ...convs.get(body.from_user_id, body.to_user_id).profile },
		};
		convs.record(event, { api: true, request_id: body.request_id });
		sent.push({
			message_id: messageId,
			request_id: body.request_id,
			...(r2 ? { user_id: body.user_id } : {}),
			from: body.from_user_id,
			to: body.to_user_id,
			third_account_id: body.third_account_id,
			type: checked.type,
			content: checked.content,
			client_timestamp: body.timestamp,
			at,
		});
		stats.sends++;
		ctx.events.emit('sent', sent[sent.length - 1]);
		ctx.log(
			`send ok ${messageId} ${checked.type} → ${body.to_user_id}: ${preview(checked.content)}`,
		);
		if (ctx.faults.current().echo) ctx.push(event);
		return ok({ message_id: messageId });
	}

	/**
	 * An inbound message from a customer (message_source 1), as the control API creates it.
	 * @param {string} customerId
	 * @param {Record<string, any>} input
	 */
	function inboundEvent(customerId, input) {
		const businessId = input.business_user_id ?? input.to_user_id ?? opts.businessUserId;
		const acc = account(businessId);
		if (!acc) throw new Error(`unknown business account ${businessId}`);
		const type = input.message_type ?? 'TEXT';
		const content =
			input.content ?? (input.text !== undefined ? { text: String(input.text) } : undefined);
		if (content === undefined) throw new Error('give text or content');
		if (input.timestamp !== undefined && !Number.isInteger(input.timestamp))
			throw new Error('timestamp must be an integer (ms)');
		const prev = convs.find(businessId, customerId)?.profile;
		return {
			event: 'message',
			message_id: input.message_id ?? randomId('m_', 12),
			message_type: type,
			message_source: 1,
			from_user_id: customerId,
			to_user_id: businessId,
			third_account_id: input.third_account_id ?? acc.third_account_id,
			timestamp: input.timestamp ?? clock.now(),
			content,
			user_info: {
				nickname: input.nickname ?? prev?.nickname ?? `顾客_${customerId}`,
				avatar: input.avatar ?? prev?.avatar ?? `https://sandbox.invalid/avatar/${customerId}.png`,
			},
		};
	}

	function clear() {
		answered.clear();
		sent.length = 0;
	}

	return { send, inboundEvent, sent: () => sent, clear, SENDABLE };
}

/** @param {Record<string, any>} content */
function preview(content) {
	const s =
		content.text ?? content.title ?? content.url ?? content.note_id ?? JSON.stringify(content);
	return String(s).length > 60 ? `${String(s).slice(0, 57)}...` : String(s);
}

module.exports = { createMessaging, SENDABLE, preview };
