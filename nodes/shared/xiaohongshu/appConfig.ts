import { DEFAULT_SANDBOX_BASE_URL, PRODUCTION_BASE_URL } from './endpoints';

/** What the transport needs to know about one Xiaohongshu app, independent of n8n. */
export interface XhsAppConfig {
	baseUrl: string;
	appId: string;
	appSecret: string;
	encryptionKey: string;
	refreshToken?: string;
	authCode?: string;
	/** Signs pushes; the app secret when the console issues no separate one (spec §7). */
	webhookSecret?: string;
	maxRequestsPerSecond: number;
	environment: 'production' | 'sandbox' | 'custom';
}

export function resolveBaseUrl(environment: string, baseUrl: string | undefined): string {
	if (environment === 'production') return PRODUCTION_BASE_URL;
	return (baseUrl || DEFAULT_SANDBOX_BASE_URL).replace(/\/+$/, '');
}

/** Maps the credential's fields (see XiaohongshuDmApi.credentials.ts) onto the config. */
export function appConfigFromCredential(data: Record<string, unknown>): XhsAppConfig {
	const text = (name: string) => (typeof data[name] === 'string' ? (data[name] as string).trim() : '');
	const environment = (text('environment') || 'production') as XhsAppConfig['environment'];
	const rate = Number(data.maxRequestsPerSecond);
	return {
		environment,
		baseUrl: resolveBaseUrl(environment, text('baseUrl')),
		appId: text('appId'),
		appSecret: text('appSecret'),
		encryptionKey: typeof data.encryptionSecret === 'string' ? data.encryptionSecret : '',
		refreshToken: text('refreshToken') || undefined,
		authCode: text('authCode') || undefined,
		webhookSecret: text('webhookSecret') || undefined,
		maxRequestsPerSecond: Number.isFinite(rate) && rate > 0 ? rate : 100,
	};
}
