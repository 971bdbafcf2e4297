import type { ChartModel } from './chart';
import { formatDuration } from './percentile';
import type { ServiceMetrics } from './serviceMetrics';

/**
 * The daily report's picture: traffic by hour (answered automatically, by a human, or not yet)
 * with the human first-response line, the question types that take longest, and the CSAT
 * spread. Titles carry English and Chinese, for mixed teams.
 */
const COLORS = {
	auto: '#2f9e6e',
	human: '#3b6fd8',
	open: '#e8a33d',
	line: '#d6336c',
	csat: ['#d6336c', '#f08c4a', '#f2c94c', '#7cc47f', '#2f9e6e'],
};

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);

export function reportChartModel(m: ServiceMetrics, title: string): ChartModel {
	const hours = m.byHour;
	const slowTags = [...m.byTag].filter((t) => t.sessions > 0).slice(0, 8);
	return {
		title,
		subtitle: `${m.range.from.slice(0, 16).replace('T', ' ')} – ${m.range.to.slice(0, 16).replace('T', ' ')} UTC · ${m.range.timeZone}`,
		summary: [
			{ label: 'DMs 私信', value: String(m.messages.inbound) },
			{ label: 'Auto-reply coverage', value: pct(m.messages.autoReplyCoverage) },
			{ label: 'Human 1st response p50', value: formatDuration(m.firstResponse.human.p50Seconds) },
			{ label: 'Resolution rate', value: pct(m.sessions.resolutionRate) },
			{ label: 'CSAT', value: m.csat.average === null ? '–' : `${m.csat.average} / 5` },
		],
		panels: [
			{
				kind: 'bars',
				title: 'DMs by hour 每小时私信',
				categories: hours.map((h) => String(h.hour)),
				stacked: true,
				yUnit: 'DMs',
				series: [
					{ name: 'Auto-reply', color: COLORS.auto, values: hours.map((h) => h.autoAnswered) },
					{
						name: 'To agents',
						color: COLORS.human,
						values: hours.map((h) => Math.min(h.handedOff, h.inbound - h.autoAnswered)),
					},
					{
						name: 'Other',
						color: COLORS.open,
						values: hours.map((h) => Math.max(0, h.inbound - h.autoAnswered - h.handedOff)),
					},
				],
				line: {
					name: 'Human 1st response p50 (min)',
					color: COLORS.line,
					unit: 'min',
					values: hours.map((h) =>
						h.humanFirstResponseP50Seconds === null
							? null
							: Math.round(h.humanFirstResponseP50Seconds / 6) / 10,
					),
				},
			},
			{
				kind: 'bars',
				title: 'Sessions by question type 问题类型',
				// Numbered, so the PNG (which cannot draw Chinese) still tells the bars apart.
				categories: slowTags.map((t, i) => `${i + 1} ${t.tag}`),
				yUnit: 'sessions',
				series: [
					{
						name: 'Auto-resolved',
						color: COLORS.auto,
						values: slowTags.map((t) => t.autoResolved),
					},
					{ name: 'Handed off', color: COLORS.human, values: slowTags.map((t) => t.handedOff) },
				],
				line: {
					name: 'Human 1st response p50 (min)',
					color: COLORS.line,
					unit: 'min',
					values: slowTags.map((t) =>
						t.humanFirstResponse.p50Seconds === null
							? null
							: Math.round(t.humanFirstResponse.p50Seconds / 6) / 10,
					),
				},
			},
			{
				kind: 'bars',
				title: 'CSAT answers 满意度',
				categories: ['1', '2', '3', '4', '5'],
				yUnit: 'answers',
				series: [
					{
						name: 'Answers',
						color: COLORS.csat[4],
						values: (['1', '2', '3', '4', '5'] as const).map((k) => m.csat.distribution[k]),
					},
				],
			},
		],
	};
}
