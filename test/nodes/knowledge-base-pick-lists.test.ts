/**
 * The knowledge-base pick list of version 2 (Knowledge Base and Keyword Reply nodes): what the
 * editor shows when a user opens "From List" for Knowledge Base Name — the knowledge bases
 * published in the state store the node is set to.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { publish } from '../../nodes/shared/knowledgeBase/publication';
import { openStateStore } from '../../nodes/shared/state';
import { XiaohongshuKeywordReply } from '../../nodes/XiaohongshuKeywordReply/XiaohongshuKeywordReply.node';
import { XiaohongshuKnowledgeBase } from '../../nodes/XiaohongshuKnowledgeBase/XiaohongshuKnowledgeBase.node';

process.env.XHS_STATE_DB_PATH = join(mkdtempSync(join(tmpdir(), 'xhs-kb-picks-')), 'state.sqlite');

/** The editor's load-options context, reduced to what the list search reads: the State Store choice. */
function editor(
	parameters: Record<string, unknown> = { stateStore: 'embedded' },
): ILoadOptionsFunctions {
	return {
		getCurrentNodeParameter: (name: string) => parameters[name],
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getNode: () => ({
			id: 'n',
			name: 'Knowledge Base',
			type: 'xiaohongshuKnowledgeBase',
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
		}),
	} as unknown as ILoadOptionsFunctions;
}

const KB = { rules: [], faq: [], protectedTerms: [] };
const nodes = [
	['Knowledge Base', new XiaohongshuKnowledgeBase().methods.listSearch],
	['Keyword Reply', new XiaohongshuKeywordReply().methods.listSearch],
] as const;

describe.each(nodes)('%s: Knowledge Base Name from the list', (_node, listSearch) => {
	it('lists the published knowledge bases with their version, and filters by what is typed', async () => {
		const store = openStateStore({ backend: 'embedded' });
		await publish(store, 'brand-lipstick', KB, `f-${_node}`, Date.UTC(2026, 4, 1, 8));
		await publish(store, 'main', KB, `g-${_node}`, Date.UTC(2026, 4, 2, 8));

		const { results } = await listSearch.searchKnowledgeBases.call(editor());
		const byName = Object.fromEntries(results.map((r) => [r.name, r]));
		expect(results.map((r) => r.value)).toEqual(['brand-lipstick', 'main']);
		expect(byName['brand-lipstick'].description).toMatch(
			/^Version \d+, published 2026-05-01T08:00:00.000Z$/,
		);

		expect(
			(await listSearch.searchKnowledgeBases.call(editor(), 'LIP')).results.map((r) => r.value),
		).toEqual(['brand-lipstick']);
		expect(
			(await listSearch.searchKnowledgeBases.call(editor(), 'nothing-like-this')).results,
		).toEqual([]);
	});
});
