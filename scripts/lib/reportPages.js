// The templates' pages: the service report (xhs-report, daily-report.json), the knowledge-base
// gap report (xhs-kb-gaps, kb-gap-report.json) and the agents' action links (agent-desk.json,
// channel-webchat.json). They show service figures and customers' own DM texts, or act for an
// agent, so each checks n8n's own webhook authentication: Basic Auth through one n8n credential
// (type httpBasicAuth) that `npm start` creates. Basic Auth, not the admin header, because a page
// is opened in a browser from a link in a team chat: the browser asks for the user and password
// once and sends them with every later request; a browser cannot add a header to a link.
// A request without them gets 401 from n8n before the workflow runs.
//
// n8n's credential listing returns no secrets, so the user and password are kept in a file of n8n's
// user folder (mode 0600, like xhs-admin-webhook-auth), created once and reused by every later
// start; each start writes them into the credential again, so the file is what counts. To change
// the password, delete the file and start again.
'use strict';

const crypto = require('node:crypto');
const { keptSecret } = require('./keptSecret');
const { webhookGuardProblems, webhookNodesOn } = require('./webhookGuards');

const PAGE_CREDENTIAL_NAME = 'Xiaohongshu Report Pages';
const PAGE_CREDENTIAL_TYPE = 'httpBasicAuth';
/** The credential slot the templates' pages name before `npm start` fills in the real id. */
const PAGE_CREDENTIAL_PLACEHOLDER = 'xhs-report-pages-credential';
const PAGE_SECRET_FILE = 'xhs-report-pages-auth';
const PAGE_USER = 'xhs-ops';

/**
 * The paths of the pages; every template webhook with one of them must check Basic Auth. The
 * agents' action links (xhs-close, xhs-status, xhs-webchat-close) are pages too: opened from a
 * team chat in a browser. There the login keeps out whoever is not on the team (and chat apps'
 * link previews); the link's signed token still decides which agent may do what to which
 * conversation, once (nodes/shared/agentLinks/).
 */
const PAGE_WEBHOOK_PATHS = Object.freeze([
	'xhs-report',
	'xhs-kb-gaps',
	'xhs-close',
	'xhs-status',
	'xhs-webchat-close',
]);

/** A fresh password: 192 random bits, base64url (32 characters, nothing a browser prompt mangles). */
function newPagePassword(randomBytes = crypto.randomBytes) {
	return randomBytes(24).toString('base64url');
}

/**
 * Whether a stored `user:password` line can be the login: a user of letters, digits, `.`, `_` or
 * `-`, and a password of at least 16 visible ASCII characters, so an admin may put their own login
 * in the file but not an empty or guessable one.
 */
function parsePageLogin(line) {
	const match = /^([A-Za-z0-9._-]{1,64}):([\x21-\x7e]{16,200})$/.exec(String(line ?? '').trim());
	return match ? { user: match[1], password: match[2] } : undefined;
}

/**
 * The login the pages check, from `<userFolder>/xhs-report-pages-auth` (one line `user:password`);
 * the first call creates the file (mode 0600) with the user `xhs-ops` and a fresh password.
 * Returns {user, password, file, created}.
 */
function pageLogin(userFolder, { randomBytes } = {}) {
	const { text, file, created } = keptSecret(
		userFolder,
		PAGE_SECRET_FILE,
		() => `${PAGE_USER}:${newPagePassword(randomBytes)}`,
		(line) => parsePageLogin(line) !== undefined,
		'a usable login (one line user:password, a password of at least 16 visible characters)',
	);
	return { ...parsePageLogin(text), file, created };
}

/** The login as a request header (fetch, curl -H, Chromium's extra headers). */
function pageHeaders(login) {
	return login
		? {
				Authorization: `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}`,
			}
		: {};
}

/** The Webhook nodes of a template that serve a page. */
function pageWebhookNodes(template) {
	return webhookNodesOn(template, PAGE_WEBHOOK_PATHS);
}

/**
 * What is wrong with a template's pages: each must use Basic Auth (`authentication: basicAuth`)
 * through the pages credential's slot. [] when all is well.
 */
function pageWebhookProblems(template) {
	return webhookGuardProblems(template, {
		paths: PAGE_WEBHOOK_PATHS,
		authentication: 'basicAuth',
		label: 'Basic Auth',
		credentialType: PAGE_CREDENTIAL_TYPE,
		credentialName: PAGE_CREDENTIAL_NAME,
	});
}

module.exports = {
	PAGE_CREDENTIAL_NAME,
	PAGE_CREDENTIAL_PLACEHOLDER,
	PAGE_CREDENTIAL_TYPE,
	PAGE_SECRET_FILE,
	PAGE_USER,
	PAGE_WEBHOOK_PATHS,
	newPagePassword,
	pageHeaders,
	pageLogin,
	pageWebhookNodes,
	pageWebhookProblems,
	parsePageLogin,
};
