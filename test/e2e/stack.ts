import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const { N8nApi } = require('../../scripts/lib/n8nServer');

export interface StackInfo {
	n8nBase: string;
	sandboxUrl: string;
	owner: { email: string; password: string };
	userFolder: string;
	runtimeDir: string;
	apiKey: string;
	credentialId: string;
	workflows: Array<{ id: string; name: string; active: boolean; webhooks: string[] }>;
	webhookUrl: string;
	n8nEnv: Record<string, string>;
}

export const stack: StackInfo = JSON.parse(readFileSync(join(__dirname, '..', '..', '.test-results', 'e2e-stack.json'), 'utf8'));

/** The active workflow with the Xiaohongshu Trigger: the one DMs are pushed to. */
export function dmWorkflow() {
	const found = stack.workflows.find((w) => w.active && w.webhooks.length > 0);
	if (!found) throw new Error('no active template has a Xiaohongshu Trigger');
	return found;
}

export function n8nApi() {
	const api = new N8nApi(stack.n8nBase, stack.owner);
	api.apiKey = stack.apiKey;
	return api as {
		rest(method: string, path: string, body?: unknown): Promise<any>;
		api(method: string, path: string, body?: unknown): Promise<any>;
	};
}

export async function sandbox(method: string, path: string, body?: unknown): Promise<any> {
	const res = await fetch(`${stack.sandboxUrl}${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
	return await res.json();
}

export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	while (Date.now() < deadline) {
		last = await check();
		if (last) return last as T;
		await new Promise((r) => setTimeout(r, 150));
	}
	throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export async function repliesTo(customerId: string): Promise<Array<{ content: { text?: string }; message_source: number }>> {
	const conversation = await sandbox('GET', `/sandbox/customers/${customerId}/messages`);
	return conversation.messages.filter((m: { message_source: number }) => m.message_source === 3);
}

export async function executionCount(workflowId: string): Promise<number> {
	const page = await n8nApi().api('GET', `/executions?workflowId=${workflowId}&limit=250`);
	return page.data.length;
}
