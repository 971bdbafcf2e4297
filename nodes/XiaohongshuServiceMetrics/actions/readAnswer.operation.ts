import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { EventLog, fillTemplate, readSurveyAnswer } from '../../shared/serviceMetrics';
import { itemFieldParameter, maskedFields, routed, type Routed } from '../../shared/n8n';
import type { StateStore } from '../../shared/state';
import { conversationIdField, surveyOptionsField } from '../helpers/fields';
import { nicknameOf, required } from '../helpers/survey';

const properties: INodeProperties[] = [
	conversationIdField,
	{
		displayName: 'Message',
		name: 'text',
		type: 'string',
		default: '={{ $json.text }}',
		description: "The customer's DM that may answer the survey",
	},
	{
		displayName: 'Thank-You Message',
		name: 'thankYouText',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '谢谢{nickname}的评价 {stars}！我们会继续努力 💪',
		description:
			'{score}, {stars}, {nickname} and {agent} are filled in. Low scores (1–2) are flagged in "csat.low" so a supervisor can follow up.',
	},
	surveyOptionsField,
];

export const description = updateDisplayOptions(
	{ show: { operation: ['readAnswer'] } },
	properties,
);

/** A customer's DM: a score (output 1, recorded once) or anything else (output 2, unchanged). */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	store: StateStore,
	nowMs: number,
): Promise<Routed[]> {
	const item = this.getInputData()[i].json;
	const conversationId = required(this, 'conversationId', 'Conversation ID', i);
	const text = String(itemFieldParameter(this, 'text', i, '') ?? '');
	const reading = await readSurveyAnswer(store, conversationId, text, nowMs);
	if (reading.kind !== 'score') return [routed(1, item)];
	const { answer, survey } = reading;
	await new EventLog(store).record([
		{
			type: 'csat',
			at: nowMs,
			conversationId,
			customerUserId: survey.customerUserId,
			score: answer.score,
			agentId: survey.agentId,
			agentName: survey.agentName,
			messageId: typeof item.messageId === 'string' ? item.messageId : undefined,
		},
	]);
	const thankYou = fillTemplate(String(this.getNodeParameter('thankYouText', i, '')), {
		score: answer.score,
		stars: '⭐'.repeat(answer.score),
		nickname: nicknameOf(item),
		agent: survey.agentName,
	});
	return [
		routed(0, {
			...item,
			// What the supervisor's notice shows of the answer: contacts masked (maskedFields).
			...maskedFields(item),
			csat: {
				score: answer.score,
				matched: answer.matched,
				low: answer.score <= 2,
				thankYou,
				agentId: survey.agentId ?? null,
				agentName: survey.agentName ?? null,
				surveySentAt: new Date(survey.sentAt).toISOString(),
			},
		}),
	];
}
