import nock from 'nock';
import { HookContext, ExecutionLifecycleHooks } from 'n8n-core';
import type { IHttpRequestOptions, INode, IWorkflowBase } from 'n8n-workflow';
import { FixtureCredentialsHelper } from './credentialsHelper';
import { CREDENTIAL_TYPES } from './nodeTypes';
import { loadFixture, sandboxCredential } from './fixtures';
import { runWorkflow, workflowOf } from './runWorkflow';

const { createSandbox } = require('../../sandbox/server');

let sb: Awaited<ReturnType<typeof createSandbox>>;
let n = 0;

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
	n++;
	sb = await createSandbox({
		port: 0,
		appId: `cred_app_${process.pid}_${n}`,
		redeliveryDelaysMs: [10, 10, 10],
		log: () => {},
	});
});
afterEach(async () => await sb.close());

const credential = (overrides: Record<string, unknown> = {}) => sandboxCredential(sb, overrides);

/**
 * n8n's credential test, step by step as n8n runs it: preAuthentication (the expirable access
 * token is empty), then the `test` request with its expressions resolved by n8n's own
 * expression engine and the generic `authenticate` headers applied, then the rules.
 */
async function runCredentialTest(helper: FixtureCredentialsHelper) {
	const fixture = loadFixture('message-send');
	const workflow = workflowOf(fixture);
	const node = workflow.getNode('Send Reply') as INode;
	const hooks = new ExecutionLifecycleHooks('manual', 'exec', fixture as IWorkflowBase);
	const context = new HookContext(
		workflow,
		node,
		{ credentialsHelper: helper, hooks, variables: {} } as never,
		'manual',
		'manual',
	);
	const type = CREDENTIAL_TYPES.xiaohongshuDmApi;
	const creds = await helper.getDecrypted(undefined, { id: '1', name: 'x' }, 'xiaohongshuDmApi');
	await helper.preAuthentication(context, creds, 'xiaohongshuDmApi', node, false);
	const resolve = (value: string) =>
		workflow.expression.getSimpleParameterValue(node, value, 'internal', {
			$credentials: creds,
		} as never) as string;
	const request = type.test!.request;
	const headers = Object.fromEntries(
		Object.entries(
			(type.authenticate as { properties: { headers: Record<string, string> } }).properties.headers,
		).map(([k, v]) => [k, resolve(v)]),
	);
	const body = (await context.helpers.httpRequest({
		method: request.method,
		url: `${resolve(request.baseURL as string)}${request.url}`,
		body: request.body,
		headers,
		json: true,
	} as IHttpRequestOptions)) as Record<string, unknown>;
	const failedRule = type.test!.rules?.find(
		(rule) =>
			rule.type === 'responseSuccessBody' && body[rule.properties.key] === rule.properties.value,
	);
	return { body, failed: failedRule?.properties.message };
}

describe('Xiaohongshu DM API credential', () => {
	it('passes its credential test against the sandbox (bound accounts)', async () => {
		const helper = new FixtureCredentialsHelper({ xiaohongshuDmApi: credential() });
		const { body, failed } = await runCredentialTest(helper);
		expect(failed).toBeUndefined();
		expect(body).toMatchObject({ code: 0, success: true });
		expect((body.data as { list: Array<{ user_id: string }> }).list[0].user_id).toBe(
			sb.app.business_user_id,
		);
	});

	it('fails its credential test with a clear message when the secret is wrong', async () => {
		const helper = new FixtureCredentialsHelper({
			xiaohongshuDmApi: credential({ appSecret: 'wrong-secret' }),
		});
		await expect(runCredentialTest(helper)).rejects.toThrow(/40003|Authorize the app again/);
	});

	it('returns the rotated refresh token from preAuthentication, and nodes reuse the same chain', async () => {
		const helper = new FixtureCredentialsHelper({ xiaohongshuDmApi: credential() });
		const seed = sb.app.refresh_token;
		await runCredentialTest(helper);
		const persisted = helper.persisted.at(-1)!.data;
		expect(persisted.accessToken).toMatch(/\S/);
		expect(persisted.refreshToken).not.toBe(seed);
		expect(sb.stats().refreshes).toBe(1);

		// A node execution with the credential as n8n would now hold it: no second refresh.
		await sb.customerMessage('cust_c', { text: 'hi' }).done;
		const fixture = loadFixture('message-send');
		fixture.nodes[0].parameters.items = JSON.stringify([
			{
				messageId: 'm_c',
				customerUserId: 'cust_c',
				accountUserId: sb.app.business_user_id,
				thirdAccountId: sb.app.third_account_id,
				nickname: 'C',
			},
		]);
		const run = await runWorkflow(fixture, { credentials: helper });
		expect(run.errors).toEqual({});
		expect(sb.stats().refreshes).toBe(1);
	});

	it('keeps working when n8n does not persist the rotation (the credential keeps the first token)', async () => {
		const cred = credential();
		await sb.customerMessage('cust_d', { text: 'hi' }).done;
		const fixture = loadFixture('message-send');
		fixture.nodes[0].parameters.items = JSON.stringify([
			{
				messageId: 'm_d',
				customerUserId: 'cust_d',
				accountUserId: sb.app.business_user_id,
				thirdAccountId: sb.app.third_account_id,
				nickname: 'D',
			},
		]);
		await runWorkflow(fixture, { credentials: { xiaohongshuDmApi: { ...cred } } });
		sb.setFaults({ expireAccessTokens: true });
		fixture.nodes[0].parameters.items = JSON.stringify([
			{
				messageId: 'm_d2',
				customerUserId: 'cust_d',
				accountUserId: sb.app.business_user_id,
				thirdAccountId: sb.app.third_account_id,
				nickname: 'D',
			},
		]);
		// The credential still holds the seed, which the sandbox no longer accepts (40003 if used).
		const run = await runWorkflow(fixture, { credentials: { xiaohongshuDmApi: { ...cred } } });
		expect(run.errors).toEqual({});
		expect(sb.stats().refreshes).toBe(2);
		expect(sb.stats().refreshFailures ?? 0).toBe(0);
	});

	it('starts a new chain when the user pastes a new refresh token', async () => {
		const first = credential();
		await sb.customerMessage('cust_e', { text: 'hi' }).done;
		const fixture = loadFixture('message-send');
		fixture.nodes[0].parameters.items = JSON.stringify([
			{
				messageId: 'm_e',
				customerUserId: 'cust_e',
				accountUserId: sb.app.business_user_id,
				thirdAccountId: sb.app.third_account_id,
				nickname: 'E',
			},
		]);
		await runWorkflow(fixture, { credentials: { xiaohongshuDmApi: first } });
		const fresh = sb.issueRefreshToken();
		const second = credential({ refreshToken: fresh.refresh_token });
		fixture.nodes[0].parameters.items = JSON.stringify([
			{
				messageId: 'm_e2',
				customerUserId: 'cust_e',
				accountUserId: sb.app.business_user_id,
				thirdAccountId: sb.app.third_account_id,
				nickname: 'E',
			},
		]);
		const run = await runWorkflow(fixture, { credentials: { xiaohongshuDmApi: second } });
		expect(run.errors).toEqual({});
		expect(sb.stats().refreshes).toBe(2);
	});
});
