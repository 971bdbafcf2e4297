import type { IExecuteFunctions } from 'n8n-workflow';
import { DEFAULT_LINK_LIFETIME_MS } from '../../shared/agentLinks';

/** What the two link operations share: the signing credential, and the default link address. */

export const LINK_CREDENTIAL = 'xiaohongshuLinkSigningApi';

/** The link webhooks' paths when the node is not given an address. */
export const DEFAULT_LINK_PATHS: Record<string, string> = {
	close: 'xhs-close',
	status: 'xhs-status',
};

export interface LinkSigningSettings {
	secret: string;
	/** The credential's lifetime. */
	lifetimeMs: number;
}

/** The secret and lifetime of the Link Signing credential (the engine checks the secret's length). */
export async function linkSigningFor(
	context: IExecuteFunctions,
	i: number,
): Promise<LinkSigningSettings> {
	const data = await context.getCredentials(LINK_CREDENTIAL, i);
	return {
		secret: String(data.secret ?? ''),
		lifetimeMs: hoursToMs(data.linkLifetimeHours) ?? DEFAULT_LINK_LIFETIME_MS,
	};
}

/** A positive number of hours in ms; undefined for empty, zero or not a number. */
export function hoursToMs(hours: unknown): number | undefined {
	const value = Number(hours);
	return hours !== '' && hours !== null && Number.isFinite(value) && value > 0
		? Math.round(value * 3_600_000)
		: undefined;
}

/** This n8n's address (N8N_EDITOR_BASE_URL, else WEBHOOK_URL) + /webhook/<the action's path>. */
export function defaultLinkUrl(context: IExecuteFunctions, action: string): string {
	const base = context.getInstanceBaseUrl().replace(/\/+$/, '');
	return `${base}/webhook/${DEFAULT_LINK_PATHS[action] ?? `xhs-${action}`}`;
}
