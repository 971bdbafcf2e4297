import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodeProperties,
	IWebhookFunctions,
} from 'n8n-workflow';
import type { ConnectionOptions } from 'node:tls';
import {
	openStateStore,
	parseRedisNodes,
	type RedisStateStoreConfig,
	type StateStore,
} from '../state';
import { FieldError } from './fieldError';

/**
 * The node parameter every state-using node shares. (Its credential slot is written out in
 * each node: n8n's lint rules read credential lists literally.)
 */
export const stateStoreProperty: INodeProperties = {
	displayName: 'State Store',
	name: 'stateStore',
	type: 'options',
	options: [
		{
			name: 'Embedded (This N8n Instance)',
			value: 'embedded',
			description: 'A SQLite file in the n8n user folder; shared by all workflows of this instance',
		},
		{
			name: 'Redis (Queue Mode)',
			value: 'redis',
			description: 'Needed when several n8n processes (main + workers) run these workflows',
		},
	],
	default: 'embedded',
	description: 'Where claimed messages, tokens and other shared state are kept',
};

/** TLS options from the credential's fields: only what was filled in. */
function tlsOf(data: ICredentialDataDecryptedObject): boolean | ConnectionOptions {
	if (data.ssl !== true) return false;
	const text = (name: string) => (data[name] ? String(data[name]) : undefined);
	const options: ConnectionOptions = {
		ca: text('tlsCa'),
		cert: text('tlsCert'),
		key: text('tlsPrivateKey'),
		servername: text('tlsServerName'),
		rejectUnauthorized: data.tlsVerify !== false,
	};
	for (const key of Object.keys(options) as Array<keyof ConnectionOptions>)
		if (options[key] === undefined) delete options[key];
	return options;
}

/** The state store a Xiaohongshu State Store Redis API credential describes; a bad field fails naming it. */
export function redisConfigFromCredential(
	data: ICredentialDataDecryptedObject,
): RedisStateStoreConfig {
	const mode = data.mode === 'sentinel' || data.mode === 'cluster' ? data.mode : 'standalone';
	const nodes =
		mode === 'standalone'
			? undefined
			: FieldError.wrap(mode === 'sentinel' ? 'Sentinels' : 'Cluster Nodes', () =>
					parseRedisNodes(
						String((mode === 'sentinel' ? data.sentinels : data.clusterNodes) ?? ''),
						mode === 'sentinel' ? 26379 : 6379,
					),
				);
	return {
		backend: 'redis' as const,
		mode,
		nodes,
		sentinelName: data.sentinelName ? String(data.sentinelName) : undefined,
		sentinelPassword: data.sentinelPassword ? String(data.sentinelPassword) : undefined,
		host: String(data.host || '127.0.0.1'),
		port: Number(data.port) || 6379,
		username: data.user ? String(data.user) : undefined,
		password: data.password ? String(data.password) : undefined,
		db: Number(data.database) || 0,
		tls: tlsOf(data),
		keyPrefix: data.namespace === undefined ? 'xhs:' : String(data.namespace),
	};
}

type StoreContext = IExecuteFunctions | IWebhookFunctions | IHookFunctions | ILoadOptionsFunctions;

export async function stateStoreFor(context: StoreContext, itemIndex = 0): Promise<StateStore> {
	// A pick list (load options) reads the node's parameters as the editor shows them now.
	const choice = (
		'getCurrentNodeParameter' in context
			? context.getCurrentNodeParameter('stateStore')
			: (context as IExecuteFunctions).getNodeParameter('stateStore', itemIndex, 'embedded')
	) as string | undefined;
	if (choice !== 'redis') return openStateStore({ backend: 'embedded' });
	const data = await context.getCredentials('xiaohongshuStateStoreApi', itemIndex);
	return openStateStore(redisConfigFromCredential(data));
}
