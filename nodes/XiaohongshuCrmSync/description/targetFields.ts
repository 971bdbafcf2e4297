import type { INodeProperties } from 'n8n-workflow';

const show = (target: string) => ({ show: { target: [target] } });

export const targetFields: INodeProperties[] = [
	{
		displayName: 'Target',
		name: 'target',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Any N8n Node (Outputs Records)', value: 'items', description: 'Profile, history and leads as clean fields for n8n\'s Data Table, Google Sheets, Notion, Postgres…' },
			{ name: 'Feishu Bitable', value: 'feishu', description: '飞书多维表格: a customers table and a history table' },
			{ name: 'HTTP (In-House CRM)', value: 'http', description: 'Your own API, with an idempotency header' },
			{ name: 'HubSpot', value: 'hubspot', description: 'A contact per customer and a note per DM' },
		],
		default: 'items',
	},
	{
		displayName: 'Customer Book',
		name: 'book',
		type: 'string',
		default: 'default',
		description: 'Profiles are kept per book in the state store; workflows with the same book share customers',
	},
	{
		displayName: 'Xiaohongshu ID Property',
		name: 'hubspotIdProperty',
		type: 'string',
		default: 'xhs_user_id',
		displayOptions: show('hubspot'),
		description: 'Internal name of the custom contact property (single-line text) that holds the Xiaohongshu user ID; create it in HubSpot first',
	},
	{
		displayName: 'Property Map',
		name: 'hubspotPropertyMap',
		type: 'string',
		default: '',
		placeholder: 'xhs_topics=topics, xhs_message_count=message_count',
		displayOptions: show('hubspot'),
		description: 'Extra hubspot_property=profile_field pairs (defaults: firstname=nickname, phone, email, city=region)',
	},
	{ displayName: 'Base ID', name: 'feishuBaseId', type: 'string', default: '', required: true, placeholder: 'bascnXXXXXXXX', displayOptions: show('feishu'), description: 'The part of the Bitable URL after /base/ (Feishu calls it app_token)' },
	{ displayName: 'Customers Table ID', name: 'feishuCustomerTable', type: 'string', default: '', required: true, placeholder: 'tblXXXXXXXX', displayOptions: show('feishu') },
	{ displayName: 'History Table ID', name: 'feishuHistoryTable', type: 'string', default: '', placeholder: 'tblYYYYYYYY', displayOptions: show('feishu'), description: 'Empty: no history rows' },
	{
		displayName: 'Column Map',
		name: 'feishuFieldMap',
		type: 'string',
		default: '',
		placeholder: '小红书ID=xhs_user_id, 昵称=nickname, 电话=phone',
		displayOptions: show('feishu'),
		description: 'Column=field pairs; empty: columns named like the fields (xhs_user_id, nickname, …)',
	},
	{ displayName: 'Customer URL', name: 'httpCustomerUrl', type: 'string', default: '', required: true, placeholder: 'https://crm.example.com/api/customers', displayOptions: show('http') },
	{
		displayName: 'Customer Method',
		name: 'httpCustomerMethod',
		type: 'options',
		options: [
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'PUT',
		displayOptions: show('http'),
	},
	{ displayName: 'History URL', name: 'httpHistoryUrl', type: 'string', default: '', placeholder: 'https://crm.example.com/api/messages', displayOptions: show('http'), description: 'Empty: history entries are not sent' },
	{ displayName: 'Idempotency Header', name: 'httpIdempotencyHeader', type: 'string', default: 'Idempotency-Key', displayOptions: show('http') },
	{ displayName: 'Field Map', name: 'httpFieldMap', type: 'string', default: '', placeholder: 'external_id=xhs_user_id, name=nickname', displayOptions: show('http'), description: 'Pairs of crm_field=profile_field; empty: the whole profile' },
	{ displayName: 'Use Auth Header', name: 'httpUseAuth', type: 'boolean', default: false, displayOptions: show('http'), description: 'Whether to add a header from an "HTTP Header" credential' },
];

export const optionFields: INodeProperties[] = [
	{
		displayName: 'Include Purchase Records',
		name: 'includePurchases',
		type: 'boolean',
		default: false,
		description: 'Whether to look up the customer\'s orders of the last 30 days (and any order number in the DM) through Xiaohongshu\'s e-commerce API and add count, total and the last order to the profile',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 4, description: 'Customers synced at once (DMs of one customer always go in order)' },
			{ displayName: 'Mask Contacts in Notes', name: 'maskContacts', type: 'boolean', default: true, description: 'Whether phone numbers and WeChat IDs are masked in history text and notes (lead fields keep them whole)' },
			{ displayName: 'Max Attempts', name: 'maxAttempts', type: 'number', default: 4, description: 'Tries per request when the CRM answers 429 or 5xx' },
			{ displayName: 'Retry Base Delay (Ms)', name: 'retryBaseDelayMs', type: 'number', default: 500, description: 'First wait before a retry; it doubles each time (with jitter), unless the CRM says how long in Retry-After' },
		],
	},
];
