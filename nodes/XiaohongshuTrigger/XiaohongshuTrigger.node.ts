import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { stateStoreProperty } from '../shared/n8n';
import { methods } from './methods';
import { webhookLifecycle } from './methods/webhookLifecycle';
import { handleWebhook } from './webhook/handleWebhook';
import { TRIGGER_WEBHOOKS } from './webhook/webhookPaths';

const EVENT_OPTIONS = [
	{ name: 'Message (DM)', value: 'message', description: 'A direct message' },
	{
		name: 'Lead Form Submitted (留资)',
		value: 'lead',
		description: 'A customer left contact details',
	},
	{
		name: 'Account Bound',
		value: 'account_bound',
		description: 'An account was bound to this app (answers a binding link)',
	},
	{ name: 'Account Unbound', value: 'account_unbound' },
	{
		name: 'KOS Authorization',
		value: 'kos_auth',
		description: 'A KOS or sub-account authorisation changed',
	},
	{
		name: 'Comment Intent',
		value: 'comment_intent',
		description: 'A comment with purchase intent',
	},
];

const SIGNATURE_OPTIONS = [
	{
		name: 'None (Revision 2 Default)',
		value: 'none',
		description:
			'Authenticity rests on the secret URL and on content that must decrypt with your key',
	},
	{
		name: 'Body HMAC (X-Xhs-Signature)',
		value: 'bodyHmac',
		description:
			'HMAC-SHA256 of the raw body, keyed with the encryption key (or the webhook secret)',
	},
	{
		name: 'Timestamp + Body HMAC (Revision 1)',
		value: 'hmac',
		description:
			'X-Xhs-Timestamp and X-Xhs-Signature over timestamp + "." + body, keyed with the webhook secret or app secret',
	},
];

/** Version 2 reads revision 2 by default: no signature unless the console is known to sign. */
const signatureProperty = (version: number[], def: string) => ({
	displayName: 'Signature Check',
	name: 'signatureMode',
	type: 'options' as const,
	options: SIGNATURE_OPTIONS,
	default: def,
	description:
		'Whether Xiaohongshu signs its pushes is unconfirmed. A push that fails the chosen check is refused (HTTP 401) and counted for Health Check.',
	displayOptions: { show: { '@version': version } },
});

export class XiaohongshuTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu Trigger',
		name: 'xiaohongshuTrigger',
		icon: { light: 'file:../icons/xiaohongshu.svg', dark: 'file:../icons/xiaohongshu.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{"on " + $parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when a Xiaohongshu (小红书) DM or another pushed event arrives',
		defaults: { name: 'Xiaohongshu Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'xiaohongshuDmApi', required: true },
			{
				name: 'xiaohongshuStateStoreApi',
				required: true,
				displayOptions: { show: { stateStore: ['redis'] } },
				testedBy: 'stateStoreConnectionTest',
			},
		],
		webhooks: TRIGGER_WEBHOOKS,
		properties: [
			{
				displayName:
					"Paste this node's Production URL into the Xiaohongshu app console as the push URL (the same URL followed by /open/im/send, /open/im/third/data and the other suffixes works too). With the Sandbox environment it is registered for you. Pushes that cannot be read are kept in quarantine, see the README.",
				name: 'registrationNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: ['message'],
				required: true,
			},
			{
				displayName: 'Directions',
				name: 'directions',
				type: 'options',
				options: [
					{
						name: 'Customer Messages Only',
						value: 'inbound',
						description:
							"Safe for auto-replies: your own and the API's messages never start the workflow",
					},
					{
						name: 'All Directions',
						value: 'all',
						description:
							'Also messages sent by your team in the app and echoes of API sends (for logging, never for auto-replies)',
					},
				],
				default: 'inbound',
			},
			signatureProperty([1], 'hmac'),
			signatureProperty([2], 'none'),
			{
				displayName:
					'Without a signature, anyone who learns this URL could post to it; only pushes whose content decrypts with your encryption key start the workflow, so keep the URL and the key secret.',
				name: 'noSignatureWarning',
				type: 'notice',
				default: '',
				displayOptions: { show: { signatureMode: ['none'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Remember Message IDs For (Hours)',
						name: 'dedupHours',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 72,
						description: 'A redelivered message within this time starts no second execution',
					},
					{
						displayName: 'Accept Unencrypted Events',
						name: 'acceptUnencrypted',
						type: 'boolean',
						default: true,
						description:
							'Whether bind, lead, comment and KOS events whose fields arrive unencrypted (under "data") are read. Turn off to keep them in quarantine unless a signature check vouches for them. DMs are never read unencrypted.',
					},
				],
			},
			stateStoreProperty,
		],
	};

	methods = methods;

	webhookMethods = { default: webhookLifecycle };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWebhook.call(this);
	}
}
