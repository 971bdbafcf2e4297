import { randomUUID } from 'node:crypto';
import { releaseLock } from '../state/storeLock';
import type { StateStore } from '../state/StateStore';
import type { XhsAppConfig } from './appConfig';
import { PATHS, joinUrl, type TokenData } from './endpoints';
import { unwrapEnvelope } from './envelope';
import { XhsApiError } from './errorCodes';
import { realSleep, type HttpFn, type SleepFn } from './http';
import { DEFAULT_RETRY, retryDelay } from './retryPolicy';
import { wireProfile } from './wireProfile';
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
	constructor(
		message: string,
		readonly code?: number,
	) {
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
	/** Where the chain grown from the credential's own value lives. */
	readonly key: string;
	private readonly base: string;

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
		// One app can be authorized by several business accounts, each with its own token
		// chain: a chain is found by the credential value it grew from, not by the app alone.
		// Each refresh token a chain produces gets an alias to the chain, so a credential that
		// n8n updated with a rotated token (after a credential test) finds the same chain.
		this.base = `token:${config.appId}:${fingerprint('refresh', config.baseUrl)}`;
		this.key = `${this.base}:${this.seed()?.fingerprint ?? 'none'}`;
	}

	async accessToken(options: ObtainOptions = {}): Promise<string> {
		return (await this.currentRecord(options)).accessToken;
	}

	async currentRecord(options: ObtainOptions = {}): Promise<TokenRecord> {
		const chainKey = await this.chainKey();
		const record = await this.readChain(chainKey);
		if (record && this.isUsable(record, options)) return record;
		let pending = inFlight.get(chainKey);
		if (!pending) {
			pending = this.refreshAcrossProcesses(chainKey, options).finally(() =>
				inFlight.delete(chainKey),
			);
			inFlight.set(chainKey, pending);
		}
		return await pending;
	}

	private async chainKey(): Promise<string> {
		const seed = this.seed();
		if (!seed) return this.key;
		return (await this.store.get(`${this.base}:alias:${seed.fingerprint}`))?.value ?? this.key;
	}

	private isUsable(record: TokenRecord, options: ObtainOptions): boolean {
		if (options.rejected !== undefined && record.accessToken === options.rejected) return false;
		return record.accessExpiresAt - this.now() > this.refreshAheadMs;
	}

	/** The stored chain, if the credential's current value belongs to it. */
	private async readChain(chainKey: string): Promise<TokenRecord | undefined> {
		const entry = await this.store.get(chainKey);
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

	private async refreshAcrossProcesses(
		chainKey: string,
		options: ObtainOptions,
	): Promise<TokenRecord> {
		const lockKey = `lock:${chainKey}`;
		const owner = randomUUID();
		const deadline = this.now() + this.waitForOtherMs;
		for (;;) {
			if (await this.store.claim(lockKey, owner, this.lockTtlMs)) {
				try {
					// Another process may have refreshed between our read and the lock.
					const fresh = await this.readChain(chainKey);
					if (fresh && this.isUsable(fresh, options)) return fresh;
					return await this.renew(chainKey, fresh);
				} finally {
					await releaseLock(this.store, lockKey, owner);
				}
			}
			const other = await this.readChain(chainKey);
			if (other && this.isUsable(other, options)) return other;
			if (this.now() > deadline) {
				throw new XhsTokenError(
					'Timed out waiting for another n8n process to refresh the Xiaohongshu access token',
				);
			}
			await this.sleep(50);
		}
	}

	private async renew(chainKey: string, chain: TokenRecord | undefined): Promise<TokenRecord> {
		const seed = this.seed();
		if (!seed) {
			throw new XhsTokenError(
				'The Xiaohongshu credential has neither a refresh token nor an auth code: authorize the app and fill one in',
			);
		}
		const { appSecret } = this.config;
		const appId = wireProfile(this.config.wireRevision).oauthAppId(this.config.appId);
		const viaRefresh = chain
			? chain.refreshToken
			: seed.kind === 'refresh'
				? seed.value
				: undefined;
		const data = viaRefresh
			? await this.post(PATHS.pairRenewal, {
					app_id: appId,
					secret: appSecret,
					refresh_token: viaRefresh,
				})
			: await this.post(PATHS.codeExchange, {
					app_id: appId,
					secret: appSecret,
					auth_code: seed.value,
				});
		const now = this.now();
		const record: TokenRecord = {
			accessToken: data.access_token,
			accessExpiresAt: now + data.access_token_expires_in * 1000,
			refreshToken: data.refresh_token,
			refreshExpiresAt: now + data.refresh_token_expires_in * 1000,
			userId: data.user_id,
			lineage: extendLineage(
				chain?.lineage ?? [],
				seed.fingerprint,
				fingerprint('refresh', data.refresh_token),
			),
			refreshedAt: now,
		};
		const ttlMs = data.refresh_token_expires_in * 1000;
		await this.store.set(chainKey, sealRecord(record, this.config.appId, appSecret), ttlMs);
		await this.store.set(
			`${this.base}:alias:${fingerprint('refresh', data.refresh_token)}`,
			chainKey,
			ttlMs,
		);
		return record;
	}

	private async post(path: string, body: Record<string, string | number>): Promise<TokenData> {
		for (let attempt = 1; ; attempt++) {
			try {
				const response = await this.http({
					method: 'POST',
					url: joinUrl(this.config.baseUrl, path),
					body,
				});
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
