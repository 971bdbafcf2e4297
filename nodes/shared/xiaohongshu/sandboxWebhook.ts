import { PATHS, joinUrl } from './endpoints';
import type { HttpFn } from './http';

/**
 * Webhook registration exists only in the project's sandbox (spec §1 [P]); production apps
 * register their push URL in the Xiaohongshu console by hand.
 */
export async function readSandboxWebhook(
	http: HttpFn,
	baseUrl: string,
): Promise<string | undefined> {
	const response = await http({ method: 'GET', url: joinUrl(baseUrl, PATHS.sandboxWebhook) });
	const url = (response.body as { url?: unknown } | undefined)?.url;
	return typeof url === 'string' && url ? url : undefined;
}

export async function registerSandboxWebhook(
	http: HttpFn,
	baseUrl: string,
	webhookUrl: string,
): Promise<void> {
	const response = await http({
		method: 'POST',
		url: joinUrl(baseUrl, PATHS.sandboxWebhook),
		body: { url: webhookUrl },
	});
	if (response.status >= 300) {
		throw new Error(`The sandbox refused the webhook registration (HTTP ${response.status})`);
	}
}

export async function removeSandboxWebhook(
	http: HttpFn,
	baseUrl: string,
	webhookUrl: string,
): Promise<void> {
	// Only unregister our own URL: another workflow may have registered since.
	if ((await readSandboxWebhook(http, baseUrl)) !== webhookUrl) return;
	await http({ method: 'DELETE', url: joinUrl(baseUrl, PATHS.sandboxWebhook) });
}
