import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
	allExecutions,
	dmWorkflow,
	eventually,
	executionCount,
	n8nApi,
	repliesTo,
	sandbox,
	settledExecutionCount,
	stack,
} from './stack';

const PRICE_REPLY = '这款面霜 199 元';
const workflowId = () => dmWorkflow().id;
let customer = 0;
const nextCustomer = () => `cust_e2e_${Date.now()}_${++customer}`;

afterEach(async () => {
	await sandbox('DELETE', '/sandbox/faults');
});

describe('real n8n 2.x with the package installed as a community node', () => {
	it("lists every node of the package in n8n's node types", async () => {
		const types = await n8nApi().rest('POST', '/node-types', {
			nodeInfos: [
				'xiaohongshu',
				'xiaohongshuTrigger',
				'xiaohongshuKeywordReply',
				'xiaohongshuAssignAgent',
			].map((name) => ({ name: `n8n-nodes-xiaohongshu-dm.${name}`, version: 1 })),
		});
		const names = (types.data ?? types).map((t: { displayName: string }) => t.displayName);
		expect(names).toEqual(
			expect.arrayContaining([
				'Xiaohongshu',
				'Xiaohongshu Trigger',
				'Xiaohongshu Keyword Reply',
				'Xiaohongshu Assign Agent',
			]),
		);
	});

	it('a DM pushed by the sandbox gets its reply at the sandbox, acknowledged at the first attempt', async () => {
		const who = nextCustomer();
		const pushed = await sandbox('POST', `/sandbox/customers/${who}/messages`, {
			text: '这个面霜多少钱？',
			nickname: '小雨',
			wait: true,
		});
		expect(pushed.acked).toBe(true);
		expect(pushed.attempts).toHaveLength(1);
		const replies = await eventually('the reply', async () => {
			const r = await repliesTo(who);
			return r.length > 0 && r;
		});
		expect(replies).toHaveLength(1);
		expect(replies[0].content.text).toContain(`亲爱的小雨，${PRICE_REPLY}`);
	});

	it('a push whose content does not decrypt (a forgery, or a wrong key) is acknowledged, starts no execution and sends nothing', async () => {
		// Revision 2 pushes are unsigned by default: content that must decrypt with the key is
		// what keeps forgeries out. Acknowledged (so a real DM under a wrong key is not given up
		// on by the platform) and kept in quarantine for a replay.
		const before = await settledExecutionCount(workflowId());
		await sandbox('POST', '/sandbox/faults', { wrongKey: true });
		const who = nextCustomer();
		const pushed = await sandbox('POST', `/sandbox/customers/${who}/messages`, {
			text: '价格',
			nickname: 'X',
			wait: true,
		});
		expect(pushed.acked).toBe(true);
		expect(pushed.attempts).toHaveLength(1);
		await new Promise((r) => setTimeout(r, 500));
		expect(await executionCount(workflowId())).toBe(before);
		expect(await repliesTo(who)).toHaveLength(0);
	});

	it('the same DM delivered 3 times, concurrently, gives 1 execution and 1 reply', async () => {
		const before = await settledExecutionCount(workflowId());
		await sandbox('POST', '/sandbox/faults', { duplicateDeliveries: 2 });
		const who = nextCustomer();
		const pushed = await sandbox('POST', `/sandbox/customers/${who}/messages`, {
			text: '多少钱',
			nickname: 'D',
			wait: true,
		});
		expect(pushed.acked).toBe(true);
		const deliveries = await sandbox('GET', `/sandbox/deliveries?message_id=${pushed.message_id}`);
		expect(deliveries.length).toBeGreaterThanOrEqual(3);
		await eventually('the reply', async () => (await repliesTo(who)).length > 0);
		await new Promise((r) => setTimeout(r, 800));
		expect(await repliesTo(who)).toHaveLength(1);
		expect(
			await eventually(
				'one execution',
				async () => (await executionCount(workflowId())) === before + 1,
			),
		).toBe(true);
	});

	it('an access token that expires mid-run is refreshed once and no send fails', async () => {
		const warm = nextCustomer();
		await sandbox('POST', `/sandbox/customers/${warm}/messages`, {
			text: '价格',
			nickname: 'W',
			wait: true,
		});
		await eventually('the warm-up reply', async () => (await repliesTo(warm)).length > 0);
		const statsBefore = await sandbox('GET', '/sandbox/stats');
		await sandbox('POST', '/sandbox/faults', { expireAccessTokens: true });
		const customers = Array.from({ length: 8 }, () => nextCustomer());
		await Promise.all(
			customers.map((c) =>
				sandbox('POST', `/sandbox/customers/${c}/messages`, {
					text: '这个多少钱',
					nickname: c.slice(-3),
				}),
			),
		);
		for (const c of customers) {
			await eventually(`the reply to ${c}`, async () => (await repliesTo(c)).length === 1);
		}
		const statsAfter = await sandbox('GET', '/sandbox/stats');
		expect(statsAfter.refreshes - statsBefore.refreshes).toBe(1);
		expect(statsAfter.refreshFailures - statsBefore.refreshFailures).toBe(0);
		expect(await allExecutions(`workflowId=${workflowId()}&status=error`)).toHaveLength(0);
	});

	it('n8n persists what preAuthentication returns: a credential test stores the rotated refresh token', async () => {
		const app = await sandbox('GET', '/sandbox/app');
		const chain = await sandbox('POST', '/sandbox/refresh-token');
		const data = {
			environment: 'sandbox',
			baseUrl: app.base_url,
			appId: app.app_id,
			appSecret: app.secret,
			encryptionSecret: app.encryption_key,
			refreshToken: chain.refresh_token,
			authCode: '',
			webhookSecret: '',
			maxRequestsPerSecond: 100,
			wireRevision: app.wire_revision ?? 'r2',
		};
		const api = n8nApi();
		const created = await api.api('POST', '/credentials', {
			name: `persist check ${Date.now()}`,
			type: 'xiaohongshuDmApi',
			data,
		});
		const result = await api.rest('POST', '/credentials/test', {
			credentials: { id: created.id, name: created.name, type: 'xiaohongshuDmApi', data },
		});
		expect(result.data).toMatchObject({ status: 'OK' });
		const stored = (await api.rest('GET', `/credentials/${created.id}?includeData=true`)).data.data;
		// Observed on n8n 2.41.1: both the access token and the rotated refresh token are written back.
		expect(stored.accessToken).toMatch(/\S/);
		expect(stored.refreshToken).not.toBe(chain.refresh_token);
		// The old refresh token is dead at once (spec §7); the stored one must be the live chain.
		const again = await api.rest('POST', '/credentials/test', {
			credentials: { id: created.id, name: created.name, type: 'xiaohongshuDmApi', data: stored },
		});
		expect(again.data).toMatchObject({ status: 'OK' });
	});

	it("the templates import with n8n's own `n8n import:workflow`", async () => {
		// Asynchronously: a blocked event loop would keep using keep-alive sockets the sandbox has
		// closed meanwhile ("other side closed" in the next request).
		const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
			const child = spawn(
				join(stack.runtimeDir, 'node_modules', '.bin', 'node'),
				[
					join(stack.runtimeDir, 'node_modules', 'n8n', 'bin', 'n8n'),
					'import:workflow',
					'--separate',
					`--input=${join(__dirname, '..', '..', 'workflows')}`,
				],
				{
					env: {
						...process.env,
						...stack.n8nEnv,
						N8N_LOG_LEVEL: 'info',
						N8N_RUNNERS_BROKER_PORT: '0',
					},
					timeout: 60000,
				},
			);
			let output = '';
			child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.on('close', (code) => resolve({ code, output }));
		});
		expect(result.output).toMatch(/Successfully imported \d+ workflows?/);
		expect(result.code).toBe(0);
	}, 90000);
});
