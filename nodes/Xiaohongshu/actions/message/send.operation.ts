import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import {
	deterministicRequestId,
	newRequestId,
	type SendableType,
	type SendContent,
	type XhsClient,
} from '../../../shared/xiaohongshu';
import {
	detectSentBy,
	recordQuietly,
	sendEvent,
	type SentBy,
} from '../../../shared/serviceMetrics';
import { itemFieldParameter, routed, type Routed } from '../../../shared/n8n';
import { settled } from '../../../shared/outcome';
import { accountPicker, notePicker } from '../../helpers/pickers';

const properties: INodeProperties[] = [
	{
		displayName: 'Customer User ID',
		name: 'customerUserId',
		type: 'string',
		required: true,
		default: '={{ $json.customerUserId }}',
		description:
			'Who receives the message. Filled from the Xiaohongshu Trigger item, so "reply to this DM" works as is.',
	},
	...accountPicker('The bound business account that sends the message'),
	{
		displayName: 'Third Account ID',
		name: 'thirdAccountId',
		type: 'string',
		default: '={{ $json.thirdAccountId }}',
		description:
			"The account ID of the third-party binding (from the trigger item or Account → Get Many). Revision 2 DMs may come without it: empty, it is taken from the account's binding.",
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		options: [
			{ name: 'Text', value: 'TEXT' },
			{ name: 'Image', value: 'IMAGE' },
			{ name: 'Card', value: 'CARD' },
			{ name: 'Note', value: 'NOTE' },
		],
		default: 'TEXT',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: '亲爱的，这款面霜 199 元 😉',
		displayOptions: { show: { messageType: ['TEXT'] } },
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { messageType: ['IMAGE'] } },
	},
	{
		displayName: 'Card Title',
		name: 'cardTitle',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { messageType: ['CARD'] } },
	},
	{
		displayName: 'Card Link',
		name: 'cardUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { messageType: ['CARD'] } },
	},
	{
		displayName: 'Card Image URL',
		name: 'cardImage',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { messageType: ['CARD'] } },
	},
	...notePicker().map((p) => ({
		...p,
		displayOptions: { show: { ...p.displayOptions?.show, messageType: ['NOTE'] } },
	})),
	{
		displayName: 'Reply To Message ID',
		name: 'replyToMessageId',
		type: 'string',
		default: '={{ $json.messageId }}',
		description:
			'The DM being answered. With it, the same answer to the same DM is never sent twice, even when the workflow runs again; leave empty to send every time.',
	},
	{
		displayName: 'Once Per Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		placeholder: '={{ $json.messageId }}:ack',
		description:
			'Optional. Sends with the same key are one message: the platform answers a repeat with the first send\'s result and delivers nothing, even when the text differs (e.g. the same key on a "who helps you" and a "queue place" node, so a DM run again after a crash is acknowledged once). Empty: the DM, this node and the text make the key.',
	},
	{
		displayName: 'Count in Service Metrics As',
		name: 'countAs',
		type: 'options',
		options: [
			{
				name: 'Agent Reply',
				value: 'agent',
				description: "A human agent's answer (counts for human first response)",
			},
			{
				name: 'Auto-Reply',
				value: 'auto',
				description: 'An automatic answer (counts for auto-reply coverage)',
			},
			{
				name: 'Detect From the Item',
				value: 'detect',
				description:
					'Auto-reply after a Keyword Reply match, survey after a CSAT step, otherwise a notice',
			},
			{
				name: 'Notice',
				value: 'system',
				description: 'A status message (queue position, who helps you): no response time',
			},
			{ name: 'Survey', value: 'survey', description: 'A satisfaction survey or its thank-you' },
		],
		default: 'detect',
		description: 'How this send shows in the Xiaohongshu Service Metrics reports',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['send'] } },
	properties,
);

/** A parameter as text, whether a plain field (version 1) or a pick list (version 2). */
const textOf = (context: IExecuteFunctions, name: string, i: number) =>
	String(itemFieldParameter(context, name, i, '', { extractValue: true }) ?? '').trim();

function contentFor(context: IExecuteFunctions, type: SendableType, i: number): SendContent {
	const value = (name: string) => String(itemFieldParameter(context, name, i, '') ?? '');
	if (type === 'IMAGE') return { url: value('imageUrl') };
	if (type === 'CARD')
		return { title: value('cardTitle'), url: value('cardUrl'), image: value('cardImage') };
	if (type === 'NOTE') return { note_id: textOf(context, 'noteId', i) };
	return { text: value('text') };
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	client: XhsClient,
): Promise<Routed[]> {
	const messageType = this.getNodeParameter('messageType', i) as SendableType;
	const content = contentFor(this, messageType, i);
	const customerUserId = textOf(this, 'customerUserId', i);
	const accountUserId = textOf(this, 'accountUserId', i);
	const thirdAccountId = textOf(this, 'thirdAccountId', i);
	const replyTo = textOf(this, 'replyToMessageId', i);
	const onceKey = textOf(this, 'idempotencyKey', i);
	const requestId = onceKey
		? deterministicRequestId(['once', onceKey])
		: replyTo
			? deterministicRequestId([replyTo, this.getNode().name, messageType, JSON.stringify(content)])
			: newRequestId();
	const outcome = await settled(
		async () =>
			await client.send({
				requestId,
				messageType,
				fromUserId: accountUserId,
				toUserId: customerUserId,
				thirdAccountId,
				content,
			}),
	);
	// The send is counted for Service Metrics whether it went out or not.
	const item = this.getInputData()[i]?.json ?? {};
	const countAs = this.getNodeParameter('countAs', i, 'detect') as SentBy | 'detect';
	const event = sendEvent({
		item,
		by: countAs === 'detect' ? detectSentBy(item) : countAs,
		customerUserId,
		accountUserId,
		replyToMessageId: replyTo || undefined,
		atMs: Date.now(),
		error: outcome.ok
			? undefined
			: {
					message: outcome.error.message,
					code: (outcome.error as { code?: string | number }).code,
				},
	});
	if (event) await recordQuietly(client.store, [event], (m) => this.logger.warn(m));
	if (!outcome.ok) throw outcome.error;
	const sent = outcome.value;
	return [
		routed(0, {
			messageId: sent.messageId,
			requestId: sent.requestId,
			customerUserId,
			accountUserId,
			thirdAccountId,
			messageType,
			content,
			replyToMessageId: replyTo || null,
			sentAt: new Date().toISOString(),
		}),
	];
}
