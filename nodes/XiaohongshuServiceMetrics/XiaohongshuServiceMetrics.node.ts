import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { stateStoreFor, stateStoreProperty } from '../shared/n8n/stateStoreParameter';
import { stateStoreNodeMethods } from '../shared/n8n/stateStoreTest';
import { toNodeError } from '../shared/n8n/nodeErrors';
import { outcomeOf, settled } from '../shared/outcome';
import type { StateStore } from '../shared/state/StateStore';
import { healthFields } from './description/healthFields';
import { operationField, timeZoneField } from './description/operationField';
import { recoverFields } from './description/recoverFields';
import { recoverUnfinishedDms } from './operations/recover';
import { recordFields } from './description/recordFields';
import { reportFields } from './description/reportFields';
import { surveyFields } from './description/surveyFields';
import { FieldError, fieldNodeError } from '../shared/n8n/fieldError';
import { runHealthCheck } from './operations/health';
import { claimFirst, eventFromFields, recordEvents, recordedItem, releaseClaims } from './operations/record';
import { buildReport } from './operations/report';
import { readAnswerItem, startSurveyItem } from './operations/survey';

const configuredOutputs = (parameters: INodeParameters) => {
	const names: Record<string, string[]> = {
		report: ['Report'],
		healthCheck: ['Alerts', 'Resolved'],
		startSurvey: ['Survey', 'Skipped'],
		readAnswer: ['Score', 'Not an Answer'],
		recoverDms: ['Unfinished DMs'],
		recordEvent: parameters.oncePerMessage === true ? ['Recorded', 'Already Recorded'] : ['Recorded'],
	};
	return (names[String(parameters.operation ?? 'report')] ?? names.report).map((displayName) => ({ type: 'main', displayName }));
};

export class XiaohongshuServiceMetrics implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu Service Metrics',
		name: 'xiaohongshuServiceMetrics',
		icon: { light: 'file:xiaohongshu.svg', dark: 'file:xiaohongshu.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Service quality of Xiaohongshu DMs: response times, resolution, CSAT surveys, daily reports with a chart, and health alerts',
		defaults: { name: 'Service Metrics' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [
			{
				name: 'xiaohongshuDmApi',
				required: true,
				displayOptions: { show: { operation: ['healthCheck'], checkToken: [true] } },
			},
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
					'The Xiaohongshu nodes record every DM, auto-reply, assignment, agent reply and close into the state store as they run; this node reads them. Use the same state store everywhere.',
				name: 'eventsNotice',
				type: 'notice',
				default: '',
			},
			operationField,
			timeZoneField,
			...reportFields,
			...healthFields,
			...surveyFields,
			...recordFields,
			...recoverFields,
			stateStoreProperty,
		],
	};

	methods = stateStoreNodeMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		const once = operation === 'recordEvent' && this.getNodeParameter('oncePerMessage', 0, false) === true;
		const outputs: INodeExecutionData[][] = configuredOutputs({ operation, oncePerMessage: once }).map(() => []);
		const store = await stateStoreFor(this);
		if (operation === 'recordEvent') return await recordAll(this, outputs, store, once);
		for (let i = 0; i < items.length; i++) {
			const nowMs = Date.now();
			const outcome = await settled(async () => {
				switch (operation) {
					case 'healthCheck': {
						const { alerts, resolved } = await runHealthCheck(this, i, store, nowMs);
						outputs[0].push(...alerts);
						outputs[1].push(...resolved);
						return;
					}
					case 'startSurvey':
					case 'readAnswer': {
						const { output, item } = operation === 'startSurvey' ? await startSurveyItem(this, i, store, nowMs) : await readAnswerItem(this, i, store, nowMs);
						outputs[output].push(item);
						return;
					}
					case 'recoverDms':
						outputs[0].push(...(await recoverUnfinishedDms(this, i, store, nowMs)));
						return;
					default:
						outputs[0].push(await buildReport(this, i, store, nowMs));
				}
			});
			if (outcome.ok) continue;
			const nodeError = nodeErrorFor(this, outcome.error, i);
			if (!this.continueOnFail()) throw nodeError;
			// A DM whose survey step failed still goes on to the normal flow; elsewhere the error is the news.
			const errorOutput = operation === 'readAnswer' || operation === 'startSurvey' ? 1 : 0;
			outputs[errorOutput].push({ json: { ...items[i].json, error: nodeError.message }, pairedItem: { item: i } });
		}
		return outputs;
	}
}

function nodeErrorFor(context: IExecuteFunctions, error: Error, i: number) {
	return error instanceof FieldError
		? fieldNodeError(context.getNode(), error, i, 'nothing was recorded for this item and the other items went on')
		: toNodeError(context.getNode(), error, i);
}

/**
 * Every item's event is checked before any is written: a run that fails on item 3 has
 * recorded nothing, so running it again does not count items 0–2 twice.
 */
async function recordAll(context: IExecuteFunctions, outputs: INodeExecutionData[][], store: StateStore, once: boolean): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const nowMs = Date.now();
	const built = items.map((_, i) => outcomeOf(() => eventFromFields(context, i, nowMs)));
	const failed = built.findIndex((b) => !b.ok);
	if (failed >= 0 && !context.continueOnFail()) throw nodeErrorFor(context, (built[failed] as { error: Error }).error, failed);
	const valid = built.flatMap((b, i) => (b.ok ? [{ i, event: b.value }] : []));
	const firsts = once ? await claimFirst(store, valid.map((v) => v.event)) : valid.map(() => true);
	const fresh = valid.filter((_, k) => firsts[k]).map((v) => v.event);
	const written = await settled(async () => await recordEvents(store, fresh));
	if (!written.ok) {
		if (once) await releaseClaims(store, fresh);
		throw toNodeError(context.getNode(), written.error, 0);
	}
	const repeat = new Set(valid.filter((_, k) => !firsts[k]).map((v) => v.i));
	built.forEach((b, i) => {
		if (!b.ok) outputs[0].push({ json: { ...items[i].json, error: nodeErrorFor(context, b.error, i).message }, pairedItem: { item: i } });
		else outputs[repeat.has(i) ? 1 : 0].push(recordedItem(items[i].json, b.value, i));
	});
	return outputs;
}
