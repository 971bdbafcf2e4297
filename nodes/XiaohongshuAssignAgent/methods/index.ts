import { credentialTest } from './credentialTest';
import * as listSearch from './listSearch';

export const methods = { credentialTest, listSearch };
