import { randomBytes } from 'node:crypto';
import { encryptJson } from '../../nodes/shared/xiaohongshu/contentCrypto';
import { signBody } from '../../nodes/shared/xiaohongshu/pushSignature';
import {
	activateTestWorkflow,
	dmWorkflow,
	eventually,
	executionCount,
	n8nApi,
	removeTestWorkflows,
	repliesTo,
	sandbox,
	settledExecutionCount,
	stack,
} from './stack';

/**
 * The wire contract's revision 2 (and the switch back to revision 1) in real n8n with the full
 * service desk active: path suffixes, the console's URL check, binding an account through the
 * sandbox's binding page, a key reset in the console (pushes quarantined, the key fixed, the
 * replay answered once), and a body-hmac trigger refusing forged pushes.
 */
type Json = Record<string, any>;

const run = `${Date.now()}`;
let n = 0;
const nextCustomer = () => `cust_r2_${run}_${++n}`;
const credential = { id: stack.credentialId, name: 'Xiaohongshu Sandbox' };

/** An active workflow whose webhook runs one Xiaohongshu node and answers with all its items. */
async function nodeRunner(name: string, parameters: Json): Promise<() => Promise<Json[]>> {
	const path = `e2e-${name}-${run}`;
	const workflow = {
		name: `e2e ${name} ${run}`,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'w',
				name: 'Run',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: path,
				parameters: {
					httpMethod: 'POST',
					path,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: 'x',
				name: 'Xiaohongshu',
				type: 'n8n-nodes-xiaohongshu-dm.xiaohongshu',
				typeVersion: 1,
				position: [250, 0],
				parameters,
				credentials: { xiaohongshuDmApi: credential },
			},
		],
		connections: { Run: { main: [[{ node: 'Xiaohongshu', type: 'main', index: 0 }]] } },
	};
	await activateTestWorkflow(workflow);
	const call = async () => {
		const res = await fetch(`${stack.n8nBase}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		if (res.status === 404) return undefined;
		const body = (await res.json()) as Json;
		if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${JSON.stringify(body)}`);
		return (Array.isArray(body) ? body : [body]) as Json[];
	};
	await eventually(
		`the ${name} webhook`,
		async () => (await call().catch(() => undefined)) !== undefined,
		30_000,
	);
	return async () => (await call()) ?? [];
}

async function patchCredential(change: (data: Json) => void): Promise<void> {
	const api = n8nApi();
	const current = (await api.rest('GET', `/credentials/${stack.credentialId}?includeData=true`))
		.data;
	const data = { ...current.data };
	change(data);
	await api.rest('PATCH', `/credentials/${stack.credentialId}`, {
		name: current.name,
		type: current.type,
		data,
	});
}

async function replyText(who: string): Promise<string> {
	const replies = await eventually(`a reply to ${who}`, async () => {
		const r = await repliesTo(who);
		return r.length > 0 && r;
	});
	return String(replies[0].content.text);
}

afterEach(async () => {
	await sandbox('DELETE', '/sandbox/faults');
});

afterAll(async () => {
	await removeTestWorkflows();
});

describe('revision 2 in real n8n', () => {
	it('the sandbox speaks revision 2 with no signature by default, and the credential says revision 2', async () => {
		const app = await sandbox('GET', '/sandbox/app');
		expect(app).toMatchObject({ wire_revision: 'r2', signature_mode: 'none' });
		expect(app.encryption_key).toMatch(/^[0-9a-f]{32}$/);
	});

	it('a DM posted to the URL with the /open/im/send suffix and without third_account_id is answered once', async () => {
		await sandbox('POST', '/sandbox/faults', { pushPathSuffix: true, omitThirdAccountId: true });
		const who = nextCustomer();
		const pushed = await sandbox('POST', `/sandbox/customers/${who}/messages`, {
			text: '这个面霜多少钱？',
			nickname: '小雨',
			wait: true,
		});
		expect(pushed.acked).toBe(true);
		expect(pushed.attempts[0].url).toMatch(/\/webhook\/open\/im\/send$/);
		expect(await replyText(who)).toContain('199');
		const sent = (await sandbox('GET', '/sandbox/sent')).filter((s: Json) => s.to === who);
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({
			user_id: expect.any(String),
			third_account_id: expect.any(String),
		});
	});

	it('the console URL check is acknowledged and starts no execution', async () => {
		const before = await settledExecutionCount(dmWorkflow().id);
		const pushed = await sandbox('POST', '/sandbox/verify', { wait: true });
		expect(pushed.acked).toBe(true);
		await new Promise((r) => setTimeout(r, 500));
		expect(await executionCount(dmWorkflow().id)).toBe(before);
	});

	it('an account bound through the binding page (link and QR code from the node) is listed with its account code', async () => {
		const createLink = await nodeRunner('binding-link', {
			resource: 'account',
			operation: 'createBindingLink',
			accountCode: `shop_${run}`,
			label: '上海店',
		});
		const [link] = await createLink();
		expect(link.url).toContain('/api/leona/three/im/account/add?appId=');
		expect(link.qrModules).toBeGreaterThan(20);
		const page = await fetch(link.url);
		expect(page.status).toBe(200);
		expect(await page.text()).toMatch(/绑定|bound/i);
		const listAccounts = await nodeRunner('accounts', {
			resource: 'account',
			operation: 'getAll',
			returnAll: true,
		});
		const bound = await eventually('the bound account in the list', async () =>
			(await listAccounts()).find((a) => a.account_code === `shop_${run}`),
		);
		expect(bound.user_id).toMatch(/\S/);
	});

	it('pushes under a key reset in the console are kept, and after the credential is fixed the replay answers each once', async () => {
		const app = await sandbox('GET', '/sandbox/app');
		const newKey = randomBytes(16).toString('hex');
		const listQuarantine = await nodeRunner('quarantine', {
			resource: 'quarantine',
			operation: 'getAll',
		});
		const replay = await nodeRunner('replay', { resource: 'quarantine', operation: 'replay' });
		const who = nextCustomer();
		try {
			await sandbox('POST', '/sandbox/key', { encryption_key: newKey });
			const pushed = await sandbox('POST', `/sandbox/customers/${who}/messages`, {
				text: '面霜多少钱',
				nickname: '小K',
				wait: true,
			});
			expect(pushed.acked).toBe(true);
			expect(pushed.attempts).toHaveLength(1);
			const kept = await eventually('the push in quarantine', async () =>
				(await listQuarantine()).find((q) => q.cause === 'key'),
			);
			expect(kept.hint).toMatch(/Encryption Key/);
			expect(kept.preview).not.toContain('面霜');
			expect(await repliesTo(who)).toHaveLength(0);

			await patchCredential((data) => (data.encryptionSecret = newKey));
			const results = await replay();
			expect(results).toEqual([
				expect.objectContaining({ quarantineId: kept.id, replayed: true, outcome: 'replayed' }),
			]);
			expect(await replyText(who)).toContain('199');
			expect(await replay()).toEqual([]);
			await new Promise((r) => setTimeout(r, 800));
			expect(await repliesTo(who)).toHaveLength(1);
		} finally {
			await sandbox('POST', '/sandbox/key', { encryption_key: app.encryption_key });
			await patchCredential((data) => (data.encryptionSecret = app.encryption_key));
		}
	});

	it('switched to revision 1 (sandbox and credential), a DM is still answered', async () => {
		try {
			await sandbox('POST', '/sandbox/revision', { revision: 'r1' });
			await patchCredential((data) => (data.wireRevision = 'r1'));
			const who = nextCustomer();
			const pushed = await sandbox('POST', `/sandbox/customers/${who}/messages`, {
				text: '多少钱',
				nickname: 'R1',
				wait: true,
			});
			expect(pushed.acked).toBe(true);
			expect(await replyText(who)).toContain('199');
		} finally {
			await sandbox('POST', '/sandbox/revision', { revision: 'r2' });
			await patchCredential((data) => (data.wireRevision = 'r2'));
		}
	});

	it('a trigger in body-hmac mode refuses 200 forged or mutated pushes with 401 and accepts the signed one', async () => {
		const app = await sandbox('GET', '/sandbox/app');
		const api = n8nApi();
		// Custom environment: the trigger does not register itself at the sandbox, so the service
		// desk keeps the sandbox's pushes; this test posts to the trigger directly.
		const cred = await api.api('POST', '/credentials', {
			name: `e2e body-hmac ${run}`,
			type: 'xiaohongshuDmApi',
			data: {
				environment: 'custom',
				baseUrl: app.base_url,
				appId: app.app_id,
				appSecret: app.secret,
				encryptionSecret: app.encryption_key,
				refreshToken: '',
				authCode: '',
				webhookSecret: '',
				maxRequestsPerSecond: 50,
				wireRevision: 'r2',
			},
		});
		const hook = `e2e-hmac-${run}`;
		const id = await activateTestWorkflow({
			name: `e2e body-hmac ${run}`,
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: 't',
					name: 'Xiaohongshu Trigger',
					type: 'n8n-nodes-xiaohongshu-dm.xiaohongshuTrigger',
					typeVersion: 2,
					position: [0, 0],
					webhookId: hook,
					parameters: { events: ['message'], signatureMode: 'bodyHmac' },
					credentials: { xiaohongshuDmApi: { id: cred.id, name: cred.name } },
				},
				{
					id: 'n',
					name: 'Nothing',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [250, 0],
					parameters: {},
				},
			],
			connections: {
				'Xiaohongshu Trigger': { main: [[{ node: 'Nothing', type: 'main', index: 0 }]] },
			},
		});
		const url = `${stack.n8nBase}/webhook/${hook}/webhook`;
		const post = async (body: string, signature: string) =>
			await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-xhs-signature': signature },
				body,
			});
		const body = (i: number) =>
			JSON.stringify({
				message_id: `m_hmac_${run}_${i}`,
				message_type: 'TEXT',
				message_source: 1,
				from_user_id: `c_${i}`,
				to_user_id: app.business_user_id,
				timestamp: Date.now(),
				content: encryptJson({ text: '你好' }, app.encryption_key),
			});
		await eventually(
			'the trigger URL',
			async () => (await post(body(-1), 'x')).status !== 404,
			30_000,
		);
		let refused = 0;
		for (let i = 0; i < 200; i++) {
			const b = body(i);
			const signature =
				i % 2 ? signBody(`${app.encryption_key}x`, b) : signBody(app.encryption_key, `${b} `);
			if ((await post(b, signature)).status === 401) refused++;
		}
		expect(refused).toBe(200);
		const good = body(999);
		const accepted = await post(good, signBody(app.encryption_key, good));
		expect(accepted.status).toBe(200);
		expect(await accepted.json()).toMatchObject({ success: true });
		expect(await eventually('one execution', async () => (await executionCount(id)) >= 1)).toBe(
			true,
		);
		await new Promise((r) => setTimeout(r, 500));
		expect(await executionCount(id)).toBe(1);
	});
});
