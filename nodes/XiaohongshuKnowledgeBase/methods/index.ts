import { searchKnowledgeBases, stateStoreNodeMethods } from '../../shared/n8n';

export const methods = { ...stateStoreNodeMethods, listSearch: { searchKnowledgeBases } };
