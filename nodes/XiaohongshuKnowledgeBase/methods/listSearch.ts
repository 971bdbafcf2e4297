import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { listPublications } from '../../shared/improve/publication';
import { stateStoreFor } from '../../shared/n8n/stateStoreParameter';

/** Version 2's pick list: the knowledge bases published in the chosen state store, filtered by what is typed. */
export async function searchKnowledgeBases(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const published = await listPublications(await stateStoreFor(this));
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = published
		.filter((kb) => !wanted || kb.name.toLowerCase().includes(wanted))
		.map((kb) => ({ name: kb.name, value: kb.name, description: `Version ${kb.version}, published ${new Date(kb.publishedAt).toISOString()}` }));
	return { results };
}
