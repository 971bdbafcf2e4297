// @ts-check
'use strict';
const { EventEmitter } = require('node:events');
// The sandbox's state and operations, shared by the HTTP control API and the programmatic API.
const { createClock } = require('./clock');
const { normalizeOptions, seedLandingPages } = require('./config');
const { keyBytes, randomId } = require('./crypto');
const { createAuth } = require('./oauth');
const { createConversations } = require('./conversations');
const { createMessaging, preview } = require('./messaging');
const { createLists } = require('./lists');
const { createFaults, createRateLimiter } = require('./faults');
const { createPusher } = require('./push');
const { createTeamChat } = require('./teamChat');
const { createLlm } = require('./llm');
const { createArk } = require('./ark');
const { createAssist } = require('./assist');
const { createDesk } = require('./desk');
const { createRevision } = require('./revision');
const { createAccounts } = require('./accounts');
const { createBinding } = require('./binding');
const { completeEvent } = require('./events');
const { URL_CHECK } = require('./wire');

/**
 * @typedef {ReturnType<typeof newStats>} Stats
 * @typedef {{opts: import('./config').SandboxOptions, clock: ReturnType<typeof createClock>, stats: Stats,
 *   log: (line: string) => void, accounts: import('./config').Account[],
 *   notes: Map<string, import('./config').Note[]>, materials: Map<string, import('./config').Material[]>,
 *   landingPages: import('./config').LandingPage[], startedAt: number,
 *   faults: ReturnType<typeof createFaults>, revision: ReturnType<typeof createRevision>,
 *   webhookUrl: () => string|undefined,
 *   push: (event: Record<string, any>) => ReturnType<ReturnType<typeof createPusher>['push']>,
 *   events: EventEmitter}} Ctx
 */

function newStats() {
	return {
		exchanges: 0,
		exchangeFailures: 0,
		refreshes: 0,
		refreshFailures: 0,
		tokenErrors: 0,
		sends: 0,
		sendReplays: 0,
		sendErrors: 0,
		apiCalls: 0,
		rateLimited: 0,
		serverErrors: 0,
		pushes: 0,
		pushAttempts: 0,
		pushFailures: 0,
		pushesAcked: 0,
		pushesGivenUp: 0,
		arkCalls: 0,
		arkErrors: 0,
		binds: 0,
		unbinds: 0,
	};
}

/** @param {Partial<import('./config').SandboxOptions>} [input] */
function createCore(input) {
	const opts = normalizeOptions(input);
	const clock = createClock();
	let webhookUrl = opts.webhookUrl;
	let baseUrl = '';
	/** @type {Ctx} */
	const ctx = {
		opts,
		clock,
		stats: newStats(),
		log: (line) => opts.log?.(line),
		// filled (and refilled on reset) by accounts.js: the bound accounts
		accounts: [],
		notes: new Map(),
		materials: new Map(),
		landingPages: seedLandingPages(),
		// comments (comment/list) are dated relative to this, so they stay the same between calls
		startedAt: clock.now(),
		faults: createFaults(opts),
		revision: createRevision(opts),
		webhookUrl: () => webhookUrl,
		push: (event) => pusher.push(event),
		// 'sent' fires for every accepted API send: tools (the benchmark) wait on it instead of polling.
		events: new EventEmitter(),
	};
	const accounts = createAccounts(opts, ctx);
	const binding = createBinding(ctx, accounts);
	const auth = createAuth(ctx);
	const convs = createConversations(ctx);
	const messaging = createMessaging(ctx, convs);
	const lists = createLists(ctx);
	const teamChat = createTeamChat();
	const llm = createLlm();
	const ark = createArk(ctx);
	const pusher = createPusher(ctx);
	const assist = createAssist(ctx, (customerId, businessId) =>
		conversation(customerId, businessId),
	);
	const desk = createDesk(ctx, teamChat);
	const rateLimiter = createRateLimiter(
		() => opts.rateLimitPerSecond,
		() => ctx.clock.now(),
	);
	auth.issueAuthCode();
	auth.issueChain();

	function appInfo() {
		const values = auth.credentialValues();
		return {
			app_id: opts.appId,
			secret: opts.appSecret,
			encryption_key: opts.encryptionKey,
			wire_revision: ctx.revision.current(),
			signature_mode: ctx.revision.signatureMode(),
			base_url: baseUrl,
			refresh_token: values.refresh_token,
			auth_code: values.auth_code,
			business_user_id: opts.businessUserId,
			third_account_id: opts.thirdAccountId,
			webhook_secret: opts.webhookSecret || opts.appSecret,
			webhook_url: webhookUrl ?? null,
			window_hours: opts.windowHours,
			quota: opts.quota,
			ark_app_id: opts.arkAppId,
			ark_app_secret: opts.arkAppSecret,
			ark_access_token: opts.arkAccessToken,
		};
	}

	/**
	 * An inbound customer message (message_source 1): recorded, window opened, pushed.
	 * @param {string} customerId @param {Record<string, any>} [input]
	 */
	function customerMessage(customerId, input = {}) {
		const event = messaging.inboundEvent(customerId, input);
		convs.record(event);
		ctx.log(
			`dm from ${customerId} ${event.message_id}: ${preview(/** @type {any} */ (event.content))}`,
		);
		const { push_id, done } = pusher.push(event);
		return { message_id: event.message_id, event, push_id, done };
	}

	/** @param {Record<string, any>} event */
	function pushAnswer(event) {
		const { push_id, done } = pusher.push(event);
		return {
			message_id: typeof event.message_id === 'string' ? event.message_id : null,
			event,
			push_id,
			done,
		};
	}

	/**
	 * The URL check of the current revision: r2 pushes a plain {"test": true} (any HTTP 200
	 * acknowledges it), r1 the verify_webhook challenge (the answer must echo it).
	 * @param {{challenge?: unknown}} [input]
	 */
	function verifyWebhook(input = {}) {
		if (ctx.revision.current() === 'r2') return pushAnswer({ event: URL_CHECK });
		return pushEvent({ event: 'verify_webhook', challenge: input.challenge });
	}

	/**
	 * Any event (revision-1 style input in both revisions), completed with defaults and pushed in
	 * the current revision's shape; message events are also recorded in their conversation.
	 * @param {Record<string, any>} input
	 */
	function pushEvent(input) {
		const { wait: _wait, ...raw } = input;
		const type = raw.event ?? 'message';
		if (type === 'verify_webhook') {
			// the r1 challenge, kept as is in both revisions: receivers support it in both
			return pushAnswer({
				event: 'verify_webhook',
				challenge: String(raw.challenge ?? randomId('ch_', 8)),
			});
		}
		if (type === 'message' && (raw.message_source ?? 1) === 1) {
			if (typeof raw.from_user_id !== 'string' || !raw.from_user_id)
				throw new Error('from_user_id (the customer) is required');
			return customerMessage(raw.from_user_id, raw);
		}
		if (type !== 'message') return pushAnswer(completeEvent(ctx, { ...raw, event: type }));
		/** @type {Record<string, any>} */
		const event = { ...raw, event: type };
		if (!('message_id' in raw)) event.message_id = randomId('m_', 12);
		else if (raw.message_id === null) delete event.message_id;
		event.timestamp ??= ctx.clock.now();
		event.third_account_id ??= opts.thirdAccountId;
		if (![2, 3].includes(event.message_source)) throw new Error('message_source must be 1, 2 or 3');
		if (typeof event.to_user_id !== 'string' || !event.to_user_id)
			throw new Error('to_user_id (the customer) is required');
		event.from_user_id ??= opts.businessUserId;
		event.message_type ??= 'TEXT';
		if (event.content === undefined && event.text !== undefined)
			event.content = { text: String(event.text) };
		delete event.text;
		event.user_info ??= { ...convs.get(event.from_user_id, event.to_user_id).profile };
		convs.record(event);
		return pushAnswer(event);
	}

	function clockInfo() {
		const now = ctx.clock.now();
		return {
			now,
			iso: new Date(now).toISOString(),
			offset_ms: ctx.clock.offsetMs,
			frozen: ctx.clock.frozen,
		};
	}

	/** @param {string} customerId @param {string} [businessId] */
	function conversation(customerId, businessId = opts.businessUserId) {
		const conv = convs.find(businessId, customerId);
		if (conv) return convs.view(conv);
		return {
			conversation_key: `${businessId}:${customerId}`,
			business_user_id: businessId,
			customer_user_id: customerId,
			profile: null,
			window: {
				open: false,
				opened_at: null,
				closes_at: null,
				quota: opts.quota,
				used: 0,
				remaining: 0,
			},
			messages: [],
		};
	}

	/** @param {Record<string, any>} patch */
	function setFaults(patch) {
		const actions = ctx.faults.set(patch);
		/** @type {Record<string, unknown>} */
		const done = {};
		if (actions.includes('expireAccessTokens')) {
			done.expireAccessTokens = auth.expireAllAccessTokens();
			ctx.log(`fault: ${done.expireAccessTokens} access tokens expired`);
		}
		return { faults: ctx.faults.current(), actions: done };
	}

	/**
	 * @param {{webhook?: boolean, tokens?: boolean}} [what] also clear the webhook / all tokens
	 */
	function reset(what = {}) {
		pusher.clear();
		teamChat.clear();
		llm.clear();
		ark.reset();
		convs.clear();
		messaging.clear();
		ctx.faults.clear();
		ctx.clock.reset();
		rateLimiter.reset();
		accounts.seed();
		Object.assign(ctx.stats, newStats());
		if (what.webhook) webhookUrl = undefined;
		if (what.tokens) {
			auth.clear();
			auth.issueAuthCode();
			auth.issueChain();
		}
		ctx.log('reset');
	}

	return {
		ctx,
		teamChat,
		llm,
		ark,
		assist,
		desk,
		auth,
		binding,
		messaging,
		lists,
		pusher,
		rateLimiter,
		appInfo,
		customerMessage,
		pushEvent,
		verifyWebhook,
		/** @returns {{bound: import('./config').Account[], free: import('./config').Account[], bind_page: string}} */
		accounts: () => ({
			...accounts.view(),
			bind_page: `${baseUrl}/api/leona/three/im/account/add?appId=${encodeURIComponent(opts.appId)}&token=`,
		}),
		revision: () => ctx.revision.view(),
		/**
		 * A new console key ("消息加密密钥" reset): what a receiver with the old one cannot read.
		 * @param {unknown} key
		 */
		setEncryptionKey(key) {
			if (typeof key !== 'string') throw new Error('encryption_key must be a string');
			keyBytes(key);
			opts.encryptionKey = key;
			ctx.log('encryption key changed');
			return { encryption_key: key };
		},
		/**
		 * @param {{revision?: unknown, signature_mode?: unknown}} patch signature_mode null: by revision
		 */
		setRevision(patch) {
			const view = ctx.revision.set(patch);
			ctx.log(`wire revision ${view.revision}, signature ${view.signature_mode}`);
			return view;
		},
		conversation,
		conversations: () => convs.list(),
		sent: () => messaging.sent(),
		/** @param {{message_id?: string, push_id?: string}} [filter] */
		deliveries: (filter) => pusher.list(filter),
		stats: () => ({ ...ctx.stats }),
		faults: () => ctx.faults.current(),
		setFaults,
		/** @param {string|null|undefined} url */
		setWebhook(url) {
			if (url != null) new URL(url);
			webhookUrl = url ?? undefined;
			ctx.log(`webhook ${webhookUrl ?? '(none)'}`);
			return { url: webhookUrl ?? null };
		},
		getWebhook: () => ({ url: webhookUrl ?? null }),
		/** @param {number} ms */
		advanceClock: (ms) => {
			ctx.clock.advance(ms);
			return clockInfo();
		},
		/** @param {boolean} on stop (or restart) the sandbox clock */
		freezeClock: (on) => {
			ctx.clock.freeze(on);
			return clockInfo();
		},
		clock: clockInfo,
		/** @param {string} url */
		setBaseUrl(url) {
			baseUrl = url;
		},
		reset,
		close: () => {
			pusher.cancelAll();
			assist.cancelAll();
			desk.cancelAll();
		},
	};
}

module.exports = { createCore, newStats };
