/**
 * The reports' HTML pages: self-contained (inline styles, no scripts, no external files), so
 * they open from an e-mail attachment, a webhook answer or a file, offline.
 */
import { withoutControls } from '../crmSync/readableText';

export const esc = (text: unknown) =>
	// Controls and direction overrides out too: "\u202Egpj.exe" must not read as "exe.jpg".
	withoutControls(String(text ?? '')).replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
	);

/** Figures align right; `textColumns` (indexes) hold prose, which reads better aligned left. */
export function table(
	headers: string[],
	rows: Array<Array<string | number>>,
	textColumns: number[] = [],
): string {
	if (rows.length === 0) return '<p class="empty">No data 无数据</p>';
	const cls = (k: number) => (textColumns.includes(k) ? ' class="text"' : '');
	const head = headers.map((h, k) => `<th${cls(k)}>${esc(h)}</th>`).join('');
	const body = rows
		.map((r) => `<tr>${r.map((c, k) => `<td${cls(k)}>${esc(c)}</td>`).join('')}</tr>`)
		.join('\n');
	return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `body{font-family:-apple-system,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;margin:24px;color:#1f2933;max-width:1000px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.range{color:#616e7c;margin-bottom:16px}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:8px}
.kpi{border:1px solid #e4e7eb;border-radius:6px;padding:8px 10px}.kpi b{display:block;font-size:18px}.kpi span{color:#616e7c;font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e4e7eb;padding:5px 8px;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}th{background:#f5f7fa}.empty{color:#9aa5b1}svg{max-width:100%;height:auto}
td.text,th.text{text-align:left}`;

/** A whole page: title, a subtitle line, KPI tiles, then the body's sections. */
export function page(
	title: string,
	subtitle: string,
	kpis: Array<[string, string]>,
	body: string,
): string {
	return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
${STYLE}
</style></head><body>
<h1>${esc(title)}</h1>
<div class="range">${esc(subtitle)}</div>
<div class="kpis">${kpis.map(([k, v]) => `<div class="kpi"><span>${esc(k)}</span><b>${esc(v)}</b></div>`).join('')}</div>
${body}
</body></html>
`;
}
