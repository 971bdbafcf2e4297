import type { INodeProperties } from 'n8n-workflow';
import { deskPicker } from '../helpers/pickers';
import * as assign from './assign.operation';
import * as createActionLink from './createActionLink.operation';
import * as getLoad from './getLoad.operation';
import * as openActionLink from './openActionLink.operation';
import * as recordReply from './recordReply.operation';
import * as release from './release.operation';
import * as setStatus from './setStatus.operation';
import * as sweep from './sweep.operation';
import * as transfer from './transfer.operation';

export {
	assign,
	createActionLink,
	getLoad,
	openActionLink,
	recordReply,
	release,
	setStatus,
	sweep,
	transfer,
};

/** The operation, the desk every operation works on, and each operation's fields. */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Assign',
				value: 'assign',
				action: 'Assign a conversation to an agent',
				description: "Give the DM's conversation to the best free agent, or queue it",
			},
			{
				name: 'Create Action Link',
				value: 'createActionLink',
				action: 'Create a link only the agent can use',
				description:
					"A signed, single-use link for the agent's message: close the conversation, or set their status",
			},
			{
				name: 'Get Load',
				value: 'getLoad',
				action: 'Get the load of each agent and the queue',
				description: 'Open conversations per agent, free slots, the waiting queue',
			},
			{
				name: 'Open Action Link',
				value: 'openActionLink',
				action: 'Open an agent action link',
				description:
					'From the link webhook: a confirmation page on GET, the action on POST (once), or the reason a link is refused',
			},
			{
				name: 'Record Agent Reply',
				value: 'recordReply',
				action: 'Record that the agent replied',
				description: "Feed it the business's own messages, so Sweep knows who is waiting",
			},
			{
				name: 'Release',
				value: 'release',
				action: 'Release a closed conversation',
				description: 'The conversation is closed: free its slot and serve the queue',
			},
			{
				name: 'Set Status',
				value: 'setStatus',
				action: 'Set the status of an agent',
				description: 'Online, busy, away or offline',
			},
			{
				name: 'Sweep',
				value: 'sweep',
				action: 'Reassign stuck conversations',
				description:
					'Move conversations whose agent went away or did not answer; run it from a Schedule Trigger',
			},
			{
				name: 'Transfer',
				value: 'transfer',
				action: 'Transfer a conversation to a named agent',
				description: 'Hand a conversation to a chosen agent',
			},
		],
		default: 'assign',
	},
	...deskPicker(),
	...assign.description,
	...recordReply.description,
	...release.description,
	...setStatus.description,
	...transfer.description,
	...getLoad.description,
	...sweep.description,
	...createActionLink.description,
	...openActionLink.description,
];
