import type { INodeProperties } from 'n8n-workflow';

/** Field groups several operations share (each operation shows them for itself). */

export const conversationField: INodeProperties = {
	displayName: 'Conversation ID',
	name: 'conversationId',
	type: 'string',
	default: '={{ $json.conversationId }}',
	required: true,
	description:
		'One open conversation per customer and account; filled from the Xiaohongshu Trigger item',
};

/** What Assign and Transfer read to route a conversation. */
export const requestFields: INodeProperties[] = [
	conversationField,
	{
		displayName: 'Customer User ID',
		name: 'customerUserId',
		type: 'string',
		default: '={{ $json.customerUserId }}',
		description: 'Used to send returning customers to their previous agent',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '={{ $json.smartReply ? $json.smartReply.tags : ($json.tags || []) }}',
		description:
			'Tags from the Keyword Reply node. Tags that name an agent skill (or are mapped to one in the options) become required skills.',
	},
	{
		displayName: 'Lane',
		name: 'lane',
		type: 'options',
		options: [
			{
				name: 'Automatic',
				value: 'auto',
				description:
					'Complaint or urgent by the tags, and urgent when the Keyword Reply node sent the DM to its Urgent output',
			},
			{ name: 'Complaint', value: 'complaint' },
			{ name: 'Normal', value: 'normal' },
			{ name: 'Urgent', value: 'urgent' },
		],
		default: 'auto',
	},
	{
		displayName: 'Extra Priority',
		name: 'priority',
		type: 'number',
		default: 0,
		description:
			"Added to the lane's priority when the conversation has to wait (higher waits less)",
	},
];
