import { outcomeOf } from '../outcome';
import { LinkConfigError } from './linkToken';

/** The query parameter that carries the token (the confirmation form posts it under the same name). */
export const TOKEN_PARAMETER = 't';

/**
 * The link an agent gets: the link webhook's address with the token as `?t=` (added to a query
 * the address may already have). Only http and https addresses are accepted.
 */
export function actionLinkUrl(webhookUrl: string, token: string): string {
	const parsed = outcomeOf(() => new URL(webhookUrl.trim()));
	if (!parsed.ok)
		throw new LinkConfigError(
			'the link webhook URL is not a full address (e.g. https://n8n.example.com/webhook/xhs-close)',
			'url',
		);
	const url = parsed.value;
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		throw new LinkConfigError('the link webhook URL must start with https:// or http://', 'url');
	url.searchParams.set(TOKEN_PARAMETER, token);
	return url.toString();
}
