import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { FixtureCredentialsHelper } from './credentialsHelper';
import { kindFromPath } from '../../nodes/shared/xiaohongshu/pushKinds';
import { TestNodeTypes } from './nodeTypes';
import {
	callWebhook,
	runWorkflow,
	workflowOf,
	type RunOutcome,
	type WorkflowFixture,
} from './runWorkflow';

/** Which of the trigger's webhooks a path reaches: the base URL, or the base plus a suffix. */
function webhookNameOf(url: string): string {
	return kindFromPath(url) ?? 'default';
}

function onReceivedBody(fixture: WorkflowFixture, triggerName: string): unknown {
	const workflow = workflowOf(fixture);
	const node = workflow.getNode(triggerName)!;
	const description = new TestNodeTypes().getByNameAndVersion(node.type).description.webhooks?.[0];
	const responseData = description?.responseData ?? 'firstEntryJson';
	return workflow.expression.getComplexParameterValue(
		node,
		responseData,
		'webhook',
		{},
		undefined,
		undefined,
		'firstEntryJson',
	);
}

/**
 * A stand-in for n8n's webhook server: it passes each POST to the trigger's webhook() through
 * n8n-core's WebhookContext, answers as n8n does for responseMode "onReceived", and starts
 * the rest of the workflow with WorkflowExecute when the trigger emitted items.
 */
export interface WebhookHost {
	url: string;
	executions: Array<Promise<RunOutcome>>;
	responses: Array<{ status: number; body: unknown }>;
	credentials: FixtureCredentialsHelper;
	close(): Promise<void>;
}

export async function startWebhookHost(
	fixture: WorkflowFixture,
	triggerName: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<WebhookHost> {
	const helper = new FixtureCredentialsHelper({ ...credentials });
	const executions: WebhookHost['executions'] = [];
	const responses: WebhookHost['responses'] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', async () => {
			try {
				const { result, response } = await callWebhook(
					fixture,
					triggerName,
					{
						rawBody: Buffer.concat(chunks).toString('utf8'),
						headers: req.headers as Record<string, string>,
						webhookName: webhookNameOf(req.url ?? ''),
					},
					helper,
				);
				const status = result.noWebhookResponse ? response.statusCode : 200;
				// As n8n 2.x answers "onReceived" webhooks: once an execution starts, the body is the
				// description's responseData (default "firstEntryJson", sent literally), not webhookResponse.
				const body = result.noWebhookResponse
					? response.body
					: result.workflowData
						? onReceivedBody(fixture, triggerName)
						: result.webhookResponse;
				responses.push({ status, body });
				res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
				if (result.workflowData) {
					executions.push(
						runWorkflow(fixture, {
							credentials: helper,
							startNode: triggerName,
							startItems: result.workflowData,
						}),
					);
				}
			} catch (error) {
				res.writeHead(500).end(String(error));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/xhs-test-hook`,
		executions,
		responses,
		credentials: helper,
		close: async () => {
			await Promise.allSettled(executions);
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
