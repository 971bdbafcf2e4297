import type { INodeProperties } from 'n8n-workflow';
import { calendarOptionFields, chatModelOptionFields } from '../../shared/n8n';

/**
 * Keyword Reply's Options: how answers are paced (cooldown, daily cap, match mode), when the
 * business is open, the knowledge base's threshold, the shop's synonyms and the guards of a
 * connected chat model. Read by helpers/replyInputs.ts.
 */
const DAYS = [
	{ name: 'Monday', value: 1 },
	{ name: 'Tuesday', value: 2 },
	{ name: 'Wednesday', value: 3 },
	{ name: 'Thursday', value: 4 },
	{ name: 'Friday', value: 5 },
	{ name: 'Saturday', value: 6 },
	{ name: 'Sunday', value: 7 },
];

/** Business hours follow the shared calendar: official holidays, 调休, the admin's dates. */
const calendar = calendarOptionFields('the business hours');

export const replyOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Business Hours',
			name: 'useBusinessHours',
			type: 'boolean',
			default: false,
			description: 'Whether to use out-of-hours replies outside the hours below',
		},
		...chatModelOptionFields(true),
		{ displayName: 'Closes At', name: 'close', type: 'string', default: '21:00' },
		{
			displayName: 'Cooldown (Minutes)',
			name: 'cooldownMinutes',
			type: 'number',
			default: 10,
			description:
				'The same rule does not answer the same customer again within this time; 0 turns it off',
		},
		calendar.holidayCalendar,
		calendar.holidays,
		{
			displayName: 'Knowledge Base Threshold',
			name: 'faqThreshold',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 0.5,
			description: 'Below this score the DM goes to a human instead of getting a guessed answer',
		},
		calendar.workdays,
		{
			displayName: 'Match Mode',
			name: 'matchMode',
			type: 'options',
			options: [
				{ name: 'Highest Priority Rule Answers', value: 'first' },
				{ name: 'Every Matching Rule Answers', value: 'all' },
			],
			default: 'first',
		},
		{
			displayName: 'Max Auto-Replies per Conversation per Day',
			name: 'dailyCap',
			type: 'number',
			default: 20,
			description: 'Past this, DMs go to a human; 0 turns it off',
		},
		{
			displayName: 'Open Days',
			name: 'days',
			type: 'multiOptions',
			options: DAYS,
			default: [1, 2, 3, 4, 5, 6, 7],
		},
		{ displayName: 'Opens At', name: 'open', type: 'string', default: '09:00' },
		{
			displayName: 'Synonyms',
			name: 'synonymsJson',
			type: 'json',
			default: '[]',
			placeholder: "={{ $('Synonyms table').all().map(item => item.json) }}",
			description:
				"The shop's own words: rows with words (what customers write, e.g. 充电头, 快充头) and means (the word the rules and FAQ use, e.g. 充电器). Added to the published knowledge base's.",
		},
		{ displayName: 'Time Zone', name: 'timeZone', type: 'string', default: 'Asia/Shanghai' },
	],
};
