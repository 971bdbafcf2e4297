import type { INodeProperties, INodeType } from 'n8n-workflow';
import { Xiaohongshu } from '../../nodes/Xiaohongshu/Xiaohongshu.node';
import { XiaohongshuAssignAgent } from '../../nodes/XiaohongshuAssignAgent/XiaohongshuAssignAgent.node';
import { XiaohongshuCrmSync } from '../../nodes/XiaohongshuCrmSync/XiaohongshuCrmSync.node';
import { XiaohongshuKeywordReply } from '../../nodes/XiaohongshuKeywordReply/XiaohongshuKeywordReply.node';
import { XiaohongshuKnowledgeBase } from '../../nodes/XiaohongshuKnowledgeBase/XiaohongshuKnowledgeBase.node';

/**
 * Every node with pick lists: each resource locator has its search method, shows from
 * version 2 only, and version 1 keeps a plain field of the same name. (The lists' contents
 * are tested per node, in the *-pick-lists tests.)
 */
const nodes: Array<[string, INodeType & { methods: { listSearch: Record<string, unknown> } }]> = [
	['Xiaohongshu', new Xiaohongshu() as never],
	['Keyword Reply', new XiaohongshuKeywordReply() as never],
	['Knowledge Base', new XiaohongshuKnowledgeBase() as never],
	['Assign Agent', new XiaohongshuAssignAgent() as never],
	['CRM Sync', new XiaohongshuCrmSync() as never],
];

/** Where a field shows, apart from the version. */
const placeOf = (p: INodeProperties) => {
	const { '@version': _version, ...show } = p.displayOptions?.show ?? {};
	return Object.entries(show).sort(([a], [b]) => a.localeCompare(b));
};

describe.each(nodes)('%s pick lists (version 2)', (_name, node) => {
	it('every pick list of the description has its search method, and shows in version 2 only', () => {
		const properties = node.description.properties as INodeProperties[];
		const pickers = properties.filter((p) => p.type === 'resourceLocator');
		expect(pickers.length).toBeGreaterThan(0);
		for (const picker of pickers) {
			expect(picker.displayOptions?.show?.['@version']).toEqual([{ _cnd: { gte: 2 } }]);
			for (const mode of picker.modes ?? [])
				if (mode.typeOptions?.searchListMethod)
					expect(Object.keys(node.methods.listSearch)).toContain(mode.typeOptions.searchListMethod);
			// Version 1 keeps a plain field of the same name, shown in the same place.
			expect(
				properties.filter(
					(p) =>
						p.name === picker.name &&
						p.type === 'string' &&
						(p.displayOptions?.show?.['@version'] as unknown[])?.[0] === 1 &&
						JSON.stringify(placeOf(p)) === JSON.stringify(placeOf(picker)),
				),
			).toHaveLength(1);
		}
	});
});
