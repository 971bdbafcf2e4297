import { createHash } from 'node:crypto';
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import {
	computeMetrics,
	EventLog,
	rangeFor,
	type RangePreset,
	renderPng,
	renderSvg,
	reportChartModel,
	reportHtml,
} from '../../shared/serviceMetrics';
import type { StateStore } from '../../shared/state';
import { parseWorkingHours } from '../../shared/assignAgent';
import {
	calendarOptionFields,
	calendarFromOptions,
	FieldError,
	routed,
	type Routed,
	timeRangeFields,
} from '../../shared/n8n';
import { timeZoneField } from '../helpers/fields';

const show = { operation: ['report'] };

/** Service times skip the calendar's days off: official holidays, 调休, the admin's dates. */
const calendar = calendarOptionFields('the business hours above');

const properties: INodeProperties[] = [
	timeZoneField,
	...timeRangeFields(
		show,
		'yesterday',
		'The report covers conversations that started in this range, with all that is known of them now',
	),
	{
		displayName: 'Business Hours',
		name: 'businessHours',
		type: 'string',
		default: '',
		placeholder: '周一至周五 9:00-18:00; 周六 10:00-16:00',
		description:
			'Human response and resolution times count only these hours (a DM at 23:00 answered at 09:05 waited 5 minutes). Empty: around the clock.',
	},
	{
		displayName: 'Options',
		name: 'reportOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Chart',
				name: 'chart',
				type: 'options',
				options: [
					{ name: 'No Chart', value: 'none' },
					{ name: 'PNG and SVG', value: 'png' },
					{ name: 'SVG Only', value: 'svg' },
				],
				default: 'png',
				description: 'PNG for chat apps and e-mail, SVG for pages; both with the Chinese labels',
			},
			{
				displayName: 'Chart as Base64 Field',
				name: 'base64Field',
				type: 'boolean',
				default: false,
				description:
					'Whether to also put the PNG as base64 with its MD5 in "chartImage" (what a WeCom group robot\'s image message needs)',
			},
			calendar.holidayCalendar,
			calendar.holidays,
			{
				displayName: 'HTML Page',
				name: 'html',
				type: 'boolean',
				default: true,
				description:
					'Whether to add the whole report as an HTML page (binary "report"), for e-mail or a webhook answer',
			},
			calendar.workdays,
			{
				displayName: 'New Session After Silence (Hours)',
				name: 'idleHours',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 24,
				description:
					'A customer who writes again after this long without a close starts a new session',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: 'Xiaohongshu DM service report 小红书私信客服日报',
			},
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

/** Sessions that started before the range can still be open in it (backlog): read back this far. */
const LOOKBACK_MS = 2 * 86_400_000;

export async function execute(
	this: IExecuteFunctions,
	i: number,
	store: StateStore,
	nowMs: number,
): Promise<Routed[]> {
	const timeZone = String(this.getNodeParameter('timeZone', i, 'Asia/Shanghai') || 'Asia/Shanghai');
	const options = this.getNodeParameter('reportOptions', i, {}) as IDataObject;
	const preset = this.getNodeParameter('range', i, 'yesterday') as RangePreset;
	const hoursText = String(this.getNodeParameter('businessHours', i, '') ?? '').trim();
	const range = FieldError.wrap(preset === 'custom' ? 'From / To' : 'Time Range', () =>
		rangeFor(
			preset,
			nowMs,
			timeZone,
			preset === 'custom' ? this.getNodeParameter('from', i) : undefined,
			preset === 'custom' ? this.getNodeParameter('to', i) : undefined,
		),
	);
	const windows = hoursText
		? FieldError.wrap('Business Hours', () => parseWorkingHours(hoursText))
		: undefined;
	FieldError.wrap('Time Zone', () => new Intl.DateTimeFormat('en-US', { timeZone }));

	const events = await new EventLog(store).read({
		sinceMs: range.sinceMs - LOOKBACK_MS,
		untilMs: nowMs + 1,
	});
	const metrics = computeMetrics(events, {
		...range,
		nowMs,
		timeZone,
		windows,
		calendar: calendarFromOptions(options),
		idleMs: Number(options.idleHours ?? 24) * 3_600_000,
	});
	const title = String(options.title || 'Xiaohongshu DM service report 小红书私信客服日报');
	const json: IDataObject = { ...(metrics as unknown as IDataObject), eventsRead: events.length };
	const binary: INodeExecutionData['binary'] = {};
	const chart = String(options.chart ?? 'png');
	const day = new Date(range.sinceMs + 12 * 3_600_000).toISOString().slice(0, 10);
	const model = reportChartModel(metrics, `${title} · ${day}`);
	const svg = chart === 'none' && options.html === false ? '' : renderSvg(model);
	if (chart === 'png') {
		const png = await renderPng(model);
		binary.chart = await this.helpers.prepareBinaryData(png, `xhs-report-${day}.png`, 'image/png');
		if (options.base64Field === true) {
			json.chartImage = {
				base64: png.toString('base64'),
				md5: createHash('md5').update(png).digest('hex'),
			};
		}
	}
	if (chart !== 'none')
		binary.chartSvg = await this.helpers.prepareBinaryData(
			Buffer.from(svg, 'utf8'),
			`xhs-report-${day}.svg`,
			'image/svg+xml',
		);
	if (options.html !== false) {
		binary.report = await this.helpers.prepareBinaryData(
			Buffer.from(reportHtml(metrics, title, svg), 'utf8'),
			`xhs-report-${day}.html`,
			'text/html',
		);
	}
	return [routed(0, json, { binary })];
}
