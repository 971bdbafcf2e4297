import type {
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { appConfigFromCredential, type XhsAppConfig } from '../xiaohongshu/appConfig';
import { XhsClient } from '../xiaohongshu/client';
import { n8nHttp } from './httpAdapter';
import { stateStoreFor } from './stateStoreParameter';

type Context = IExecuteFunctions | IWebhookFunctions | IHookFunctions | ILoadOptionsFunctions;

export async function appConfigFor(context: Context): Promise<XhsAppConfig> {
	return appConfigFromCredential(await context.getCredentials('xiaohongshuDmApi'));
}

/** One client per execution; tokens, rate limit and state are shared beneath it. */
export async function xhsClientFor(context: Context): Promise<XhsClient> {
	const [config, store] = await Promise.all([appConfigFor(context), stateStoreFor(context)]);
	return new XhsClient({ config, http: n8nHttp(context), store });
}
