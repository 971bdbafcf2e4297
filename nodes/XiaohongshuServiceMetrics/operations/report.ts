import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { renderPng, renderSvg } from '../../shared/metrics/chart';
import { EventLog } from '../../shared/metrics/eventLog';
import { reportChartModel } from '../../shared/metrics/reportChart';
import { reportHtml } from '../../shared/metrics/reportHtml';
import { rangeFor, type RangePreset } from '../../shared/metrics/reportRange';
import { computeMetrics } from '../../shared/metrics/serviceMetrics';
import type { StateStore } from '../../shared/state/StateStore';
import { parseWorkingHours } from '../../shared/routing/workingHours';
import { FieldError } from '../../shared/n8n/fieldError';

/** Sessions that started before the range can still be open in it (backlog): read back this far. */
const LOOKBACK_MS = 2 * 86_400_000;

export async function buildReport(context: IExecuteFunctions, i: number, store: StateStore, nowMs: number): Promise<INodeExecutionData> {
	const timeZone = String(context.getNodeParameter('timeZone', i, 'Asia/Shanghai') || 'Asia/Shanghai');
	const options = context.getNodeParameter('reportOptions', i, {}) as IDataObject;
	const preset = context.getNodeParameter('range', i, 'yesterday') as RangePreset;
	const hoursText = String(context.getNodeParameter('businessHours', i, '') ?? '').trim();
	const range = FieldError.wrap(preset === 'custom' ? 'From / To' : 'Time Range', () =>
		rangeFor(preset, nowMs, timeZone, preset === 'custom' ? context.getNodeParameter('from', i) : undefined, preset === 'custom' ? context.getNodeParameter('to', i) : undefined),
	);
	const windows = hoursText ? FieldError.wrap('Business Hours', () => parseWorkingHours(hoursText)) : undefined;
	FieldError.wrap('Time Zone', () => new Intl.DateTimeFormat('en-US', { timeZone }));

	const events = await new EventLog(store).read({ sinceMs: range.sinceMs - LOOKBACK_MS, untilMs: nowMs + 1 });
	const metrics = computeMetrics(events, { ...range, nowMs, timeZone, windows, idleMs: Number(options.idleHours ?? 24) * 3_600_000 });
	const title = String(options.title || 'Xiaohongshu DM service report 小红书私信客服日报');
	const json: IDataObject = { ...(metrics as unknown as IDataObject), eventsRead: events.length };
	const binary: INodeExecutionData['binary'] = {};
	const chart = String(options.chart ?? 'png');
	const day = new Date(range.sinceMs + 12 * 3_600_000).toISOString().slice(0, 10);
	const model = reportChartModel(metrics, `${title} · ${day}`);
	const svg = chart === 'none' && options.html === false ? '' : renderSvg(model);
	if (chart === 'png') {
		const png = renderPng(model);
		binary.chart = await context.helpers.prepareBinaryData(png, `xhs-report-${day}.png`, 'image/png');
		if (options.base64Field === true) {
			json.chartImage = { base64: png.toString('base64'), md5: createHash('md5').update(png).digest('hex') };
		}
	}
	if (chart !== 'none') binary.chartSvg = await context.helpers.prepareBinaryData(Buffer.from(svg, 'utf8'), `xhs-report-${day}.svg`, 'image/svg+xml');
	if (options.html !== false) {
		binary.report = await context.helpers.prepareBinaryData(Buffer.from(reportHtml(metrics, title, svg), 'utf8'), `xhs-report-${day}.html`, 'text/html');
	}
	return { json, binary, pairedItem: { item: i } };
}
