import {
	DEFAULT_SANDBOX_BASE_URL,
	PRODUCTION_BASE_URL,
	PRODUCTION_BINDING_BASE_URL,
} from './endpoints';
import { DEFAULT_REVISION, isWireRevision, type WireRevision } from './wireProfile';

/** Spec §5r2: 聚光 cites 3,000 calls a minute per app; half of the old guess of 100/s. */
export const DEFAULT_MAX_REQUESTS_PER_SECOND = 50;

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
	/** Which revision of the wire contract sends and lists speak (pushes are read in both). */
	wireRevision: WireRevision;
}

/** The host of the page an account owner opens to bind an account (spec §5r2). */
export function bindingBaseUrl(config: XhsAppConfig): string {
	return config.environment === 'production' ? PRODUCTION_BINDING_BASE_URL : config.baseUrl;
}

export function resolveBaseUrl(environment: string, baseUrl: string | undefined): string {
	if (environment === 'production') return PRODUCTION_BASE_URL;
	return (baseUrl || DEFAULT_SANDBOX_BASE_URL).replace(/\/+$/, '');
}

/** Maps the credential's fields (see XiaohongshuDmApi.credentials.ts) onto the config. */
export function appConfigFromCredential(data: Record<string, unknown>): XhsAppConfig {
	const text = (name: string) =>
		typeof data[name] === 'string' ? (data[name] as string).trim() : '';
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
		maxRequestsPerSecond:
			Number.isFinite(rate) && rate > 0 ? rate : DEFAULT_MAX_REQUESTS_PER_SECOND,
		wireRevision: isWireRevision(data.wireRevision) ? data.wireRevision : DEFAULT_REVISION,
	};
}
