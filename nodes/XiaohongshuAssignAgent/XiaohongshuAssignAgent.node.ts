import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { recordQuietly } from '../shared/metrics/eventLog';
import { deskServiceEvents } from '../shared/metrics/recorders';
import type { ServiceEvent } from '../shared/metrics/serviceEvent';
import { stateStoreFor, stateStoreProperty } from '../shared/n8n/stateStoreParameter';
import { stateStoreNodeMethods } from '../shared/n8n/stateStoreTest';
import type { DeskLoad } from '../shared/routing/deskLoad';
import { DeskOperationError, type DeskEvent } from '../shared/routing/deskOperations';
import { DeskStore, type DeskEnvironment } from '../shared/routing/deskStore';
import { RosterError, statusOf } from '../shared/routing/roster';
import { assignRequestFor, conversationIdFor, policyFor, requiredParameter, rosterFor } from './assignInputs';
import { operationFields } from './description/operationFields';
import { policyFields } from './description/policyFields';
import { rosterFields } from './description/rosterFields';

/**
 * Output 0 always carries conversations newly given to an agent (ready for "notify the agent");
 * output 1 the rest: what waits (Assign), or what the operation did.
 */
const configuredOutputs = (parameters: INodeParameters) => [
	{ type: 'main', displayName: 'Assigned' },
	{ type: 'main', displayName: parameters.operation === 'assign' || parameters.operation === undefined ? 'Queued' : parameters.operation === 'getLoad' ? 'Load' : 'Done' },
];

interface Outcome {
	conversationId?: string;
	events: DeskEvent[];
	load?: DeskLoad;
}

const TO_AGENT = new Set(['assigned', 'already', 'backfilled', 'reassigned', 'transferred']);

export class XiaohongshuAssignAgent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu Assign Agent',
		name: 'xiaohongshuAssignAgent',
		icon: { light: 'file:xiaohongshu.svg', dark: 'file:xiaohongshu.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + " · desk " + $parameter["desk"]}}',
		description: 'Routes DM conversations to human agents by skill, load, status and priority, with a waiting queue',
		defaults: { name: 'Assign Agent' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [
			{
				name: 'xiaohongshuStateStoreApi',
				required: true,
				displayOptions: { show: { stateStore: ['redis'] } },
				testedBy: 'stateStoreConnectionTest',
			},
		],
		properties: [
			{
				displayName:
					'Assigned: conversations newly given to an agent, with "assignment.agent" (name, contact) and the reason. The second output: what waits in the queue (Assign) or what the operation did.',
				name: 'outputsNotice',
				type: 'notice',
				default: '',
			},
			...operationFields,
			...rosterFields,
			...policyFields,
			stateStoreProperty,
		],
	};

	methods = stateStoreNodeMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		const outputs: INodeExecutionData[][] = [[], []];
		const store = await stateStoreFor(this);

		// All items at once: the desk applies concurrent operations in one atomic write.
		const settled = await Promise.allSettled(items.map(async (_, i): Promise<Outcome> => {
			const desk = DeskStore.for(store, String(this.getNodeParameter('desk', i, 'default') || 'default'));
			const policy = policyFor(this, i);
			const env: DeskEnvironment = { roster: rosterFor(this, i), policy };
			switch (operation) {
				case 'assign': {
					const request = assignRequestFor(this, i, policy);
					return { conversationId: request.conversationId, events: await desk.assign(request, env) };
				}
				case 'release': {
					const conversationId = conversationIdFor(this, i);
					return { conversationId, events: await desk.release(conversationId, env) };
				}
				case 'setStatus':
					return { events: await desk.setStatus(requiredParameter(this, 'agentId', 'Agent ID', i), statusOf(this.getNodeParameter('status', i), 'Status'), env) };
				case 'transfer': {
					const request = assignRequestFor(this, i, policy);
					const to = requiredParameter(this, 'toAgent', 'To Agent ID', i);
					return { conversationId: request.conversationId, events: await desk.transfer(request.conversationId, to, env, request) };
				}
				case 'recordReply': {
					const conversationId = conversationIdFor(this, i);
					return { conversationId, events: await desk.recordReply(conversationId, env) };
				}
				case 'sweep':
					return { events: await desk.sweep(env) };
				default:
					return await desk.load(env);
			}
		}));

		const serviceEvents: ServiceEvent[] = [];
		for (let i = 0; i < items.length; i++) {
			const result = settled[i];
			if (result.status === 'rejected') {
				const error = result.reason as Error;
				const known = error instanceof RosterError || error instanceof DeskOperationError;
				const field = error instanceof DeskOperationError ? ` (field "${error.field}")` : '';
				const nodeError = new NodeOperationError(this.getNode(), `Item ${i}: ${error.message}${field}`, {
					itemIndex: i,
					description: known ? 'Nothing was changed for this item; the other items went on.' : undefined,
				});
				if (!this.continueOnFail()) throw nodeError;
				outputs[1].push({ json: { ...items[i].json, error: nodeError.message }, pairedItem: { item: i } });
				continue;
			}
			const { conversationId, events, load } = result.value;
			serviceEvents.push(...deskServiceEvents(events, Date.now(), items[i].json));
			if (load) outputs[1].push({ json: { ...items[i].json, ...(load as unknown as IDataObject) }, pairedItem: { item: i } });
			for (const event of events) {
				const mine = event.conversationId === undefined || event.conversationId === conversationId;
				const json: IDataObject = { ...(mine ? items[i].json : contextFields(event)), assignment: event as unknown as IDataObject };
				outputs[TO_AGENT.has(event.type) ? 0 : 1].push({ json, pairedItem: { item: i } });
			}
		}
		await recordQuietly(store, serviceEvents, (m) => this.logger.warn(m));
		return outputs;
	}
}

/** For conversations other than the input item's (served from the queue, moved by Sweep). */
function contextFields(event: DeskEvent): IDataObject {
	const context = event.context;
	return {
		conversationId: event.conversationId,
		customerUserId: context?.customerUserId,
		accountUserId: context?.accountUserId,
		thirdAccountId: context?.thirdAccountId,
		nickname: context?.nickname,
		text: context?.text,
		messageId: context?.messageId,
	};
}
