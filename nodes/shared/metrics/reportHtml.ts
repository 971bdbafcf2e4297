import { formatDuration } from './percentile';
import type { GroupFigures, ServiceMetrics } from './serviceMetrics';

/**
 * The report as one self-contained HTML page (inline SVG chart, no scripts, no external
 * files): opens from an e-mail attachment, a webhook answer or a file, offline.
 */
const esc = (text: unknown) =>
	String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);

function table(headers: string[], rows: Array<Array<string | number>>): string {
	if (rows.length === 0) return '<p class="empty">No data 无数据</p>';
	const head = headers.map((h) => `<th>${esc(h)}</th>`).join('');
	const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
	return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const GROUP_HEADERS = ['Sessions 会话', 'Auto-resolved', 'Handed off', 'Closed', '1st resp. p50', '1st resp. p90', 'Resolution p50', 'CSAT'];

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
		['Human first response p50 / p90 人工首响', `${formatDuration(m.firstResponse.human.p50Seconds)} / ${formatDuration(m.firstResponse.human.p90Seconds)}`],
		['Resolution rate 解决率', `${pct(m.sessions.resolutionRate)} (human ${pct(m.sessions.humanResolutionRate)})`],
		['Time to resolution p50', formatDuration(m.resolutionTime.p50Seconds)],
		['CSAT 满意度', m.csat.average === null ? '–' : `${m.csat.average} / 5 (${m.csat.responses} of ${m.csat.surveys} surveys)`],
		['Backlog 待处理', `${m.backlog.open} open, ${m.backlog.waiting} waiting, longest ${formatDuration(m.backlog.longestWaitSeconds)}`],
		['Send failures 发送失败', String(m.messages.sendFailures)],
	];
	return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font-family:-apple-system,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;margin:24px;color:#1f2933;max-width:1000px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.range{color:#616e7c;margin-bottom:16px}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:8px}
.kpi{border:1px solid #e4e7eb;border-radius:6px;padding:8px 10px}.kpi b{display:block;font-size:18px}.kpi span{color:#616e7c;font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e4e7eb;padding:5px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f5f7fa}.empty{color:#9aa5b1}svg{max-width:100%;height:auto}
</style></head><body>
<h1>${esc(title)}</h1>
<div class="range">${esc(m.range.from)} – ${esc(m.range.to)} (${esc(m.range.timeZone)}${m.range.businessHours ? ', human times in business hours' : ''})</div>
<div class="kpis">${kpis.map(([k, v]) => `<div class="kpi"><span>${esc(k)}</span><b>${esc(v)}</b></div>`).join('')}</div>
<h2>Chart 图表</h2>
${svg}
<h2>By agent 按客服</h2>
${table(['Agent 客服', ...GROUP_HEADERS], m.byAgent.map((a) => [a.agentName, ...groupCells(a)]))}
<h2>By question type 按问题类型</h2>
${table(['Type 类型', ...GROUP_HEADERS, 'Queued share'], m.byTag.map((t) => [t.tag, ...groupCells(t), pct(t.queuedShare)]))}
<h2>By hour 按小时</h2>
${table(['Hour 时段', 'DMs', 'Auto-answered', 'Handed off', 'Human 1st resp. p50'], m.byHour.filter((h) => h.inbound > 0 || h.handedOff > 0).map((h) => [`${h.hour}:00`, h.inbound, h.autoAnswered, h.handedOff, formatDuration(h.humanFirstResponseP50Seconds)]))}
<h2>CSAT 满意度分布</h2>
${table(['Score 分数', 'Answers 回复数'], (['5', '4', '3', '2', '1'] as const).map((k) => [`${k} ★`, m.csat.distribution[k]]))}
</body></html>
`;
}
