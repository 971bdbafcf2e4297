import type { INodeProperties } from 'n8n-workflow';

/**
 * Knowledge Base Name (every operation: the one read, or the one a preview publishes under):
 * from version 2 a pick list of the knowledge bases published in the state store, or a name
 * typed in (a new one, for a first preview); version 1 keeps its text field. The execute side
 * reads both with getNodeParameter's extractValue.
 */
const DESCRIPTION = 'The name it is published under (one per brand or account)';

export const knowledgeBaseNameFields: INodeProperties[] = [
	{
		displayName: 'Knowledge Base Name',
		name: 'knowledgeBaseName',
		type: 'string',
		default: 'main',
		description: DESCRIPTION,
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'Knowledge Base Name',
		name: 'knowledgeBaseName',
		type: 'resourceLocator',
		default: { mode: 'list', value: 'main' },
		description: DESCRIPTION,
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchKnowledgeBases', searchable: true } },
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'main' },
		],
	},
];
