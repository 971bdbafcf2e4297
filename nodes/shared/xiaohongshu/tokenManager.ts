import { randomUUID } from 'node:crypto';
import type { StateStore } from '../state/StateStore';
import type { XhsAppConfig } from './appConfig';
import { PATHS, joinUrl, type TokenData } from './endpoints';
import { unwrapEnvelope } from './envelope';
import { XhsApiError } from './errorCodes';
import { realSleep, type HttpFn, type SleepFn } from './http';
import { DEFAULT_RETRY, retryDelay } from './retryPolicy';
import {
	extendLineage,
	fingerprint,
	openRecord,
	sealRecord,
	type TokenRecord,
} from './tokenRecord';

/**
 * Token lifecycle (spec §2, §7): every refresh rotates both tokens and kills the old refresh
 * token at once, so two concurrent refreshes would leave one caller with a dead chain.
 * Refreshes are therefore single flight twice over: one promise per app inside this process,
 * and a lock in the state store across processes. The state store, not the credential, holds
 * the current pair, because n8n does not let a node write back to its credential.
 */
export interface TokenManagerOptions {
	/** Refresh this long before the access token expires. */
	refreshAheadMs?: number;
	lockTtlMs?: number;
	/** How long a caller waits for another process's refresh before giving up. */
	waitForOtherMs?: number;
	now?: () => number;
	sleep?: SleepFn;
}

export interface ObtainOptions {
	/** The token the platform just refused (40001): refresh unless someone already did. */
	rejected?: string;
}

const inFlight = new Map<string, Promise<TokenRecord>>();

export class XhsTokenError extends Error {
	constructor(message: string, readonly code?: number) {
		super(message);
		this.name = 'XhsTokenError';
	}
}

export class TokenManager {
	private readonly refreshAheadMs: number;
	private readonly lockTtlMs: number;
	private readonly waitForOtherMs: number;
	private readonly now: () => number;
	private readonly sleep: SleepFn;
	readonly key: string;

	constructor(
		private readonly config: XhsAppConfig,
		private readonly http: HttpFn,
		private readonly store: StateStore,
		options: TokenManagerOptions = {},
	) {
		this.refreshAheadMs = options.refreshAheadMs ?? 5 * 60_000;
		this.lockTtlMs = options.lockTtlMs ?? 30_000;
		this.waitForOtherMs = options.waitForOtherMs ?? 20_000;
		this.now = options.now ?? Date.now;
		this.sleep = options.sleep ?? realSleep;
		this.key = `token:${config.appId}:${fingerprint('refresh', config.baseUrl)}`;
	}

	async accessToken(options: ObtainOptions = {}): Promise<string> {
		return (await this.currentRecord(options)).accessToken;
	}

	async currentRecord(options: ObtainOptions = {}): Promise<TokenRecord> {
		const record = await this.readChain();
		if (record && this.isUsable(record, options)) return record;
		let pending = inFlight.get(this.key);
		if (!pending) {
			pending = this.refreshAcrossProcesses(options).finally(() => inFlight.delete(this.key));
			inFlight.set(this.key, pending);
		}
		return await pending;
	}

	private isUsable(record: TokenRecord, options: ObtainOptions): boolean {
		if (options.rejected !== undefined && record.accessToken === options.rejected) return false;
		return record.accessExpiresAt - this.now() > this.refreshAheadMs;
	}

	/** The stored chain, if the credential's current value belongs to it. */
	private async readChain(): Promise<TokenRecord | undefined> {
		const entry = await this.store.get(this.key);
		const record = entry && openRecord(entry.value, this.config.appId, this.config.appSecret);
		if (!record) return undefined;
		const seed = this.seed();
		return seed && record.lineage.includes(seed.fingerprint) ? record : undefined;
	}

	private seed(): { kind: 'code' | 'refresh'; value: string; fingerprint: string } | undefined {
		if (this.config.refreshToken) {
			const value = this.config.refreshToken;
			return { kind: 'refresh', value, fingerprint: fingerprint('refresh', value) };
		}
		if (this.config.authCode) {
			const value = this.config.authCode;
			return { kind: 'code', value, fingerprint: fingerprint('code', value) };
		}
		return undefined;
	}

	private async refreshAcrossProcesses(options: ObtainOptions): Promise<TokenRecord> {
		const lockKey = `lock:${this.key}`;
		const owner = randomUUID();
		const deadline = this.now() + this.waitForOtherMs;
		for (;;) {
			if (await this.store.claim(lockKey, owner, this.lockTtlMs)) {
				try {
					// Another process may have refreshed between our read and the lock.
					const fresh = await this.readChain();
					if (fresh && this.isUsable(fresh, options)) return fresh;
					return await this.renew(fresh);
				} finally {
					await this.releaseLock(lockKey, owner);
				}
			}
			const other = await this.readChain();
			if (other && this.isUsable(other, options)) return other;
			if (this.now() > deadline) {
				throw new XhsTokenError(
					'Timed out waiting for another n8n process to refresh the Xiaohongshu access token',
				);
			}
			await this.sleep(50);
		}
	}

	private async releaseLock(lockKey: string, owner: string): Promise<void> {
		const lock = await this.store.get(lockKey);
		if (lock?.value === owner) await this.store.commit([{ key: lockKey, expectVersion: lock.version }]);
	}

	private async renew(chain: TokenRecord | undefined): Promise<TokenRecord> {
		const seed = this.seed();
		if (!seed) {
			throw new XhsTokenError(
				'The Xiaohongshu credential has neither a refresh token nor an auth code: authorize the app and fill one in',
			);
		}
		const { appId, appSecret } = this.config;
		const viaRefresh = chain ? chain.refreshToken : seed.kind === 'refresh' ? seed.value : undefined;
		const data = viaRefresh
			? await this.post(PATHS.pairRenewal, { app_id: appId, secret: appSecret, refresh_token: viaRefresh })
			: await this.post(PATHS.codeExchange, { app_id: appId, secret: appSecret, auth_code: seed.value });
		const now = this.now();
		const record: TokenRecord = {
			accessToken: data.access_token,
			accessExpiresAt: now + data.access_token_expires_in * 1000,
			refreshToken: data.refresh_token,
			refreshExpiresAt: now + data.refresh_token_expires_in * 1000,
			userId: data.user_id,
			lineage: extendLineage(chain?.lineage ?? [], seed.fingerprint, fingerprint('refresh', data.refresh_token)),
			refreshedAt: now,
		};
		await this.store.set(this.key, sealRecord(record, appId, appSecret), data.refresh_token_expires_in * 1000);
		return record;
	}

	private async post(path: string, body: Record<string, string>): Promise<TokenData> {
		for (let attempt = 1; ; attempt++) {
			try {
				const response = await this.http({ method: 'POST', url: joinUrl(this.config.baseUrl, path), body });
				return unwrapEnvelope<TokenData>(response);
			} catch (error) {
				const delay = retryDelay(error, attempt, DEFAULT_RETRY);
				if (delay === undefined) throw this.explain(error);
				await this.sleep(delay);
			}
		}
	}

	private explain(error: unknown): unknown {
		if (!(error instanceof XhsApiError) || error.behaviour !== 'credential') return error;
		return new XhsTokenError(`${error.message}. ${error.hint}`, error.code);
	}
}
