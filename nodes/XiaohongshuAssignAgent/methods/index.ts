import { stateStoreNodeMethods } from '../../shared/n8n/stateStoreTest';
import * as listSearch from './listSearch';

export const methods = { ...stateStoreNodeMethods, listSearch };
