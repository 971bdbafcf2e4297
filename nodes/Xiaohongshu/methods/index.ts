import { stateStoreNodeMethods } from '../../shared/n8n';
import * as listSearch from './listSearch';

export const methods = { ...stateStoreNodeMethods, listSearch };
