import { stateStoreNodeMethods } from '../../shared/n8n/stateStoreTest';

export const methods = stateStoreNodeMethods;
