import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import {
	createActionLinkToken,
	MIN_SECRET_LENGTH,
	verifyActionLinkToken,
} from '../../shared/agentLinks';
import { stateStoreNodeMethods } from '../../shared/n8n';
import { outcomeOf } from '../../shared/outcome';

/** Nothing is called with the link secret: the test signs and checks a probe link with it. */
export async function linkSigningSecretTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const secret = String(credential.data?.secret ?? '');
	if (secret.length < MIN_SECRET_LENGTH)
		return {
			status: 'Error',
			message: `The secret must have at least ${MIN_SECRET_LENGTH} characters (32 random ones are best)`,
		};
	const hours = Number(credential.data?.linkLifetimeHours ?? 24);
	if (!Number.isFinite(hours) || hours <= 0 || hours > 720)
		return {
			status: 'Error',
			message: 'The link lifetime must be more than 0 and at most 720 hours',
		};
	const probe = outcomeOf(() => {
		const { token } = createActionLinkToken(
			{ action: 'status', agentId: 'probe', status: 'online' },
			{ secret },
		);
		return verifyActionLinkToken(token, { secret }).ok;
	});
	if (!probe.ok || !probe.value)
		return { status: 'Error', message: 'A probe link could not be signed and checked' };
	return {
		status: 'OK',
		message: 'The secret signs links; they are checked when an agent opens one',
	};
}

export const credentialTest = { ...stateStoreNodeMethods.credentialTest, linkSigningSecretTest };
