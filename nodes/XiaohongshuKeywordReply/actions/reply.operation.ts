import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	cachedFaqIndex,
	compileRuleSet,
	type ModelTailSource,
	type Route,
	smartReply,
} from '../../shared/keywordReply';
import type { ChatFn } from '../../shared/modelPick';
import { classifiedEvent, type ServiceEvent } from '../../shared/serviceMetrics';
import { itemFieldParameter, knowledgeBaseNameFields, routed, type Routed } from '../../shared/n8n';
import type { StateStore } from '../../shared/state';
import {
	faqFor,
	publicationFor,
	ruleSetFor,
	settingsFor,
	synonymsFor,
} from '../helpers/replyInputs';
import { replyOptions } from '../helpers/replyOptions';

/**
 * The node's one operation: a DM in, a reply (or a hand-over) out on Matched, Urgent or No Match.
 */
export const OUTPUT: Record<Route, number> = { matched: 0, urgent: 1, noMatch: 2 };

const KEYWORD_HINT =
	'Comma-separated. Matching ignores case, full-width, traditional/simplified, spaces, emoji and punctuation.';

export const description: INodeProperties[] = [
	{
		displayName:
			'Matched: a reply is ready in "reply". Urgent: complaints and urgent orders (fast lane). No Match: for a human. Each item says what matched and why in "smartReply".',
		name: 'outputsNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName:
			'Optional: connect a Chat Model (OpenAI, DeepSeek, Qwen, Ollama …) below. It is asked only about DMs no rule and no knowledge-base entry answered, may only choose one of the entries, and hands anything unsure to a human.',
		name: 'chatModelNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { faqSource: ['ui', 'json', 'published'] } },
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '={{ $json.text }}',
		description: 'The DM text (filled from the Xiaohongshu Trigger item)',
	},
	// Rules
	{
		displayName: 'Rules Source',
		name: 'rulesSource',
		type: 'options',
		options: [
			{ name: 'Defined Below', value: 'ui', description: 'Add rules in this node' },
			{
				name: 'From JSON (Data Table, Sheet, Previous Node)',
				value: 'json',
				description:
					'Rows with columns name, priority, any, all, none, regex, requires_tags, sets_tags, lane, replies …',
			},
			{
				name: 'Published (Checked Before Going Live)',
				value: 'published',
				description:
					'The rules last published by Xiaohongshu Knowledge Base → Preview Rule Changes, after the golden examples passed',
			},
		],
		default: 'ui',
	},
	...knowledgeBaseNameFields('The name it was published under (one per brand or account)', {
		rulesSource: ['published'],
	}),
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Rule',
		default: {},
		displayOptions: { show: { rulesSource: ['ui'] } },
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'All of These Keywords',
						name: 'all',
						type: 'string',
						default: '',
						description: KEYWORD_HINT,
					},
					{
						displayName: 'Any of These Keywords',
						name: 'any',
						type: 'string',
						default: '',
						placeholder: '价格, 多少钱, 价钱',
						description: KEYWORD_HINT,
					},
					{
						displayName: 'Cooldown (Minutes)',
						name: 'cooldownMinutes',
						type: 'number',
						default: -1,
						description:
							'Before answering the same customer again with this rule; -1 uses the node option',
					},
					{ displayName: 'Enabled', name: 'enabled', type: 'boolean', default: true },
					{
						displayName: 'Ignore Negated Mentions',
						name: 'ignoreNegated',
						type: 'boolean',
						default: true,
						description: 'Whether "不需要加急" or "我朋友是律师" should not count as a mention',
					},
					{
						displayName: 'Lane',
						name: 'lane',
						type: 'options',
						options: [
							{ name: 'Normal', value: 'normal' },
							{ name: 'Urgent Fast Lane (Complaint, Urgent Order)', value: 'urgent' },
						],
						default: 'normal',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: '问价格',
						required: true,
					},
					{
						displayName: 'None of These Keywords',
						name: 'none',
						type: 'string',
						default: '',
						description: KEYWORD_HINT,
					},
					{
						displayName: 'Out-of-Hours Reply',
						name: 'outOfHoursReply',
						type: 'string',
						typeOptions: { rows: 2 },
						default: '',
					},
					{
						displayName: 'Priority',
						name: 'priority',
						type: 'number',
						default: 0,
						description: 'Higher wins when several rules match',
					},
					{
						displayName: 'Regex',
						name: 'regex',
						type: 'string',
						default: '',
						placeholder: '/1[3-9]\\d{9}/',
						description: 'Optional regular expression on the message',
					},
					{
						displayName: 'Replies',
						name: 'replies',
						type: 'string',
						typeOptions: { rows: 4 },
						default: '',
						placeholder:
							'亲爱的{{nickname}}，这款面霜 199 元😉\n---\n{{nickname}}您好，面霜现在 199 元哦～',
						description:
							'One or more variants, separated by a line with ---; used in turn. {{nickname}} and other item fields are filled in.',
					},
					{
						displayName: 'Requires Tags',
						name: 'requiresTags',
						type: 'string',
						default: '',
						placeholder: '面霜, 价格',
						description: 'Tags other rules must have set first (multi-level combinations)',
					},
					{
						displayName: 'Sets Tags',
						name: 'setsTags',
						type: 'string',
						default: '',
						placeholder: '价格',
						description: 'Tags this rule sets when it matches',
					},
				],
			},
		],
	},
	{
		displayName: 'Rules (JSON)',
		name: 'rulesJson',
		type: 'json',
		default: '[]',
		placeholder: "={{ $('Rules table').all().map(item => item.json) }}",
		description:
			"An array of rule rows, e.g. from n8n's Data Table node, so admins change rules without editing the workflow",
		displayOptions: { show: { rulesSource: ['json'] } },
	},
	{
		displayName: 'Product and Brand Names',
		name: 'protectedTerms',
		type: 'string',
		default: '',
		placeholder: '急救精华, 急救面膜',
		description:
			'Keywords inside these names do not count (急救精华 is a product, not an emergency)',
	},
	// Knowledge base (FAQ)
	{
		displayName: 'Knowledge Base',
		name: 'faqSource',
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Defined Below', value: 'ui' },
			{
				name: 'From JSON (Data Table, Sheet, Previous Node)',
				value: 'json',
				description: 'Rows with columns ID, questions, answer, tags',
			},
			{
				name: 'Published (Checked Before Going Live)',
				value: 'published',
				description: 'The FAQ published with the rules (Knowledge Base Name above, or "main")',
			},
		],
		default: 'none',
		description: 'Common questions with answers, used when no keyword rule answers',
	},
	{
		displayName: 'FAQ Entries',
		name: 'faqEntries',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Entry',
		default: {},
		displayOptions: { show: { faqSource: ['ui'] } },
		options: [
			{
				displayName: 'Entry',
				name: 'entry',
				values: [
					{
						displayName: 'Questions',
						name: 'questions',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						placeholder: '保质期多久\n开封后能放多久',
						description: 'Ways customers ask it, one per line',
					},
					{
						displayName: 'Answer',
						name: 'answer',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
					},
					{ displayName: 'Tags', name: 'tags', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'FAQ (JSON)',
		name: 'faqJson',
		type: 'json',
		default: '[]',
		placeholder: "={{ $('FAQ table').all().map(item => item.json) }}",
		displayOptions: { show: { faqSource: ['json'] } },
	},
	replyOptions,
];

/** One DM: its reply and route; the classified event goes to `events`, recorded once for all items. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	store: StateStore,
	events: ServiceEvent[],
	chatModel: () => Promise<ChatFn | undefined>,
): Promise<Routed[]> {
	const input = this.getInputData()[i].json;
	const published = await publicationFor(this, i, store);
	// Read once: the rules and the knowledge base both hear the shop's synonyms.
	const synonyms = synonymsFor(this, i, published);
	const ruleSet = compileRuleSet(ruleSetFor(this, i, published, synonyms));
	const faqEntries = faqFor(this, i, published);
	const faq = faqEntries?.length ? cachedFaqIndex(faqEntries, synonyms) : undefined;
	const dm = { ...input, text: String(itemFieldParameter(this, 'message', i, '') ?? '') };
	const { reply: settings, model: modelSettings } = settingsFor(this, i);
	const tail: ModelTailSource = async () => {
		const chat = await chatModel();
		return chat ? { chat, settings: modelSettings } : undefined;
	};
	const result = await smartReply(dm, ruleSet, faq, settings, store, new Date(), tail);
	const json: IDataObject = {
		...input,
		reply: result.reply,
		smartReply: result as unknown as IDataObject,
	};
	if (ruleSet.warnings.length)
		json.ruleWarnings = ruleSet.warnings.map((w) => `rule "${w.rule}": ${w.message}`);
	const event = classifiedEvent(input, result, Date.now());
	if (event) events.push(event);
	return [routed(OUTPUT[result.route], json)];
}
