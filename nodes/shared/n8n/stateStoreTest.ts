import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { RedisStateStore } from '../state';
import { redisConfigFromCredential } from './stateStoreParameter';

/** Credential test of the Redis state store: a write, a read and a delete of a probe key. */
export async function testStateStoreConnection(
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const key = `probe:${Date.now()}:${Math.random().toString(36).slice(2)}`;
	let store: RedisStateStore | undefined;
	try {
		// Its own connection, closed after: a wrong host must not leave a client reconnecting in
		// the background. One reconnection attempt: a wrong host or password answers in seconds
		// instead of waiting out a failover as a running workflow would.
		store = new RedisStateStore({
			...redisConfigFromCredential(credential.data ?? {}),
			maxRetriesPerRequest: 1,
		});
		await store.set(key, 'ok', 10_000);
		const entry = await store.get(key);
		await store.delete(key);
		if (entry?.value !== 'ok')
			return { status: 'Error', message: 'Redis answered but did not keep a value' };
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		return { status: 'Error', message: `Redis: ${(error as Error).message}` };
	} finally {
		await store?.close();
	}
}

/** `methods` of every node that offers the Redis state store (its credential is testedBy this). */
export const stateStoreNodeMethods = {
	credentialTest: {
		async stateStoreConnectionTest(
			this: ICredentialTestFunctions,
			credential: ICredentialsDecrypted,
		): Promise<INodeCredentialTestResult> {
			return await testStateStoreConnection(credential);
		},
	},
};
