import { createHash, randomUUID } from 'node:crypto';
import { settled } from '../outcome';
import type { StateStore } from '../state/StateStore';
import type { XhsAppConfig } from './appConfig';
import { encryptJson } from './contentCrypto';
import {
	ACCESS_TOKEN_HEADER,
	PATHS,
	joinUrl,
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
import { DEFAULT_RETRY, retryDelay, type RetryOptions } from './retryPolicy';
import { TokenManager, type TokenManagerOptions } from './tokenManager';

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

	constructor(private readonly deps: XhsClientDeps) {
		this.sleep = deps.sleep ?? realSleep;
		this.retry = { ...DEFAULT_RETRY, ...deps.retry };
		this.tokens = new TokenManager(deps.config, deps.http, deps.store, { sleep: this.sleep, ...deps.tokens });
	}

	/** Where tokens live, and where callers record what they sent. */
	get store(): StateStore {
		return this.deps.store;
	}

	async call<T>(path: string, body: Record<string, unknown>): Promise<T> {
		const { config, http } = this.deps;
		const limiter = rateLimiterFor(config.appId, config.maxRequestsPerSecond);
		let token = await this.tokens.accessToken();
		let refreshedForThisCall = false;
		let waited = 0;
		for (let attempt = 1; ; attempt++) {
			await limiter.acquire(this.sleep);
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
			if (error instanceof XhsApiError && error.behaviour === 'refreshToken' && !refreshedForThisCall) {
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
		for (const field of ['fromUserId', 'toUserId', 'thirdAccountId'] as const) {
			if (!args[field]) throw new InvalidItemError(`${field} is empty`, field);
		}
		const data = await this.call<{ message_id: string }>(PATHS.send, {
			request_id: args.requestId,
			message_type: args.messageType,
			from_user_id: args.fromUserId,
			to_user_id: args.toUserId,
			third_account_id: args.thirdAccountId,
			timestamp: Date.now(),
			content: encryptJson(args.content, this.deps.config.encryptionKey),
		});
		return { messageId: data?.message_id, requestId: args.requestId };
	}

	async boundAccounts(page: PageArgs): Promise<Page<BoundAccount>> {
		return await this.call(PATHS.boundAccounts, { page_num: page.pageNum, page_size: page.pageSize });
	}

	async notes(userId: string, page: PageArgs): Promise<Page<Record<string, unknown>>> {
		return await this.call(PATHS.noteList, { user_id: userId, page_num: page.pageNum, page_size: page.pageSize });
	}

	async materials(userId: string, page: PageArgs): Promise<Page<Record<string, unknown>>> {
		return await this.call(PATHS.materialList, { user_id: userId, page_num: page.pageNum, page_size: page.pageSize });
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
		if (list.length === 0 || items.length >= (page.total ?? Infinity)) break;
	}
	return items.slice(0, limit);
}
