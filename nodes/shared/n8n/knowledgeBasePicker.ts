import type { ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';
import { listPublications } from '../knowledgeBase/publication';
import { FROM_VERSION_2, matchesFilter, versionedPickList, VERSION_1 } from './pickList';
import { stateStoreFor } from './stateStoreParameter';

/**
 * Knowledge Base Name, in Keyword Reply and Knowledge Base alike: from version 2 a pick list of
 * the knowledge bases published in the state store, or a name typed in (a new one, for a
 * first preview); version 1 keeps its text field.
 */
export function knowledgeBaseNameFields(
	description: string,
	show: Record<string, string[]> = {},
): INodeProperties[] {
	return versionedPickList({
		name: 'knowledgeBaseName',
		displayName: 'Knowledge Base Name',
		description,
		searchListMethod: 'searchKnowledgeBases',
		typed: { mode: 'name', placeholder: 'main' },
		initial: { mode: 'list', value: 'main' },
		v1: { displayName: 'Knowledge Base Name', default: 'main', description },
	}).map((field, index) => ({
		...field,
		displayOptions: { show: { ...show, ...(index === 0 ? VERSION_1 : FROM_VERSION_2) } },
	}));
}

/** The pick list: the knowledge bases published in the chosen state store, filtered by what is typed. */
export async function searchKnowledgeBases(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const published = await listPublications(await stateStoreFor(this));
	const results = published
		.filter((kb) => matchesFilter(filter, kb.name))
		.map((kb) => ({
			name: kb.name,
			value: kb.name,
			description: `Version ${kb.version}, published ${new Date(kb.publishedAt).toISOString()}`,
		}));
	return { results };
}
