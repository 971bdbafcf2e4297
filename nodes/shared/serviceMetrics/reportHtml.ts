import { page, table } from '../html/htmlPage';
import { formatDuration } from './percentile';
import type { GroupFigures, ServiceMetrics } from './serviceMetrics';

/** The service report as one self-contained HTML page, with the chart as inline SVG. */
const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);

const GROUP_HEADERS = [
	'Sessions 会话',
	'Auto-resolved',
	'Handed off',
	'Closed',
	'1st resp. p50',
	'1st resp. p90',
	'Resolution p50',
	'CSAT',
];

function groupCells(g: GroupFigures): Array<string | number> {
	return [
		g.sessions,
		g.autoResolved,
		g.handedOff,
		g.closed,
		formatDuration(g.humanFirstResponse.p50Seconds),
		formatDuration(g.humanFirstResponse.p90Seconds),
		formatDuration(g.resolutionTime.p50Seconds),
		g.csatAverage === null ? '–' : `${g.csatAverage} (${g.csatResponses})`,
	];
}

export function reportHtml(m: ServiceMetrics, title: string, svg: string): string {
	const kpis: Array<[string, string]> = [
		['DMs 私信', String(m.messages.inbound)],
		['Sessions 会话', String(m.sessions.total)],
		['Auto-reply coverage 自动回复覆盖', pct(m.messages.autoReplyCoverage)],
		['Auto first response p50', formatDuration(m.firstResponse.auto.p50Seconds)],
		[
			'Human first response p50 / p90 人工首响',
			`${formatDuration(m.firstResponse.human.p50Seconds)} / ${formatDuration(m.firstResponse.human.p90Seconds)}`,
		],
		[
			'Resolution rate 解决率',
			`${pct(m.sessions.resolutionRate)} (human ${pct(m.sessions.humanResolutionRate)})`,
		],
		['Time to resolution p50', formatDuration(m.resolutionTime.p50Seconds)],
		[
			'CSAT 满意度',
			m.csat.average === null
				? '–'
				: `${m.csat.average} / 5 (${m.csat.responses} of ${m.csat.surveys} surveys)`,
		],
		[
			'Backlog 待处理',
			`${m.backlog.open} open, ${m.backlog.waiting} waiting, longest ${formatDuration(m.backlog.longestWaitSeconds)}`,
		],
		['Send failures 发送失败', String(m.messages.sendFailures)],
		// Only once a chat model has been asked: a desk without one keeps its report as it was.
		...(m.ai.asked
			? [
					[
						'Chat model AI 模型',
						`answered ${m.ai.answered} of ${m.ai.asked}, handed back ${m.ai.handedBack}${m.ai.csatAverage === null ? '' : `, CSAT ${m.ai.csatAverage} (${m.ai.csatResponses})`}`,
					] as [string, string],
				]
			: []),
	];
	const subtitle = `${m.range.from} – ${m.range.to} (${m.range.timeZone}${m.range.businessHours ? ', human times in business hours' : ''})`;
	return page(
		title,
		subtitle,
		kpis,
		`<h2>Chart 图表</h2>
${svg}
<h2>By agent 按客服</h2>
${table(
	['Agent 客服', ...GROUP_HEADERS],
	m.byAgent.map((a) => [a.agentName, ...groupCells(a)]),
)}
<h2>By question type 按问题类型</h2>
${table(
	['Type 类型', ...GROUP_HEADERS, 'Queued share'],
	m.byTag.map((t) => [t.tag, ...groupCells(t), pct(t.queuedShare)]),
)}
${
	m.byChannel.length > 1
		? `<h2>By channel 按渠道</h2>\n${table(
				['Channel 渠道', ...GROUP_HEADERS],
				m.byChannel.map((c) => [c.channel, ...groupCells(c)]),
			)}`
		: ''
}
<h2>By hour 按小时</h2>
${table(
	['Hour 时段', 'DMs', 'Auto-answered', 'Handed off', 'Human 1st resp. p50'],
	m.byHour
		.filter((h) => h.inbound > 0 || h.handedOff > 0)
		.map((h) => [
			`${h.hour}:00`,
			h.inbound,
			h.autoAnswered,
			h.handedOff,
			formatDuration(h.humanFirstResponseP50Seconds),
		]),
)}
${
	m.ai.asked
		? `<h2>Chat model hand-backs 模型转人工原因</h2>\n${table(
				['Reason 原因', 'DMs'],
				Object.entries(m.ai.handBackReasons).map(([why, n]) => [why, n]),
				[0],
			)}`
		: ''
}
<h2>CSAT 满意度分布</h2>
${table(
	['Score 分数', 'Answers 回复数'],
	(['5', '4', '3', '2', '1'] as const).map((k) => [`${k} ★`, m.csat.distribution[k]]),
)}`,
	);
}
