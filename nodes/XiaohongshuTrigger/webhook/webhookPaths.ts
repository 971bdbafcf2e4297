import type { IWebhookDescription, WebhookType } from 'n8n-workflow';
import { PUSH_ACK, PUSH_SUFFIXES, type PushKind } from '../../shared/xiaohongshu';

/**
 * One production URL for every event, and the same URL with each path suffix of spec §4r2,
 * since whether the console appends them to one base URL is unknown. Each suffix is its own
 * n8n webhook (n8n matches static paths exactly), named after the kind it implies.
 */
const BASE_PATH = 'webhook';

const ack = {
	httpMethod: 'POST',
	responseMode: 'onReceived',
	// When an execution starts, n8n answers with this, not with webhookResponse; the
	// platform redelivers anything but {"success": true, ...}. A plain object, not an
	// "={{ }}" expression: an expression makes n8n 2.x acquire an isolate for every push.
	responseData: PUSH_ACK as unknown as string,
} as const;

export const TRIGGER_WEBHOOKS: IWebhookDescription[] = [
	{ name: 'default', path: BASE_PATH, ...ack },
	// n8n types webhook names as 'default' | 'setup', but only uses a name to find the
	// webhook's description and its webhookMethods (none for the suffixes: nothing to register).
	...PUSH_SUFFIXES.map(({ kind, suffix }) => ({
		name: kind as unknown as WebhookType,
		path: `${BASE_PATH}${suffix}`,
		...ack,
	})),
];

export function kindOfWebhook(name: string): PushKind | undefined {
	return PUSH_SUFFIXES.find((s) => s.kind === name)?.kind;
}
