import { DEFAULT_SANDBOX_BASE_URL } from '../xiaohongshu/endpoints';
import { ARK_PRODUCTION_BASE_URL } from './arkClient';

/** What the ark transport needs, independent of n8n (see XiaohongshuArkApi.credentials.ts). */
export interface ArkConfig {
	environment: 'production' | 'sandbox' | 'custom';
	baseUrl: string;
	appId: string;
	appSecret: string;
	accessToken: string;
}

export function resolveArkBaseUrl(environment: string, baseUrl: string | undefined): string {
	if (environment === 'production') return ARK_PRODUCTION_BASE_URL;
	return (baseUrl || DEFAULT_SANDBOX_BASE_URL).replace(/\/+$/, '');
}

/** Maps the credential's fields onto the config. */
export function arkConfigFromCredential(data: Record<string, unknown>): ArkConfig {
	const text = (name: string) =>
		typeof data[name] === 'string' ? (data[name] as string).trim() : '';
	const environment = (text('environment') || 'production') as ArkConfig['environment'];
	return {
		environment,
		baseUrl: resolveArkBaseUrl(environment, text('baseUrl')),
		appId: text('appId'),
		appSecret: text('appSecret'),
		accessToken: text('accessToken'),
	};
}
