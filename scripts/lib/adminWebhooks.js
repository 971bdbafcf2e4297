// The templates' admin webhooks: "Sync now" (xhs-agents-sync), "Check now" (xhs-rules-check),
// "Draft now" (xhs-kb-gaps-draft) and "Agent asks" (xhs-assist). Whoever can call them can run
// admin work (publish the knowledge base, give the desk its roster, write draft FAQ rows, read
// the knowledge base), so each one checks n8n's own webhook authentication: Header Auth through
// one n8n credential (type httpHeaderAuth) that `npm start` creates. A request without the exact
// header gets 403 from n8n before the workflow runs.
//
// The header is `Authorization: Bearer <random>`, the header n8n's Webhook node declares sensitive
// (its sensitiveOutputFields). n8n 2.41.1 does not apply that declaration to the executions it
// saves: an allowed call's execution keeps the header's value in the Webhook node's output
// (test/e2e/admin-webhooks.e2e.test.ts shows it), so whoever can open these workflows' executions
// can read it. To change the value, delete the file below and start again.
// n8n's credential listing returns no secrets, so the value is kept in a file of n8n's user folder
// (mode 0600, like xhs-api-key), created once and reused by every later start; each start writes
// it into the credential again, so the file is what counts.
'use strict';

const crypto = require('node:crypto');
const { keptSecret } = require('./keptSecret');
const { webhookGuardProblems, webhookNodesOn } = require('./webhookGuards');

const ADMIN_CREDENTIAL_NAME = 'Xiaohongshu Admin Webhooks';
const ADMIN_CREDENTIAL_TYPE = 'httpHeaderAuth';
/** The credential slot the templates' admin webhooks name before `npm start` fills in the real id. */
const ADMIN_CREDENTIAL_PLACEHOLDER = 'xhs-admin-webhook-credential';
const ADMIN_HEADER_NAME = 'Authorization';
const ADMIN_SECRET_FILE = 'xhs-admin-webhook-auth';

/** The paths of the admin webhooks; every template webhook with one of them must check the header. */
const ADMIN_WEBHOOK_PATHS = Object.freeze([
	'xhs-agents-sync',
	'xhs-rules-check',
	'xhs-kb-gaps-draft',
	'xhs-assist',
]);

/** A fresh header value: `Bearer ` and 256 random bits. */
function newHeaderValue(randomBytes = crypto.randomBytes) {
	return `Bearer ${randomBytes(32).toString('base64url')}`;
}

/**
 * Whether a stored value can be the header: one line of visible ASCII (spaces inside allowed), at
 * least 24 characters, so an admin may put their own value in the file but not an empty or
 * guessable one.
 */
function isHeaderValue(value) {
	return (
		typeof value === 'string' &&
		value.length >= 24 &&
		/^[\x21-\x7e][\x20-\x7e]*[\x21-\x7e]$/.test(value)
	);
}

/**
 * The header the admin webhooks check, from `<userFolder>/xhs-admin-webhook-auth`; the first
 * call creates the file (mode 0600) with a fresh value. Returns {name, value, file, created}.
 */
function adminHeader(userFolder, { randomBytes } = {}) {
	const { text, file, created } = keptSecret(
		userFolder,
		ADMIN_SECRET_FILE,
		() => newHeaderValue(randomBytes),
		isHeaderValue,
		`a usable ${ADMIN_HEADER_NAME} header value (one line, at least 24 visible characters)`,
	);
	return { name: ADMIN_HEADER_NAME, value: text, file, created };
}

/** The header as fetch takes it. */
function adminHeaders(header) {
	return header ? { [header.name]: header.value } : {};
}

/** The Webhook nodes of a template that serve an admin path. */
function adminWebhookNodes(template) {
	return webhookNodesOn(template, ADMIN_WEBHOOK_PATHS);
}

/**
 * What is wrong with a template's admin webhooks: each must use Header Auth (`authentication: headerAuth`)
 * through the admin credential's slot. [] when all is well.
 */
function adminWebhookProblems(template) {
	return webhookGuardProblems(template, {
		paths: ADMIN_WEBHOOK_PATHS,
		authentication: 'headerAuth',
		label: 'Header Auth',
		credentialType: ADMIN_CREDENTIAL_TYPE,
		credentialName: ADMIN_CREDENTIAL_NAME,
	});
}

module.exports = {
	ADMIN_CREDENTIAL_NAME,
	ADMIN_CREDENTIAL_PLACEHOLDER,
	ADMIN_CREDENTIAL_TYPE,
	ADMIN_HEADER_NAME,
	ADMIN_SECRET_FILE,
	ADMIN_WEBHOOK_PATHS,
	adminHeader,
	adminHeaders,
	adminWebhookNodes,
	adminWebhookProblems,
	isHeaderValue,
	newHeaderValue,
};
