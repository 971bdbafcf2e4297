// @ts-check
'use strict';
// Options of createSandbox with their defaults, and the seeded accounts, notes, materials,
// landing pages and comments.
const { keyBytes } = require('./crypto');
const { checkRevision, checkSignatureMode } = require('./revision');

/**
 * @typedef {{user_id: string, third_account_id: string, nickname: string, auth_status: number}} Account
 * @typedef {{note_id: string, title: string, cover: string}} Note
 * @typedef {{material_id: string, type: string, url: string}} Material
 * @typedef {{page_id: string, title: string, url: string}} LandingPage
 * @typedef {{comment_id: string, note_id: string, user_id: string, nickname: string, content: string, create_time: number}} Comment
 */

const DEFAULTS = {
	port: 0,
	host: '127.0.0.1',
	appId: 'sandbox_app',
	appSecret: 'sandbox_app_secret_0001',
	/** a separate webhook signing secret (spec §7); the app secret signs when unset */
	webhookSecret: /** @type {string|undefined} */ (undefined),
	/** 32 hex characters (revision 2's form) or a 16-byte text (revision 1's); this is the hex of
	 * the former default text key `sandboxkey123456`, so the key bytes did not change */
	encryptionKey: '73616e64626f786b6579313233343536',
	/** the wire revision spoken (spec §0): 'r2' or 'r1'; switchable at runtime */
	wireRevision: /** @type {import('./revision').Revision} */ ('r2'),
	/** how pushes are signed; undefined follows the revision (r2 → none, r1 → timestamp-hmac) */
	signatureMode: /** @type {import('./revision').SignatureMode|undefined} */ (undefined),
	/** pushes go to the webhook URL + the event's path suffix of spec §4r2 (also a fault knob) */
	pushPathSuffix: false,
	/** unbound accounts the binding page (spec §5r2) binds one by one: biz_101/ta_101, … */
	freeAccounts: 3,
	businessUserId: 'biz_001',
	thirdAccountId: 'ta_001',
	businessNickname: '沙盒小店',
	webhookUrl: /** @type {string|undefined} */ (undefined),
	/** where the agent view's suggestions come from (POST /sandbox/assist forwards there; see assist.js) */
	assistUrl: /** @type {string|undefined} */ (undefined),
	/** headers sent with every request to the assist URL (n8n's Header Auth: {Authorization: 'Bearer …'}) */
	assistHeaders: /** @type {Record<string, string>|undefined} */ (undefined),
	/** how long POST /sandbox/assist waits for the assist URL */
	assistTimeoutMs: 10000,
	/** n8n's base URL, for closing conversations in its agent-desk template (POST /sandbox/desk/close; see desk.js) */
	deskUrl: /** @type {string|undefined} */ (undefined),
	/** headers sent with every close (the link webhooks' Basic Auth: {Authorization: 'Basic …'}) */
	deskHeaders: /** @type {Record<string, string>|undefined} */ (undefined),
	/** how long POST /sandbox/desk/close waits for n8n */
	deskTimeoutMs: 10000,
	redeliveryDelaysMs: [1000, 5000, 30000],
	ackTimeoutMs: 5000,
	windowHours: 48,
	quota: 5,
	rateLimitPerSecond: 100,
	accessTtlSeconds: 86399,
	refreshTtlSeconds: 2591999,
	graceSeconds: 300,
	authCodeTtlSeconds: 600,
	notes: /** @type {number|Note[]} */ (25),
	materials: /** @type {number|Material[]} */ (7),
	/** the e-commerce open API (ark, see ark.js): its own app and a fixed shop access token */
	arkAppId: 'sandbox_ark_app',
	arkAppSecret: 'sandbox_ark_secret_0001',
	arkAccessToken: 'sandbox_ark_token_0001',
	/** how far the signed timestamp may be from real time */
	arkTimestampToleranceSeconds: 300,
	/** orders instead of the seeded ones, as POST /sandbox/ark/orders takes them */
	arkOrders: /** @type {Record<string, any>[]|undefined} */ (undefined),
	/** extra bound accounts besides the default one */
	accounts: /** @type {Partial<Account>[]} */ ([]),
	/** @type {((line: string) => void) | undefined} */
	log: undefined,
};

/** @typedef {typeof DEFAULTS} SandboxOptions */

/** @param {Partial<SandboxOptions>} [input] */
function normalizeOptions(input = {}) {
	/** @type {SandboxOptions} */
	const o = { ...DEFAULTS };
	for (const [k, v] of Object.entries(input)) {
		if (v !== undefined) /** @type {any} */ (o)[k] = v;
	}
	if (typeof o.appId !== 'string' || !o.appId) throw new Error('appId must be a non-empty string');
	if (typeof o.appSecret !== 'string' || !o.appSecret)
		throw new Error('appSecret must be a non-empty string');
	keyBytes(o.encryptionKey);
	checkRevision(o.wireRevision);
	checkSignatureMode(o.signatureMode);
	if (typeof o.pushPathSuffix !== 'boolean')
		throw new Error('pushPathSuffix must be true or false');
	if (!Number.isInteger(o.freeAccounts) || o.freeAccounts < 0)
		throw new Error('freeAccounts must be an integer >= 0');
	if (!Array.isArray(o.redeliveryDelaysMs)) throw new Error('redeliveryDelaysMs must be an array');
	for (const k of /** @type {const} */ (['arkAppId', 'arkAppSecret', 'arkAccessToken'])) {
		if (typeof o[k] !== 'string' || !o[k]) throw new Error(`${k} must be a non-empty string`);
	}
	return o;
}

/** @param {SandboxOptions} o @returns {Account[]} */
function seedAccounts(o) {
	const first = {
		user_id: o.businessUserId,
		third_account_id: o.thirdAccountId,
		nickname: o.businessNickname,
		auth_status: 2,
	};
	const extra = o.accounts.map((a, i) => ({
		user_id: a.user_id ?? `biz_${String(i + 2).padStart(3, '0')}`,
		third_account_id: a.third_account_id ?? `ta_${String(i + 2).padStart(3, '0')}`,
		nickname: a.nickname ?? `沙盒账号${i + 2}`,
		auth_status: a.auth_status ?? 2,
	}));
	return [first, ...extra];
}

/** @param {SandboxOptions} o @returns {Account[]} */
function seedFreeAccounts(o) {
	return Array.from({ length: o.freeAccounts }, (_, i) => ({
		user_id: `biz_${101 + i}`,
		third_account_id: `ta_${101 + i}`,
		nickname: `沙盒新账号${i + 1}`,
		auth_status: 2,
	}));
}

/** @param {number|Note[]} spec @param {string} userId @returns {Note[]} */
function seedNotes(spec, userId) {
	if (Array.isArray(spec)) return spec.map((n) => ({ ...n }));
	return Array.from({ length: spec }, (_, i) => ({
		note_id: `note_${userId}_${String(i + 1).padStart(3, '0')}`,
		title: `沙盒笔记 ${i + 1}`,
		cover: `https://sandbox.invalid/notes/${i + 1}.jpg`,
	}));
}

/** @param {number|Material[]} spec @param {string} userId @returns {Material[]} */
function seedMaterials(spec, userId) {
	if (Array.isArray(spec)) return spec.map((m) => ({ ...m }));
	return Array.from({ length: spec }, (_, i) => ({
		material_id: `mat_${userId}_${String(i + 1).padStart(3, '0')}`,
		type: i % 3 === 2 ? 'CARD' : 'IMAGE',
		url: `https://sandbox.invalid/materials/${i + 1}.png`,
	}));
}

/** The app's landing pages (page/list). @returns {LandingPage[]} */
function seedLandingPages() {
	const titles = ['新品面霜', '夏季防晒', '会员招募', '门店预约', '直播预告'];
	return titles.map((title, i) => ({
		page_id: `page_${String(i + 1).padStart(3, '0')}`,
		title,
		url: `https://sandbox.invalid/pages/${i + 1}`,
	}));
}

const COMMENT_TEXTS = ['求链接', '这个多少钱？', '敏感肌能用吗', '已下单，期待', '有优惠吗'];

/**
 * A few comments under a note (comment/list), the same on every call: derived from the note id
 * and a fixed start time, so that paging is stable.
 * @param {string} noteId @param {number} startedAt ms @returns {Comment[]}
 */
function seedComments(noteId, startedAt) {
	return Array.from({ length: 3 }, (_, i) => {
		const n = noteId.length + i;
		return {
			comment_id: `cmt_${noteId}_${i + 1}`,
			note_id: noteId,
			user_id: `commenter_${(n % 7) + 1}`,
			nickname: `评论用户${(n % 7) + 1}`,
			content: COMMENT_TEXTS[n % COMMENT_TEXTS.length],
			create_time: startedAt - (3 - i) * 3600 * 1000,
		};
	});
}

module.exports = {
	DEFAULTS,
	normalizeOptions,
	seedAccounts,
	seedFreeAccounts,
	seedNotes,
	seedMaterials,
	seedLandingPages,
	seedComments,
};
