// Puts the sandbox credential and the templates of workflows/ into a running n8n, idempotently:
// a second run updates what the first created instead of adding copies.
const fs = require('node:fs');
const path = require('node:path');
const {
	ADMIN_CREDENTIAL_NAME,
	ADMIN_CREDENTIAL_TYPE,
	adminWebhookProblems,
} = require('./adminWebhooks');
const {
	LINK_SIGNING_CREDENTIAL_NAME,
	LINK_SIGNING_CREDENTIAL_TYPE,
	linkSigningCredentialData,
	linkSigningProblems,
} = require('./linkSigning');
const {
	PAGE_CREDENTIAL_NAME,
	PAGE_CREDENTIAL_TYPE,
	pageWebhookProblems,
} = require('./reportPages');

const CREDENTIAL_NAME = 'Xiaohongshu Sandbox';
const TEMPLATE_DIR = path.resolve(__dirname, '..', '..', 'workflows');

function sandboxCredentialData(app) {
	return {
		environment: 'sandbox',
		baseUrl: app.base_url,
		appId: app.app_id,
		appSecret: app.secret,
		encryptionSecret: app.encryption_key,
		refreshToken: app.refresh_token,
		authCode: '',
		webhookSecret: '',
		maxRequestsPerSecond: 100,
		// The sandbox speaks revision 2 unless started with --revision r1.
		wireRevision: app.wire_revision === 'r1' ? 'r1' : 'r2',
	};
}

/** Creates or updates the credential; the sandbox hands out a fresh token chain each start. */
async function ensureSandboxCredential(api, app) {
	return (
		await ensureCredential(api, CREDENTIAL_NAME, 'xiaohongshuDmApi', sandboxCredentialData(app))
	).id;
}

/**
 * Creates or updates the credential `name` of `type` with `data`; returns {id, name}. The
 * credentials npm start makes from a secret in n8n's user folder (the admin header, the link
 * signing secret, the pages' login) are written every start: n8n's listing holds no secrets, so
 * the file is what counts.
 */
async function ensureCredential(api, name, type, data) {
	const list = (await api.rest('GET', '/credentials')).data ?? [];
	const existing = list.find((c) => c.name === name && c.type === type);
	if (existing) {
		await api.rest('PATCH', `/credentials/${existing.id}`, { name, type, data });
		return { id: existing.id, name };
	}
	const created = await api.api('POST', '/credentials', { name, type, data });
	return { id: created.id, name };
}

/** The Header Auth credential the admin webhooks check (adminWebhooks.js), from adminHeader's {name, value}. */
async function ensureAdminWebhookCredential(api, header) {
	return await ensureCredential(api, ADMIN_CREDENTIAL_NAME, ADMIN_CREDENTIAL_TYPE, {
		name: header.name,
		value: header.value,
	});
}

/** The credential that signs the agents' action links (linkSigning.js), from linkSigningSecret's {secret}. */
async function ensureLinkSigningCredential(api, signing) {
	return await ensureCredential(
		api,
		LINK_SIGNING_CREDENTIAL_NAME,
		LINK_SIGNING_CREDENTIAL_TYPE,
		linkSigningCredentialData(signing),
	);
}

/** The Basic Auth credential the report pages check (reportPages.js), from pageLogin's {user, password}. */
async function ensurePageCredential(api, login) {
	return await ensureCredential(api, PAGE_CREDENTIAL_NAME, PAGE_CREDENTIAL_TYPE, {
		user: login.user,
		password: login.password,
	});
}

function templateFiles() {
	return fs
		.readdirSync(TEMPLATE_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(TEMPLATE_DIR, f));
}

const PACKAGE_NODE = /^n8n-nodes-xiaohongshu-dm\./;

/**
 * The sandbox credential on every node that has a Xiaohongshu credential; in queue mode
 * (`stateStore` given) also the Redis state store on every node of this package, since the
 * embedded store is one process's; with `adminCredential` ({id, name}) that credential on every
 * node whose Header Auth slot names it (the admin webhooks); with `linkCredential` ({id, name})
 * that credential on every node whose link signing slot names it (the action link nodes); with
 * `pageCredential` ({id, name}) that credential on every node whose Basic Auth slot names it (the
 * report pages).
 */
function withCredentials(
	workflow,
	credentialId,
	stateStore,
	adminCredential,
	linkCredential,
	pageCredential,
) {
	// Each slot a template names by credential name, filled with the id this n8n gave it.
	const slots = [
		[LINK_SIGNING_CREDENTIAL_TYPE, LINK_SIGNING_CREDENTIAL_NAME, linkCredential],
		[ADMIN_CREDENTIAL_TYPE, ADMIN_CREDENTIAL_NAME, adminCredential],
		[PAGE_CREDENTIAL_TYPE, PAGE_CREDENTIAL_NAME, pageCredential],
	];
	const nodes = workflow.nodes.map((node) => {
		let out = node;
		for (const [type, name, credential] of slots) {
			if (!credential || node.credentials?.[type]?.name !== name) continue;
			out = {
				...out,
				credentials: { ...out.credentials, [type]: { id: credential.id, name: credential.name } },
			};
		}
		if (node.credentials?.xiaohongshuDmApi) {
			out = {
				...out,
				credentials: {
					...out.credentials,
					xiaohongshuDmApi: { id: credentialId, name: CREDENTIAL_NAME },
				},
			};
		}
		if (stateStore && PACKAGE_NODE.test(node.type)) {
			out = {
				...out,
				parameters: { ...out.parameters, stateStore: 'redis' },
				credentials: {
					...out.credentials,
					xiaohongshuStateStoreApi: { id: stateStore.id, name: stateStore.name },
				},
			};
		}
		return out;
	});
	return {
		name: workflow.name,
		nodes,
		connections: workflow.connections,
		settings: workflow.settings ?? {},
	};
}

async function findWorkflowByName(api, name) {
	const page = await api.api('GET', `/workflows?name=${encodeURIComponent(name)}&limit=50`);
	return (page.data ?? []).find((w) => w.name === name);
}

/**
 * Templates ship with real-looking addresses for the team to replace (Feishu and WeCom bot hooks, n8n on
 * localhost:5678). Against the sandbox they point at its team chat and at this n8n instead.
 */
function localAddresses(text, { sandboxUrl, n8nUrl } = {}) {
	let out = text;
	if (sandboxUrl)
		out = out
			.split('https://open.feishu.cn/open-apis/bot/v2/hook/')
			.join(`${sandboxUrl}/sandbox/bot/feishu/`);
	if (sandboxUrl)
		out = out
			.split('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=')
			.join(`${sandboxUrl}/sandbox/bot/wecom/`);
	if (n8nUrl) out = out.split('http://localhost:5678/').join(`${n8nUrl.replace(/\/+$/, '')}/`);
	return out;
}

/**
 * Imports every template, activates it, and waits until its webhooks answer. A template whose
 * admin webhook does not check the admin header (adminWebhooks.js) is refused, not imported open,
 * and so is one whose action link nodes do not name the link signing credential (linkSigning.js),
 * or whose report page does not check the pages' login (reportPages.js).
 */
async function importTemplates(
	api,
	credentialId,
	addresses = {},
	stateStore = undefined,
	adminCredential = undefined,
	linkCredential = undefined,
	pageCredential = undefined,
) {
	const context = {
		credentialId,
		addresses,
		stateStore,
		adminCredential,
		linkCredential,
		pageCredential,
	};
	const results = [];
	for (const file of templateFiles()) results.push(await importTemplate(api, file, context));
	return results;
}

/**
 * One template file into n8n with this instance's credentials and addresses, replacing the
 * workflow of the same name (the desk benchmark swaps the service desk's versions this way).
 */
async function importTemplate(api, file, context) {
	const template = JSON.parse(localAddresses(fs.readFileSync(file, 'utf8'), context.addresses));
	const problems = adminWebhookProblems(template);
	if (problems.length > 0)
		throw new Error(
			`${path.basename(file)}: an admin webhook would be open to anyone: ${problems.join('; ')}`,
		);
	const linkProblems = linkSigningProblems(template);
	if (linkProblems.length > 0)
		throw new Error(
			`${path.basename(file)}: an action link node has no signing credential: ${linkProblems.join('; ')}`,
		);
	const pageProblems = pageWebhookProblems(template);
	if (pageProblems.length > 0)
		throw new Error(
			`${path.basename(file)}: a report page would be open to anyone: ${pageProblems.join('; ')}`,
		);
	const body = withCredentials(
		template,
		context.credentialId,
		context.stateStore,
		context.adminCredential,
		context.linkCredential,
		context.pageCredential,
	);
	if (context.settings) body.settings = { ...body.settings, ...context.settings };
	const existing = await findWorkflowByName(api, template.name);
	let id;
	if (existing) {
		if (existing.active) await api.api('POST', `/workflows/${existing.id}/deactivate`);
		await api.api('PUT', `/workflows/${existing.id}`, body);
		id = existing.id;
	} else {
		id = (await api.api('POST', '/workflows', body)).id;
	}
	// One app has one push URL, so only one template per app keeps its trigger active;
	// a template says so in meta.xhsDm.activate (default: active).
	const active = template.meta?.xhsDm?.activate !== false;
	if (active) await api.api('POST', `/workflows/${id}/activate`);
	return {
		id,
		name: template.name,
		file: path.basename(file),
		active,
		webhooks: webhookPaths(template),
	};
}

function webhookPaths(template) {
	return template.nodes
		.filter((n) => n.webhookId && /xiaohongshuTrigger$/.test(n.type))
		.map((n) => `webhook/${n.webhookId}/webhook`);
}

module.exports = {
	CREDENTIAL_NAME,
	ensureAdminWebhookCredential,
	ensureCredential,
	ensureLinkSigningCredential,
	ensurePageCredential,
	ensureSandboxCredential,
	importTemplate,
	importTemplates,
	localAddresses,
	templateFiles,
	sandboxCredentialData,
	withCredentials,
};
