import { page, table } from '../html/htmlPage';
import type { ModelPreview } from './modelPreview';
import type { PreviewReport } from './rulePreview';

/** The preview as a chat message (markdown that WeCom and Feishu both show) and as a page. */
export function previewSummary(
	r: PreviewReport,
	state: { published: boolean; blocked: boolean },
): string {
	const lines: string[] = [];
	const head =
		r.verdict === 'pass'
			? '✅ Rule change check passed 规则变更检查通过'
			: '⛔ Rule change check failed 规则变更检查未通过';
	lines.push(`**${head}**`);
	if (state.published) lines.push('Published: the Keyword Reply uses it now. 已发布。');
	else if (state.blocked)
		lines.push('Not published: the live rules stay as they were. 未发布，线上规则保持不变。');
	for (const e of r.errors) lines.push(`- ❌ rule "${e.rule}": ${e.message}`);
	if (r.golden.total) lines.push(`Golden set 标准样例: ${r.golden.passed}/${r.golden.total} pass`);
	for (const g of r.golden.brokenByChange.slice(0, 10))
		lines.push(`- ❌ #${g.row} "${clip(g.text)}": ${g.problems.join('; ')}`);
	if (r.golden.alreadyFailing.length)
		lines.push(`- ${r.golden.alreadyFailing.length} already failing before this change`);
	if (r.changes.total) {
		const kinds = Object.entries(r.changes.byKind)
			.filter(([, n]) => n > 0)
			.map(([k, n]) => `${k} ${n}`);
		lines.push(
			`Recent DMs that would change 近期私信变化: ${r.changes.total} (${kinds.join(', ')})`,
		);
		for (const c of r.changes.examples.slice(0, 5))
			lines.push(
				`- "${clip(c.text)}"${c.count > 1 ? ` ×${c.count}` : ''}: ${c.before} → ${c.after}`,
			);
	} else if (!r.errors.length) {
		lines.push(`Recent DMs that would change 近期私信变化: none of ${r.sampled.recent}`);
	}
	if (r.neverFired.length)
		lines.push(`Never fired 从未触发: ${r.neverFired.map((n) => `"${n}"`).join(', ')}`);
	const shadowed = r.overlaps.filter((o) => o.shadowed);
	for (const o of shadowed.slice(0, 5))
		lines.push(`- "${o.lower}" never answers: "${o.higher}" always matches first (${o.together}×)`);
	for (const f of r.faqOverlaps.slice(0, 5))
		lines.push(
			`- FAQ "${f.entry}" and "${f.otherEntry}" overlap on "${clip(f.question)}" (${f.score})`,
		);
	for (const w of r.warnings.slice(0, 5)) lines.push(`- ⚠️ rule "${w.rule}": ${w.message}`);
	if (r.model) lines.push(...modelLines(r.model));
	return lines.join('\n');
}

function modelLines(m: ModelPreview): string[] {
	const back = Object.entries(m.handedBack)
		.map(([why, n]) => `${why} ${n}`)
		.join(', ');
	const lines = [
		`Chat model AI 模型: asked about ${m.asked} DMs the rules leave to humans${m.notAsked ? ` (${m.notAsked} more not asked)` : ''}; would answer ${m.wouldAnswer} recent DMs${back ? `, hand back ${back}` : ''}`,
	];
	for (const g of m.golden.brokenByModel.slice(0, 10))
		lines.push(`- ❌ #${g.row} "${clip(g.text)}": ${g.problems.join('; ')} (chat model)`);
	for (const e of m.examples.filter((x) => x.outcome === 'answered').slice(0, 5))
		lines.push(
			`- "${clip(e.text)}" → FAQ "${e.entry}" (${e.confidence ?? '–'}): ${e.reason ?? ''}`,
		);
	return lines;
}

function modelHtml(m: ModelPreview): string {
	return `<h2>Chat model 模型 (${m.asked} asked, ${m.wouldAnswer} recent DMs it would answer, ${m.tokens.input + m.tokens.output} tokens)</h2>${table(
		['DM', 'Count', 'Outcome', 'Entry', 'Confidence', 'Its reason', 'Why'],
		m.examples.map((e) => [
			e.text,
			e.count,
			e.outcome === 'answered' ? 'answers 回答' : 'to a human 转人工',
			e.entry ?? '',
			e.confidence ?? '',
			e.reason ?? '',
			e.why,
		]),
		[0, 3, 5, 6],
	)}${
		m.golden.brokenByModel.length
			? `<h2>Golden examples the chat model gets wrong 模型答错的样例</h2>${table(
					['Row', 'DM', 'Problems', 'With the model'],
					m.golden.brokenByModel.map((g) => [g.row, g.text, g.problems.join('; '), g.got]),
					[1, 2, 3],
				)}`
			: ''
	}`;
}

export function previewHtml(r: PreviewReport, title: string): string {
	const kpis: Array<[string, string]> = [
		['Verdict 结论', r.verdict === 'pass' ? 'pass 通过' : 'fail 未通过'],
		['Golden set 标准样例', `${r.golden.passed}/${r.golden.total}`],
		['Recent DMs replayed 回放私信', String(r.sampled.recent)],
		['Would change 变化', String(r.changes.total)],
		['Never fired 从未触发', String(r.neverFired.length)],
	];
	const body = [
		r.errors.length
			? `<h2>Errors 错误</h2>${table(
					['Rule 规则', 'Problem'],
					r.errors.map((e) => [e.rule, e.message]),
					[1],
				)}`
			: '',
		`<h2>Golden examples broken by this change 被破坏的样例</h2>${table(
			['Row', 'DM', 'Problems', 'Now'],
			r.golden.brokenByChange.map((g) => [g.row, g.text, g.problems.join('; '), g.got]),
			[1, 2, 3],
		)}`,
		r.golden.alreadyFailing.length
			? `<h2>Already failing before 之前就失败</h2>${table(
					['Row', 'DM', 'Problems'],
					r.golden.alreadyFailing.map((g) => [g.row, g.text, g.problems.join('; ')]),
					[1, 2],
				)}`
			: '',
		`<h2>Recent DMs that would route differently 路由变化</h2>${table(
			['DM', 'Count', 'Change', 'Before', 'After'],
			r.changes.examples.map((c) => [c.text, c.count, c.kind, c.before, c.after]),
			[2, 3, 4],
		)}`,
		`<h2>Rules that never fire 从未触发的规则</h2>${table(
			['Rule 规则'],
			r.neverFired.map((n) => [n]),
		)}`,
		`<h2>Overlapping rules 规则重叠</h2>${table(
			['Higher priority', 'Lower priority', 'Both matched', 'Lower alone', 'Lower never answers'],
			r.overlaps.map((o) => [o.higher, o.lower, o.together, o.lowerAlone, o.shadowed ? 'yes' : '']),
		)}`,
		`<h2>Overlapping FAQ entries FAQ 重叠</h2>${table(
			['Entry', 'Question', 'Also matches', 'Score'],
			r.faqOverlaps.map((f) => [f.entry, f.question, f.otherEntry, f.score]),
			[1, 2],
		)}`,
		r.model ? modelHtml(r.model) : '',
		r.warnings.length
			? `<h2>Warnings 提醒</h2>${table(
					['Rule 规则', 'Warning'],
					r.warnings.map((w) => [w.rule, w.message]),
					[1],
				)}`
			: '',
	].join('\n');
	return page(
		title,
		`${r.sampled.recent} recent DMs and ${r.sampled.golden} golden examples replayed`,
		kpis,
		body,
	);
}

function clip(text: string): string {
	return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}
