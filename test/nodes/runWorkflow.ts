import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeExecutionData,
	type IRun,
	type IRunExecutionData,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WebhookSetupMethodNames,
} from 'n8n-workflow';
import { FixtureCredentialsHelper } from './credentialsHelper';
import { TestNodeTypes } from './nodeTypes';

// n8n-core and the embedded state store both write under the n8n user folder: a fresh one
// per test file keeps runs independent.
if (!process.env.XHS_TEST_USER_FOLDER) {
	process.env.XHS_TEST_USER_FOLDER = mkdtempSync(join(tmpdir(), 'xhs-n8n-'));
	process.env.N8N_USER_FOLDER = process.env.XHS_TEST_USER_FOLDER;
}
// Node errors are asserted by the tests; n8n's logger would print each one again.
process.env.N8N_LOG_LEVEL ??= 'silent';

export type WorkflowFixture = Pick<IWorkflowBase, 'nodes' | 'connections'> & Partial<IWorkflowBase>;

export interface RunOutcome {
	run: IRun;
	/** Items per node, first run, per output index. */
	outputs: Record<string, INodeExecutionData[][]>;
	errors: Record<string, string>;
	credentials: FixtureCredentialsHelper;
}

function additionalDataFor(
	credentials: FixtureCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: credentials,
		hooks,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		executionId: `test-${Math.random().toString(36).slice(2)}`,
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('task runners are not used in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function workflowOf(fixture: WorkflowFixture, id = 'wf-test'): Workflow {
	return new Workflow({
		id: fixture.id ?? id,
		name: fixture.name ?? 'test',
		nodes: fixture.nodes,
		connections: fixture.connections,
		nodeTypes: new TestNodeTypes(),
		settings: fixture.settings,
		active: true,
	});
}

function collectOutputs(run: IRun): Pick<RunOutcome, 'outputs' | 'errors'> {
	const outputs: RunOutcome['outputs'] = {};
	const errors: RunOutcome['errors'] = {};
	for (const [name, runs] of Object.entries(run.data.resultData.runData)) {
		const first = runs[0];
		if (first?.error) errors[name] = first.error.message;
		outputs[name] = (first?.data?.main ?? []).map((items) => items ?? []);
	}
	return { outputs, errors };
}

/**
 * Runs a workflow fixture with n8n-core's WorkflowExecute, as n8n does: the start node gets
 * `startItems` (for a trigger: the items its webhook produced).
 */
export async function runWorkflow(
	fixture: WorkflowFixture,
	options: {
		credentials: Record<string, ICredentialDataDecryptedObject> | FixtureCredentialsHelper;
		startNode?: string;
		startItems?: INodeExecutionData[][];
	},
): Promise<RunOutcome> {
	const credentials =
		options.credentials instanceof FixtureCredentialsHelper
			? options.credentials
			: new FixtureCredentialsHelper({ ...options.credentials });
	const workflow = workflowOf(fixture);
	const hooks = new ExecutionLifecycleHooks('trigger', 'exec', fixture as IWorkflowBase);
	let finish: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finish(run));
	const start = workflow.getNode(options.startNode ?? fixture.nodes[0].name)!;
	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node: start, data: { main: options.startItems ?? [[{ json: {} }]] }, source: null },
			],
		},
	} as unknown as IRunExecutionData;
	const execute = new WorkflowExecute(
		additionalDataFor(credentials, hooks),
		'trigger',
		runExecutionData,
	);
	await execute.processRunExecutionData(workflow);
	const run = await finished;
	return { run, credentials, ...collectOutputs(run) };
}

export interface FakeHttpResponse {
	statusCode: number;
	body: unknown;
	status(code: number): FakeHttpResponse;
	json(body: unknown): FakeHttpResponse;
	send(body: unknown): FakeHttpResponse;
	end(): FakeHttpResponse;
	setHeader(): FakeHttpResponse;
}

function fakeResponse(): FakeHttpResponse {
	const res: FakeHttpResponse = {
		statusCode: 200,
		body: undefined,
		status(code) {
			res.statusCode = code;
			return res;
		},
		json(body) {
			res.body = body;
			return res;
		},
		send(body) {
			res.body = body;
			return res;
		},
		end: () => res,
		setHeader: () => res,
	};
	return res;
}

/** Calls a trigger node's webhook() through n8n-core's WebhookContext with a raw HTTP body. */
export async function callWebhook(
	fixture: WorkflowFixture,
	nodeName: string,
	request: { rawBody: string; headers: Record<string, string>; webhookName?: string },
	credentials: FixtureCredentialsHelper,
): Promise<{ result: IWebhookResponseData; response: FakeHttpResponse }> {
	const workflow = workflowOf(fixture);
	const node = workflow.getNode(nodeName) as INode;
	const hooks = new ExecutionLifecycleHooks('webhook', 'exec', fixture as IWorkflowBase);
	const additionalData = additionalDataFor(credentials, hooks);
	const response = fakeResponse();
	let body: unknown;
	try {
		body = JSON.parse(request.rawBody);
	} catch {
		body = {};
	}
	const headers = Object.fromEntries(
		Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]),
	);
	additionalData.httpRequest = {
		headers,
		body,
		rawBody: Buffer.from(request.rawBody),
		query: {},
		params: {},
	} as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	additionalData.httpResponse =
		response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	const description = new TestNodeTypes()
		.getByNameAndVersion(node.type)
		.description.webhooks?.find((w) => w.name === (request.webhookName ?? 'default')) ?? {
		name: 'default',
		httpMethod: 'POST',
		path: 'webhook',
		responseMode: 'onReceived',
	};
	const webhookData = {
		httpMethod: 'POST',
		node: nodeName,
		path: description.path,
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
	} as unknown as IWebhookData;
	const context = new WebhookContext(
		workflow,
		node,
		additionalData,
		'webhook',
		webhookData,
		[],
		null,
	);
	const nodeType = new TestNodeTypes().getByNameAndVersion(node.type);
	const result = await nodeType.webhook!.call(context);
	return { result, response };
}

/** Runs one of a trigger's webhookMethods (checkExists / create / delete) through HookContext. */
export async function callWebhookMethod(
	fixture: WorkflowFixture,
	nodeName: string,
	method: WebhookSetupMethodNames,
	credentials: FixtureCredentialsHelper,
): Promise<boolean> {
	const workflow = workflowOf(fixture);
	const node = workflow.getNode(nodeName) as INode;
	const hooks = new ExecutionLifecycleHooks('webhook', 'exec', fixture as IWorkflowBase);
	const additionalData = additionalDataFor(credentials, hooks);
	const webhookData = {
		httpMethod: 'POST',
		node: nodeName,
		path: 'webhook',
		webhookDescription: { name: 'default', httpMethod: 'POST', path: 'webhook' },
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
	} as unknown as IWebhookData;
	const context = new HookContext(
		workflow,
		node,
		additionalData,
		'trigger',
		'activate',
		webhookData,
	);
	const nodeType = new TestNodeTypes().getByNameAndVersion(node.type);
	return await nodeType.webhookMethods!.default![method]!.call(context);
}
