import { searchKnowledgeBases } from '../../shared/n8n/knowledgeBasePicker';
import { stateStoreNodeMethods } from '../../shared/n8n/stateStoreTest';

export const methods = { ...stateStoreNodeMethods, listSearch: { searchKnowledgeBases } };
