import type { INodeProperties } from 'n8n-workflow';

/**
 * The desk and the agents: from version 2 pick lists (resource locators) of the desks in the
 * state store and the agents of the node's roster, by name or ID as well; version 1 keeps its
 * plain text fields. The execute side reads both with getNodeParameter's extractValue.
 */
const V1 = { '@version': [1] };
const V2 = { '@version': [{ _cnd: { gte: 2 } }] };

export const deskPicker = (): INodeProperties[] => {
	return [
		{
			displayName: 'Desk',
			name: 'desk',
			type: 'string',
			default: 'default',
			description: 'Name of the team\'s desk. Workflows using the same desk share agents, loads and the queue.',
			displayOptions: { show: V1 },
		},
		{
			displayName: 'Desk',
			name: 'desk',
			type: 'resourceLocator',
			default: { mode: 'name', value: 'default' },
			description: 'The team\'s desk: workflows using the same desk share agents, loads and the queue. The list shows the desks of this state store; a new name starts a desk.',
			displayOptions: { show: V2 },
			modes: [
				{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchDesks', searchable: true } },
				{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'beauty-brand' },
			],
		},
	];
};

export const agentPicker = (name: string, v1DisplayName: string, displayName: string): INodeProperties[] => [
	{ displayName: v1DisplayName, name, type: 'string', default: '', required: true, displayOptions: { show: V1 } },
	{
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The list shows the agents of the roster this node is given (Listed Below, JSON rows, or the roster last given to the desk)',
		displayOptions: { show: V2 },
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchAgents', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'wang' },
		],
	},
];
