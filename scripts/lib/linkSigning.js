// The secret that signs the agents' action links (docs/agent-action-links.md): the close and
// "away" links in an agent's chat message, which only that agent can use, once, until they
// expire. The templates' Create Action Link and Open Action Link nodes name the credential slot
// "Xiaohongshu Link Signing" (type xiaohongshuLinkSigningApi); `npm start` creates that
// credential with a random 256-bit secret.
//
// n8n's credential listing returns no secrets, so the secret is kept in a file of n8n's user
// folder (mode 0600, like the admin header of adminWebhooks.js), created once and reused by every
// later start; each start writes it into the credential again, so the file is what counts. To
// change it, delete the file and start again: every link sent before stops working.
'use strict';

const crypto = require('node:crypto');
const { keptSecret } = require('./keptSecret');

const LINK_SIGNING_CREDENTIAL_NAME = 'Xiaohongshu Link Signing';
const LINK_SIGNING_CREDENTIAL_TYPE = 'xiaohongshuLinkSigningApi';
/** The credential slot the templates' link nodes name before `npm start` fills in the real id. */
const LINK_SIGNING_CREDENTIAL_PLACEHOLDER = 'xhs-link-signing-credential';
const LINK_SIGNING_SECRET_FILE = 'xhs-link-signing-secret';
/** How long a link works, in the credential `npm start` creates (the node's default). */
const LINK_LIFETIME_HOURS = 24;
const ASSIGN_AGENT_NODE = 'n8n-nodes-xiaohongshu-dm.xiaohongshuAssignAgent';
/** The Assign Agent operations that sign or check links, and so need the credential. */
const LINK_OPERATIONS = Object.freeze(['createActionLink', 'openActionLink']);
/** The engine's shortest secret (nodes/shared/agentLinks MIN_SECRET_LENGTH). */
const MIN_SECRET_LENGTH = 16;

/** A fresh secret: 256 random bits, base64url (43 characters). */
function newLinkSecret(randomBytes = crypto.randomBytes) {
	return randomBytes(32).toString('base64url');
}

/**
 * Whether a stored value can be the secret: one line of visible ASCII without spaces, at least
 * as long as the engine accepts, so an admin may put their own secret in the file but not an
 * empty or short one.
 */
function isLinkSecret(value) {
	return (
		typeof value === 'string' && value.length >= MIN_SECRET_LENGTH && /^[\x21-\x7e]+$/.test(value)
	);
}

/**
 * The secret that signs the links, from `<userFolder>/xhs-link-signing-secret`; the first call
 * creates the file (mode 0600) with a fresh secret. Returns {secret, file, created}.
 */
function linkSigningSecret(userFolder, { randomBytes } = {}) {
	const { text, file, created } = keptSecret(
		userFolder,
		LINK_SIGNING_SECRET_FILE,
		() => newLinkSecret(randomBytes),
		isLinkSecret,
		`a usable link signing secret (one line, at least ${MIN_SECRET_LENGTH} visible characters, no spaces)`,
	);
	return { secret: text, file, created };
}

/** The credential's data: the secret and the lifetime. */
function linkSigningCredentialData(signing) {
	return { secret: signing.secret, linkLifetimeHours: LINK_LIFETIME_HOURS };
}

/** The Assign Agent nodes of a template that make or open action links. */
function linkNodes(template) {
	return (template.nodes ?? []).filter(
		(n) => n.type === ASSIGN_AGENT_NODE && LINK_OPERATIONS.includes(n.parameters?.operation),
	);
}

/**
 * What is wrong with a template's link nodes: each must name the link signing credential's slot
 * (without it n8n asks for a credential and the node fails). [] when all is well.
 */
function linkSigningProblems(template) {
	const problems = [];
	for (const node of linkNodes(template)) {
		const slot = node.credentials?.[LINK_SIGNING_CREDENTIAL_TYPE];
		if (!slot || slot.name !== LINK_SIGNING_CREDENTIAL_NAME)
			problems.push(
				`"${node.name}" (${node.parameters.operation}) must name the credential "${LINK_SIGNING_CREDENTIAL_NAME}" (${LINK_SIGNING_CREDENTIAL_TYPE})`,
			);
	}
	return problems;
}

module.exports = {
	LINK_LIFETIME_HOURS,
	LINK_OPERATIONS,
	LINK_SIGNING_CREDENTIAL_NAME,
	LINK_SIGNING_CREDENTIAL_PLACEHOLDER,
	LINK_SIGNING_CREDENTIAL_TYPE,
	LINK_SIGNING_SECRET_FILE,
	isLinkSecret,
	linkNodes,
	linkSigningCredentialData,
	linkSigningProblems,
	linkSigningSecret,
	newLinkSecret,
};
