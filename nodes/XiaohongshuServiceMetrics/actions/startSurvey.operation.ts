import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { EventLog, fillTemplate, startSurvey } from '../../shared/serviceMetrics';
import { routed, type Routed } from '../../shared/n8n';
import type { StateStore } from '../../shared/state';
import { conversationIdField, surveyOptionsField } from '../helpers/fields';
import { agentOf, nicknameOf, required } from '../helpers/survey';

const properties: INodeProperties[] = [
	conversationIdField,
	{
		displayName: 'Survey Message',
		name: 'surveyText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '{nickname}您好，本次服务是否满意？请回复 1-5 分（5 = 非常满意 😊，1 = 很不满意）',
		description: 'Sent after the close. {nickname} and {agent} are filled in.',
	},
	surveyOptionsField,
];

export const description = updateDisplayOptions(
	{ show: { operation: ['startSurvey'] } },
	properties,
);

const HOUR = 3_600_000;

/** After a close: the survey to send (output 1), or why not (output 2). */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	store: StateStore,
	nowMs: number,
): Promise<Routed[]> {
	const item = this.getInputData()[i].json;
	const conversationId = required(this, 'conversationId', 'Conversation ID', i);
	const options = this.getNodeParameter('surveyOptions', i, {}) as IDataObject;
	const agent = agentOf(item);
	const customerUserId =
		typeof item.customerUserId === 'string' ? item.customerUserId : conversationId.split(':').pop();
	const started = await startSurvey(
		store,
		{ conversationId, customerUserId, agentId: agent.id, agentName: agent.name },
		nowMs,
		Number(options.windowHours ?? 24) * HOUR,
		Number(options.cooldownDays ?? 0) * 24 * HOUR,
	);
	if (!started.started)
		return [routed(1, { ...item, survey: { skipped: started.skipped, conversationId } })];
	await new EventLog(store).record([
		{
			type: 'survey_sent',
			at: nowMs,
			conversationId,
			customerUserId,
			agentId: agent.id,
			agentName: agent.name,
		},
	]);
	const text = fillTemplate(String(this.getNodeParameter('surveyText', i, '')), {
		nickname: nicknameOf(item),
		agent: agent.name,
	});
	return [
		routed(0, {
			...item,
			customerUserId,
			survey: {
				text,
				conversationId,
				expiresAt: new Date((started.pending as { expiresAt: number }).expiresAt).toISOString(),
			},
		}),
	];
}
