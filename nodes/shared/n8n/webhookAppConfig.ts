import type { IWebhookFunctions } from 'n8n-workflow';
import { appConfigFromCredential, type XhsAppConfig } from '../xiaohongshu/appConfig';

/**
 * In a webhook, n8n 2.41 resolves a credential by acquiring a fresh expression isolate:
 * 40–90 ms measured here, paid by every DM before it is even verified. The trigger keeps the
 * resolved config per node instead, and re-reads the credential whenever a push fails
 * verification with the kept one, so an edited secret or key takes effect at the next push
 * and no DM is refused because of the cache.
 */
const MAX_AGE_MS = 10 * 60_000;
const kept = new Map<string, { config: XhsAppConfig; at: number }>();

function keyOf(context: IWebhookFunctions): string {
	const node = context.getNode();
	const credentialId =
		node.credentials?.xiaohongshuDmApi?.id ?? node.credentials?.xiaohongshuDmApi?.name ?? '';
	return `${context.getWorkflow().id ?? ''}:${node.id ?? node.name}:${credentialId}`;
}

export async function webhookAppConfig(
	context: IWebhookFunctions,
	options: { fresh?: boolean } = {},
): Promise<{ config: XhsAppConfig; fromCache: boolean }> {
	const key = keyOf(context);
	const entry = kept.get(key);
	if (!options.fresh && entry && Date.now() - entry.at < MAX_AGE_MS)
		return { config: entry.config, fromCache: true };
	const config = appConfigFromCredential(await context.getCredentials('xiaohongshuDmApi'));
	kept.set(key, { config, at: Date.now() });
	return { config, fromCache: false };
}
