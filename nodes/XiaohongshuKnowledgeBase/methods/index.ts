import { searchKnowledgeBases } from '../../shared/n8n';
import { stateStoreNodeMethods } from '../../shared/n8n';

export const methods = { ...stateStoreNodeMethods, listSearch: { searchKnowledgeBases } };
