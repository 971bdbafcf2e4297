import type { INodeProperties } from 'n8n-workflow';
import { calendarOptionFields } from '../../shared/n8n';

/** Shifts follow the shared calendar: official holidays, 调休, the admin's dates. */
const calendar = calendarOptionFields("the agents' working hours");

export const policyFields: INodeProperties[] = [
	{
		displayName: 'Routing Options',
		name: 'policy',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Away Grace (Minutes)',
				name: 'awayGraceMinutes',
				type: 'number',
				default: 5,
				description: "Sweep moves an away agent's conversations after this long",
			},
			{
				displayName: 'Complaint Lane Min Level',
				name: 'complaintMinLevel',
				type: 'number',
				default: 0,
				description: 'Agents below this level get no complaints',
			},
			{
				displayName: 'Complaint Lane Only Dedicated',
				name: 'complaintDedicatedOnly',
				type: 'boolean',
				default: false,
				description: 'Whether complaints wait for the complaint team instead of going to others',
			},
			{
				displayName: 'Complaint Lane Tags',
				name: 'complaintTags',
				type: 'string',
				default: '投诉, complaint',
			},
			{
				displayName: 'Complaint Lane Team',
				name: 'complaintTeam',
				type: 'string',
				default: '',
				description: 'Agents of this team (or with "complaint" in their lanes) are tried first',
			},
			{
				displayName: 'Fallback Ladder',
				name: 'ladder',
				type: 'options',
				options: [
					{ name: 'Anyone', value: 'anyone' },
					{ name: 'Skill → Anyone', value: 'skill,anyone' },
					{ name: 'Skill → Team', value: 'skill,team' },
					{ name: 'Skill → Team → Anyone', value: 'skill,team,anyone' },
					{ name: 'Skill Only (Else Queue)', value: 'skill' },
				],
				default: 'skill,anyone',
				description: 'Where a conversation goes when no agent with the required skills is free',
			},
			calendar.holidayCalendar,
			calendar.holidays,
			calendar.workdays,
			{
				displayName: 'Reassign When Offline',
				name: 'reassignOnOffline',
				type: 'boolean',
				default: true,
				description: "Whether Set Status offline hands the agent's conversations on at once",
			},
			{
				displayName: 'Reserved Fast-Lane Slots',
				name: 'reservedSlots',
				type: 'number',
				default: 1,
				description:
					"Slots above each agent's capacity that only complaints and urgent orders may use",
			},
			{
				displayName: 'Skill Map',
				name: 'skillMap',
				type: 'string',
				default: '',
				placeholder: '退款=售后, 合同=法律',
				description: 'Tag=skill pairs for tags that do not name a skill themselves',
			},
			{
				displayName: 'Sticky',
				name: 'sticky',
				type: 'boolean',
				default: true,
				description:
					'Whether a returning customer goes to their previous agent when that agent is online with room',
			},
			{ displayName: 'Sticky Days', name: 'stickyDays', type: 'number', default: 30 },
			{
				displayName: 'Strategy',
				name: 'strategy',
				type: 'options',
				options: [
					{
						name: 'Least Loaded',
						value: 'leastLoaded',
						description: 'Most free capacity in %, ties to the agent idle longest',
					},
					{ name: 'Round Robin', value: 'roundRobin' },
					{
						name: 'Weighted',
						value: 'weighted',
						description: "In proportion to each agent's weight",
					},
				],
				default: 'leastLoaded',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: 'Asia/Shanghai',
				description: "Of the agents' working hours",
			},
			{
				displayName: 'Unanswered After (Minutes)',
				name: 'unansweredMinutes',
				type: 'number',
				default: 0,
				description:
					'Sweep moves a conversation its agent has not answered for this long; 0 turns it off',
			},
			{ displayName: 'Urgent Lane Min Level', name: 'urgentMinLevel', type: 'number', default: 0 },
			{
				displayName: 'Urgent Lane Only Dedicated',
				name: 'urgentDedicatedOnly',
				type: 'boolean',
				default: false,
				description: 'Whether urgent orders wait for the urgent team instead of going to others',
			},
			{
				displayName: 'Urgent Lane Tags',
				name: 'urgentTags',
				type: 'string',
				default: '加急, urgent',
			},
			{ displayName: 'Urgent Lane Team', name: 'urgentTeam', type: 'string', default: '' },
		],
	},
];
