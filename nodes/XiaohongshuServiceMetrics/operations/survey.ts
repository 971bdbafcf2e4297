import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { fillTemplate, readSurveyAnswer, startSurvey } from '../../shared/metrics/csatSurvey';
import { EventLog } from '../../shared/metrics/eventLog';
import type { StateStore } from '../../shared/state/StateStore';
import { FieldError } from '../../shared/n8n/fieldError';

const HOUR = 3_600_000;

interface AgentRef {
	id?: string;
	name?: string;
}

function required(context: IExecuteFunctions, name: string, label: string, i: number): string {
	const value = String(context.getNodeParameter(name, i, '') ?? '').trim();
	if (!value) throw new FieldError(`the field "${label}" is empty`, label);
	return value;
}

function agentOf(item: IDataObject): AgentRef {
	const assignment = item.assignment as { agent?: AgentRef } | undefined;
	return assignment?.agent ?? {};
}

function nicknameOf(item: IDataObject): string | undefined {
	const context = (item.assignment as { context?: { nickname?: string } } | undefined)?.context;
	return (typeof item.nickname === 'string' && item.nickname) || context?.nickname || undefined;
}

/** After a close: the survey to send (output 1), or why not (output 2). */
export async function startSurveyItem(context: IExecuteFunctions, i: number, store: StateStore, nowMs: number): Promise<{ output: 0 | 1; item: INodeExecutionData }> {
	const item = context.getInputData()[i].json;
	const conversationId = required(context, 'conversationId', 'Conversation ID', i);
	const options = context.getNodeParameter('surveyOptions', i, {}) as IDataObject;
	const agent = agentOf(item);
	const customerUserId = typeof item.customerUserId === 'string' ? item.customerUserId : conversationId.split(':').pop();
	const started = await startSurvey(
		store,
		{ conversationId, customerUserId, agentId: agent.id, agentName: agent.name },
		nowMs,
		Number(options.windowHours ?? 24) * HOUR,
		Number(options.cooldownDays ?? 0) * 24 * HOUR,
	);
	if (!started.started) {
		return { output: 1, item: { json: { ...item, survey: { skipped: started.skipped, conversationId } }, pairedItem: { item: i } } };
	}
	await new EventLog(store).record([{ type: 'survey_sent', at: nowMs, conversationId, customerUserId, agentId: agent.id, agentName: agent.name }]);
	const text = fillTemplate(String(context.getNodeParameter('surveyText', i, '')), { nickname: nicknameOf(item), agent: agent.name });
	return {
		output: 0,
		item: {
			json: { ...item, customerUserId, survey: { text, conversationId, expiresAt: new Date((started.pending as { expiresAt: number }).expiresAt).toISOString() } },
			pairedItem: { item: i },
		},
	};
}

/** A customer's DM: a score (output 1, recorded once) or anything else (output 2, unchanged). */
export async function readAnswerItem(context: IExecuteFunctions, i: number, store: StateStore, nowMs: number): Promise<{ output: 0 | 1; item: INodeExecutionData }> {
	const item = context.getInputData()[i].json;
	const conversationId = required(context, 'conversationId', 'Conversation ID', i);
	const text = String(context.getNodeParameter('text', i, '') ?? '');
	const reading = await readSurveyAnswer(store, conversationId, text, nowMs);
	if (reading.kind !== 'score') return { output: 1, item: { json: item, pairedItem: { item: i } } };
	const { answer, survey } = reading;
	await new EventLog(store).record([
		{ type: 'csat', at: nowMs, conversationId, customerUserId: survey.customerUserId, score: answer.score, agentId: survey.agentId, agentName: survey.agentName, messageId: typeof item.messageId === 'string' ? item.messageId : undefined },
	]);
	const thankYou = fillTemplate(String(context.getNodeParameter('thankYouText', i, '')), {
		score: answer.score,
		stars: '⭐'.repeat(answer.score),
		nickname: nicknameOf(item),
		agent: survey.agentName,
	});
	return {
		output: 0,
		item: {
			json: {
				...item,
				csat: { score: answer.score, matched: answer.matched, low: answer.score <= 2, thankYou, agentId: survey.agentId ?? null, agentName: survey.agentName ?? null, surveySentAt: new Date(survey.sentAt).toISOString() },
			},
			pairedItem: { item: i },
		},
	};
}
