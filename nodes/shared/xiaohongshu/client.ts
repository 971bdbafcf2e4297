import { createHash, randomUUID } from 'node:crypto';
import { settled } from '../outcome';
import type { StateStore } from '../state/StateStore';
import type { XhsAppConfig } from './appConfig';
import { encryptJson } from './contentCrypto';
import { findAccount, updateAccount } from './boundAccounts';
import {
	ACCESS_TOKEN_HEADER,
	PATHS,
	joinUrl,
	readPage,
	validateSendContent,
	type BoundAccount,
	type Page,
	type PageArgs,
	type SendArgs,
} from './endpoints';
import { unwrapEnvelope } from './envelope';
import { XhsApiError } from './errorCodes';
import { realSleep, type HttpFn, type SleepFn } from './http';
import { rateLimiterFor } from './rateLimiter';
import { acquireShared } from './sharedRateLimit';
import { DEFAULT_RETRY, retryDelay, type RetryOptions } from './retryPolicy';
import { TokenManager, type TokenManagerOptions } from './tokenManager';
import { wireProfile, type WireProfile } from './wireProfile';

export interface XhsClientDeps {
	config: XhsAppConfig;
	http: HttpFn;
	store: StateStore;
	sleep?: SleepFn;
	retry?: Partial<RetryOptions>;
	tokens?: TokenManagerOptions;
}

export class InvalidItemError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'InvalidItemError';
	}
}

/** One call path for every business endpoint: rate limit → token → POST → envelope → retry. */
export class XhsClient {
	readonly tokens: TokenManager;
	private readonly sleep: SleepFn;
	private readonly retry: RetryOptions;
	/** What the credential's wire revision sends; see wireProfile.ts. */
	readonly wire: WireProfile;

	constructor(private readonly deps: XhsClientDeps) {
		this.wire = wireProfile(deps.config.wireRevision);
		this.sleep = deps.sleep ?? realSleep;
		this.retry = { ...DEFAULT_RETRY, ...deps.retry };
		this.tokens = new TokenManager(deps.config, deps.http, deps.store, {
			sleep: this.sleep,
			...deps.tokens,
		});
	}

	/** Where tokens live, and where callers record what they sent. */
	get store(): StateStore {
		return this.deps.store;
	}

	get config(): XhsAppConfig {
		return this.deps.config;
	}

	get appId(): string {
		return this.deps.config.appId;
	}

	async call<T>(path: string, body: Record<string, unknown>): Promise<T> {
		const { config, http } = this.deps;
		const limiter = rateLimiterFor(config.appId, config.maxRequestsPerSecond);
		let token = await this.tokens.accessToken();
		let refreshedForThisCall = false;
		let waited = 0;
		for (let attempt = 1; ; attempt++) {
			await limiter.acquire(this.sleep);
			// The platform's limit is per app, not per process: every process counts in the store.
			await acquireShared({
				store: this.deps.store,
				appId: config.appId,
				perSecond: config.maxRequestsPerSecond,
				sleep: this.sleep,
			});
			const outcome = await settled(async () =>
				unwrapEnvelope<T>(
					await http({
						method: 'POST',
						url: joinUrl(config.baseUrl, path),
						headers: { [ACCESS_TOKEN_HEADER]: token },
						body,
					}),
				),
			);
			if (outcome.ok) return outcome.value;
			const { error } = outcome;
			if (
				error instanceof XhsApiError &&
				error.behaviour === 'refreshToken' &&
				!refreshedForThisCall
			) {
				refreshedForThisCall = true;
				token = await this.tokens.accessToken({ rejected: token });
				continue;
			}
			const delay = retryDelay(error, attempt, this.retry);
			if (delay === undefined || waited + delay > this.retry.maxTotalWaitMs) throw error;
			waited += delay;
			await this.sleep(delay);
		}
	}

	async send(args: SendArgs): Promise<{ messageId: string; requestId: string }> {
		const problem = validateSendContent(args.messageType, args.content as Record<string, unknown>);
		if (problem) throw new InvalidItemError(problem, 'content');
		for (const field of ['fromUserId', 'toUserId'] as const) {
			if (!args[field]) throw new InvalidItemError(`${field} is empty`, field);
		}
		const thirdAccountId = args.thirdAccountId || (await this.thirdAccountIdFor(args.fromUserId));
		const data = await this.call<{ message_id?: string; messageId?: string } | null>(
			PATHS.send,
			this.wire.sendBody({
				requestId: args.requestId,
				messageType: args.messageType,
				fromUserId: args.fromUserId,
				toUserId: args.toUserId,
				thirdAccountId,
				timestampMs: Date.now(),
				encryptedContent: encryptJson(args.content, this.deps.config.encryptionKey),
			}),
		);
		return {
			messageId: String(data?.message_id ?? data?.messageId ?? ''),
			requestId: args.requestId,
		};
	}

	/**
	 * A revision-2 DM may come without third_account_id (spec §4r2): take the one a bind push
	 * named, else the platform's list of bound users (remembered for the next send), else the
	 * account code the binding link carried.
	 */
	async thirdAccountIdFor(userId: string): Promise<string> {
		const { appId } = this.deps.config;
		const known = await findAccount(this.deps.store, appId, userId);
		if (known?.bound && known.thirdAccountId) return known.thirdAccountId;
		const listed = (await this.boundAccounts({ pageNum: 1, pageSize: 100 }, userId)).list.find(
			(a) => String(a.user_id) === userId,
		);
		if (listed?.third_account_id) {
			const thirdAccountId = String(listed.third_account_id);
			if (known)
				await updateAccount(this.deps.store, appId, userId, (previous) => ({
					...(previous ?? known),
					thirdAccountId,
				}));
			return thirdAccountId;
		}
		if (known?.bound && known.accountCode) return known.accountCode;
		throw new InvalidItemError(
			`thirdAccountId is empty and account ${userId} has no known binding: bind the account (Xiaohongshu node, Account → Create Binding Link) or fill in Third Account ID`,
			'thirdAccountId',
		);
	}

	/** Revision 2 names the account whose bound users to list: the token's own when none is given. */
	async boundAccounts(page: PageArgs, userId?: string): Promise<Page<BoundAccount>> {
		const user = userId ?? (await this.tokens.currentRecord()).userId;
		return readPage(await this.call(PATHS.boundAccounts, this.wire.boundAccountsBody(page, user)));
	}

	async notes(userId: string, page: PageArgs): Promise<Page<Record<string, unknown>>> {
		return readPage(await this.call(PATHS.noteList, this.wire.notesBody(userId, page)));
	}

	async materials(
		userId: string,
		page: PageArgs,
		type?: string,
	): Promise<Page<Record<string, unknown>>> {
		return readPage(
			await this.call(PATHS.materialList, this.wire.materialsBody(userId, page, type)),
		);
	}

	async unbindAccount(userId: string, thirdAccountId: string): Promise<unknown> {
		return await this.call(PATHS.unbindAccount, {
			user_id: userId,
			third_account_id: thirdAccountId,
		});
	}
}

/**
 * A request id that is the same every time the same node answers the same message with the
 * same content, so a re-run execution or a redelivered DM cannot make the platform send twice.
 */
export function deterministicRequestId(parts: string[]): string {
	const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
	// Shaped as a version-5-style UUID so platforms validating the format accept it.
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function newRequestId(): string {
	return randomUUID();
}

/** Reads every page of a list endpoint, up to `limit` items. */
export async function collectPages<T>(
	fetchPage: (page: PageArgs) => Promise<Page<T>>,
	limit: number,
	pageSize = 100,
): Promise<T[]> {
	const items: T[] = [];
	// Ask for no more than needed: page_size is 1–100 (spec §7).
	const size = Math.max(1, Math.min(pageSize, 100, Number.isFinite(limit) ? limit : 100));
	for (let pageNum = 1; items.length < limit; pageNum++) {
		const page = await fetchPage({ pageNum, pageSize: size });
		const list = page?.list ?? [];
		items.push(...list);
		// Without a total (revision 2 may not send one), a short page is the last one.
		const total = Number.isFinite(page?.total) ? page.total : undefined;
		if (list.length === 0 || (total !== undefined ? items.length >= total : list.length < size))
			break;
	}
	return items.slice(0, limit);
}
