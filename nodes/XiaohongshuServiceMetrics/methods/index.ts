import { stateStoreNodeMethods } from '../../shared/n8n';

export const methods = stateStoreNodeMethods;
