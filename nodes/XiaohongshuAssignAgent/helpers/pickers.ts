import type { INodeProperties } from 'n8n-workflow';
import { versionedPickList } from '../../shared/n8n';

/** The desk and the agents: pick lists from version 2 (the store's desks, the roster's agents). */
export const deskPicker = (): INodeProperties[] =>
	versionedPickList({
		name: 'desk',
		displayName: 'Desk',
		description:
			"The team's desk: workflows using the same desk share agents, loads and the queue. The list shows the desks of this state store; a new name starts a desk.",
		searchListMethod: 'searchDesks',
		typed: { mode: 'name', placeholder: 'beauty-brand' },
		initial: { mode: 'name', value: 'default' },
		v1: {
			displayName: 'Desk',
			default: 'default',
			description:
				"Name of the team's desk. Workflows using the same desk share agents, loads and the queue.",
		},
	});

export const agentPicker = (
	name: string,
	v1DisplayName: string,
	displayName: string,
): INodeProperties[] =>
	versionedPickList({
		name,
		displayName,
		description:
			'The list shows the agents of the roster this node is given (Listed Below, JSON rows, or the roster last given to the desk)',
		required: true,
		searchListMethod: 'searchAgents',
		typed: { mode: 'id', placeholder: 'wang' },
		initial: { mode: 'list', value: '' },
		v1: { displayName: v1DisplayName, default: '', required: true },
	});
