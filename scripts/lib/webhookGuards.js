// What the templates' guarded Webhook nodes must check: the admin webhooks Header Auth
// (adminWebhooks.js), the report pages Basic Auth (reportPages.js). One check for both, so a
// template whose guarded webhook is open is refused at import the same way.
'use strict';

const WEBHOOK_NODE = 'n8n-nodes-base.webhook';

/** The Webhook nodes of a template that serve one of the paths. */
function webhookNodesOn(template, paths) {
	return (template.nodes ?? []).filter(
		(n) => n.type === WEBHOOK_NODE && paths.includes(n.parameters?.path),
	);
}

/**
 * What is wrong with the template's webhooks on `guard.paths`: each must use
 * `guard.authentication` (shown as `guard.label`) through the credential slot named
 * `guard.credentialName` of type `guard.credentialType`. [] when all is well.
 */
function webhookGuardProblems(template, guard) {
	const problems = [];
	for (const node of webhookNodesOn(template, guard.paths)) {
		const where = `"${node.name}" (/webhook/${node.parameters.path})`;
		if (node.parameters.authentication !== guard.authentication)
			problems.push(
				`${where} must use ${guard.label}, not ${node.parameters.authentication ?? 'none'}`,
			);
		const slot = node.credentials?.[guard.credentialType];
		if (!slot || slot.name !== guard.credentialName)
			problems.push(
				`${where} must name the credential "${guard.credentialName}" (${guard.credentialType})`,
			);
	}
	return problems;
}

module.exports = { WEBHOOK_NODE, webhookGuardProblems, webhookNodesOn };
