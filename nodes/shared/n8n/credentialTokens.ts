import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';
import { openStateStore } from '../state';
import { appConfigFromCredential } from '../xiaohongshu/appConfig';
import { TokenManager } from '../xiaohongshu/tokenManager';
import type { TokenRecord } from '../xiaohongshu/tokenRecord';
import { n8nHttp } from './httpAdapter';

/**
 * Token pair for n8n's own credential machinery (credential test, preAuthentication). It has
 * no node parameters to say which state store to use, so it uses this instance's embedded
 * store, the same one nodes use by default.
 */
export async function obtainTokensForCredential(
	context: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<TokenRecord> {
	const config = appConfigFromCredential(credentials);
	const manager = new TokenManager(
		config,
		n8nHttp(context),
		openStateStore({ backend: 'embedded' }),
	);
	return await manager.currentRecord();
}
