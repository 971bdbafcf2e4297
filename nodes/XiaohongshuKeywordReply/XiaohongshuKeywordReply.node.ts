import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { stateStoreFor, stateStoreProperty } from '../shared/n8n/stateStoreParameter';
import { stateStoreNodeMethods } from '../shared/n8n/stateStoreTest';
import { cachedFaqIndex } from '../shared/matching/faq/faqCache';
import { compileRuleSet } from '../shared/matching/rules/compileRules';
import { RuleSetError } from '../shared/matching/rules/ruleModel';
import { smartReply, type Route } from '../shared/matching/smartReply';
import { recordQuietly } from '../shared/metrics/eventLog';
import { classifiedEvent } from '../shared/metrics/recorders';
import { NothingPublishedError } from '../shared/improve/publication';
import type { ServiceEvent } from '../shared/metrics/serviceEvent';
import { faqFields } from './description/faqFields';
import { optionFields } from './description/optionFields';
import { ruleFields } from './description/ruleFields';
import { faqFor, publicationFor, ruleSetFor, settingsFor } from './keywordReplyInputs';

const OUTPUT: Record<Route, number> = { matched: 0, urgent: 1, noMatch: 2 };

/** What a first-time user of the "Published" source needs to do. */
const NOTHING_PUBLISHED_HINT =
	'The "Safe rule changes" template reads the Data Tables xhs_rules, xhs_faq and xhs_golden every minute and publishes them once the golden examples pass; activate it, or POST /webhook/xhs-rules-check to run it at once. To answer from this node instead, set Rules Source and Knowledge Base to "Defined Below".';

export class XiaohongshuKeywordReply implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Xiaohongshu Keyword Reply',
		name: 'xiaohongshuKeywordReply',
		icon: { light: 'file:xiaohongshu.svg', dark: 'file:xiaohongshu.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["rulesSource"] === "json" ? "rules from JSON" : $parameter["rulesSource"] === "published" ? "published rules" : "rules in node"}}',
		description: 'Answers DMs from keyword rules and a knowledge base; routes complaints and urgent orders to a fast lane and the rest to humans',
		defaults: { name: 'Keyword Reply' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Matched', 'Urgent', 'No Match'],
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
					'Matched: a reply is ready in "reply". Urgent: complaints and urgent orders (fast lane). No Match: for a human. Each item says what matched and why in "smartReply".',
				name: 'outputsNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Message',
				name: 'message',
				type: 'string',
				default: '={{ $json.text }}',
				description: 'The DM text (filled from the Xiaohongshu Trigger item)',
			},
			...ruleFields,
			...faqFields,
			...optionFields,
			stateStoreProperty,
		],
	};

	methods = stateStoreNodeMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = [[], [], []];
		const store = await stateStoreFor(this);
		const events: ServiceEvent[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const published = await publicationFor(this, i, store);
				const ruleSet = compileRuleSet(ruleSetFor(this, i, published));
				const faqEntries = faqFor(this, i, published);
				const faq = faqEntries?.length ? cachedFaqIndex(faqEntries) : undefined;
				const dm = { ...items[i].json, text: String(this.getNodeParameter('message', i, '') ?? '') };
				const result = await smartReply(dm, ruleSet, faq, settingsFor(this, i), store);
				const json: IDataObject = { ...items[i].json, reply: result.reply, smartReply: result as unknown as IDataObject };
				if (ruleSet.warnings.length) json.ruleWarnings = ruleSet.warnings.map((w) => `rule "${w.rule}": ${w.message}`);
				outputs[OUTPUT[result.route]].push({ json, pairedItem: { item: i } });
				const event = classifiedEvent(items[i].json, result, Date.now());
				if (event) events.push(event);
			} catch (error) {
				const message =
					error instanceof RuleSetError
						? error.message
						: error instanceof SyntaxError
							? `Item ${i}: the rules or FAQ JSON is not valid JSON (${error.message})`
							: `Item ${i}: ${(error as Error).message}`;
				const nodeError = new NodeOperationError(this.getNode(), message, {
					itemIndex: i,
					description: error instanceof RuleSetError ? 'Fix the named rules; the other rules were fine.' : error instanceof NothingPublishedError ? NOTHING_PUBLISHED_HINT : undefined,
				});
				if (!this.continueOnFail()) throw nodeError;
				outputs[OUTPUT.noMatch].push({ json: { ...items[i].json, error: nodeError.message }, pairedItem: { item: i } });
			}
		}
		await recordQuietly(store, events, (m) => this.logger.warn(m));
		return outputs;
	}
}
