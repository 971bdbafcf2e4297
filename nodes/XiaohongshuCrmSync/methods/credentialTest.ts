import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { stateStoreNodeMethods } from '../../shared/n8n';

/** The CRM's address is per node, so the credential can only be checked for shape. */
export async function crmHttpHeaderTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const name = String(credential.data?.headerName ?? '');
	if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
		return { status: 'Error', message: `"${name}" is not a valid HTTP header name` };
	if (!String(credential.data?.secretValue ?? ''))
		return { status: 'Error', message: 'The header value is empty' };
	return {
		status: 'OK',
		message: 'The header is well-formed; the CRM is checked when the node runs',
	};
}

export const credentialTest = { ...stateStoreNodeMethods.credentialTest, crmHttpHeaderTest };
