import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import {
	actionLinkUrl,
	createActionLinkToken,
	LinkConfigError,
	type LinkSubject,
} from '../../shared/agentLinks';
import { type DeskStore, statusOf } from '../../shared/assignAgent';
import { routed } from '../../shared/n8n';
import { conversationField } from '../helpers/fields';
import { defaultLinkUrl, hoursToMs, linkSigningFor } from '../helpers/links';
import type { DeskResult } from '../helpers/outputs';
import { requiredParameter } from '../helpers/parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Link Action',
		name: 'linkAction',
		type: 'options',
		options: [
			{
				name: 'Close Conversation',
				value: 'close',
				description: 'The agent closes the conversation (as Release does)',
			},
			{
				name: 'Set Status',
				value: 'status',
				description: 'The agent sets their own status (as Set Status does)',
			},
		],
		default: 'close',
	},
	{
		displayName: 'Agent ID',
		name: 'linkAgentId',
		type: 'string',
		default: '={{ $json.assignment?.agent?.id }}',
		required: true,
		description:
			'The agent the link is for: only they can use it (filled from the Assigned output of Assign)',
	},
	{ ...conversationField, displayOptions: { show: { linkAction: ['close'] } } },
	{
		displayName: 'Status',
		name: 'linkStatus',
		type: 'options',
		options: [
			{ name: 'Away', value: 'away' },
			{ name: 'Busy', value: 'busy' },
			{ name: 'Offline', value: 'offline' },
			{ name: 'Online', value: 'online' },
		],
		default: 'away',
		description: 'The status the link sets',
		displayOptions: { show: { linkAction: ['status'] } },
	},
	{
		displayName: 'Link Webhook URL',
		name: 'linkUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/xhs-close',
		description:
			"The production URL of the Webhook node that receives the links (GET and POST, then Open Action Link). Empty: this n8n's address (N8N_EDITOR_BASE_URL, else WEBHOOK_URL) + /webhook/xhs-close, or /webhook/xhs-status for status links.",
	},
	{
		displayName: 'Lifetime (Hours)',
		name: 'linkLifetimeHours',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 720, numberPrecision: 2 },
		default: 0,
		description: "How long the link works; 0 uses the Link Signing credential's lifetime",
	},
	{
		displayName: 'Put Link In Field',
		name: 'linkField',
		type: 'string',
		default: 'actionLink',
		description:
			'The output field for { URL, expiresAt, action }; give two links (close and away) different fields',
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['createActionLink'] } },
	properties,
);

/** The link's subject from the parameters: its action, agent, conversation or status, and the desk. */
function subjectFor(context: IExecuteFunctions, i: number, desk: string): LinkSubject {
	const action = String(context.getNodeParameter('linkAction', i, 'close'));
	const agentId = requiredParameter(context, 'linkAgentId', 'Agent ID', i);
	if (action === 'close')
		return {
			action,
			agentId,
			conversationId: requiredParameter(context, 'conversationId', 'Conversation ID', i),
			desk,
		};
	if (action === 'status')
		return {
			action,
			agentId,
			status: statusOf(context.getNodeParameter('linkStatus', i, 'away'), 'Status'),
			desk,
		};
	throw new LinkConfigError(`the link action "${action}" is not close or status`, 'linkAction');
}

/**
 * A signed link for one agent and one action, valid once until it expires; the item goes on
 * with `<field>: { url, expiresAt, action }`. The desk is not touched.
 */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	desk: DeskStore,
): Promise<DeskResult> {
	const subject = subjectFor(this, i, desk.desk);
	const signing = await linkSigningFor(this, i);
	const { token, claims } = createActionLinkToken(subject, {
		secret: signing.secret,
		lifetimeMs: hoursToMs(this.getNodeParameter('linkLifetimeHours', i, 0)) ?? signing.lifetimeMs,
	});
	const webhookUrl =
		String(this.getNodeParameter('linkUrl', i, '') ?? '').trim() ||
		defaultLinkUrl(this, subject.action);
	const field = String(this.getNodeParameter('linkField', i, 'actionLink') ?? '').trim();
	const link: IDataObject = {
		url: actionLinkUrl(webhookUrl, token),
		expiresAt: new Date(claims.expiresAt).toISOString(),
		action: claims.action,
	};
	const input = this.getInputData()[i];
	return {
		events: [],
		usedDesk: false,
		routed: [routed(0, { ...input.json, [field || 'actionLink']: link })],
	};
}
