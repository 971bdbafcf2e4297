import type { INodeProperties } from 'n8n-workflow';

export const rosterFields: INodeProperties[] = [
	{
		displayName: 'Agents',
		name: 'rosterSource',
		type: 'options',
		options: [
			{ name: 'Listed Below', value: 'ui' },
			{
				name: 'From JSON (E.g. a Data Table)',
				value: 'json',
				description:
					'Rows from a previous node, so admins change agents without editing the workflow',
			},
			{
				name: 'As Last Given to This Desk',
				value: 'saved',
				description:
					'The roster another workflow gave this desk last, e.g. the "Agents table → desk" template from a Data Table every minute',
			},
		],
		default: 'ui',
	},
	{
		displayName: 'Agents JSON',
		name: 'agentsJson',
		type: 'json',
		default: "={{ $('Agents').all().map(item => item.json) }}",
		displayOptions: { show: { rosterSource: ['json'] } },
		description:
			"Rows with ID, name, skills, team, level, capacity, status, weight, contact, lanes, working_hours (only ID is required). A Data Table row's own ID is its row number: put the agent's ID in agent_id, which is read first. An empty status keeps the agent's current one.",
	},
	{
		displayName: 'Agents',
		name: 'agents',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add agent',
		default: {},
		displayOptions: { show: { rosterSource: ['ui'] } },
		options: [
			{
				displayName: 'Agent',
				name: 'agent',
				values: [
					{
						displayName: 'Capacity',
						name: 'capacity',
						type: 'number',
						default: 5,
						description: 'Most open conversations at once',
					},
					{
						displayName: 'Contact',
						name: 'contact',
						type: 'string',
						default: '',
						description:
							'Where to notify this agent (bot webhook, @ ID, phone); passed on in the output',
					},
					{
						displayName: 'Fast Lanes',
						name: 'lanes',
						type: 'string',
						default: '',
						placeholder: 'complaint, urgent',
						description: 'Lanes this agent is dedicated to',
					},
					{ displayName: 'ID', name: 'id', type: 'string', default: '' },
					{
						displayName: 'Level',
						name: 'level',
						type: 'number',
						default: 1,
						description: 'Experience; a fast lane may ask for a minimum',
					},
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{
						displayName: 'Skills',
						name: 'skills',
						type: 'string',
						default: '',
						placeholder: '法律, 售后',
					},
					{
						displayName: 'Status',
						name: 'status',
						type: 'options',
						options: [
							{ name: 'Away', value: 'away' },
							{ name: 'Busy', value: 'busy' },
							{ name: 'Keep Current', value: '' },
							{ name: 'Offline', value: 'offline' },
							{ name: 'Online', value: 'online' },
						],
						default: '',
						description:
							'Changing it here counts as a status change; "Keep Current" leaves it to Set Status',
					},
					{ displayName: 'Team', name: 'team', type: 'string', default: '' },
					{
						displayName: 'Weight',
						name: 'weight',
						type: 'number',
						default: 1,
						description: 'Share of new conversations under the weighted strategy',
					},
					{
						displayName: 'Working Hours',
						name: 'workingHours',
						type: 'string',
						default: '',
						placeholder: 'Mon-Fri 09:00-18:00',
						description:
							'Empty: always on shift. Also 周一至周五 9:00-18:00; several windows separated by ;.',
					},
				],
			},
		],
	},
];
