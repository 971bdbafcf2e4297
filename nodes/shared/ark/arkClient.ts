import { realSleep, type HttpFn, type SleepFn } from '../http/httpFn';
import { settled } from '../outcome';
import { DEFAULT_RETRY, isNetworkError, type RetryOptions } from '../http/retryBasics';
import { ARK_ERROR_CODES, ArkApiError, scrubSecrets, unwrapArkEnvelope } from './arkEnvelope';
import {
	MAX_PAGE_NO,
	MAX_PAGE_SIZE,
	MAX_WINDOW_SECONDS,
	TIME_TYPE,
	toPurchaseRecord,
	toUnixSeconds,
	type ArkOrderDetail,
	type ArkOrderPage,
	type ArkOrderSummary,
	type ListOrdersArgs,
	type PurchaseRecord,
} from './arkOrders';
import { ARK_VERSION, arkSign } from './arkSign';

/**
 * Client of Xiaohongshu's e-commerce open API ("ark"): one POST gateway for every method
 * (documented: `POST https://ark.xiaohongshu.com/ark/open_api/v3/common_controller`, JSON body,
 * Content-Type application/json;charset=utf-8), common parameters
 * `{appId, timestamp (UNIX seconds, as a string), version "2.0", method, sign, accessToken}` next to
 * the method's own parameters, and the `{success, error_code, error_msg, data}` answer.
 *
 * The access token is taken as given (the credential holds it); getting and refreshing it through
 * ark's OAuth is out of scope here.
 */
export const ARK_PRODUCTION_BASE_URL = 'https://ark.xiaohongshu.com';
export const ARK_GATEWAY_PATH = '/ark/open_api/v3/common_controller';

/** The common parameters: a method's parameters may not use these names. */
const RESERVED_PARAMS = new Set(['appId', 'timestamp', 'version', 'method', 'sign', 'accessToken']);

export interface ArkClientOptions {
	http: HttpFn;
	appId: string;
	appSecret: string;
	accessToken?: string;
	/** https://ark.xiaohongshu.com, or the sandbox's URL; the gateway path is appended */
	baseUrl?: string;
	/** epoch ms; the signed timestamp is taken from it */
	now?: () => number;
	sleep?: SleepFn;
	retry?: Partial<RetryOptions>;
	random?: () => number;
	timeoutMs?: number;
}

/**
 * How a customer's purchases are found. The ark API has no "orders of user X" method and knows
 * nothing of DM conversations, so two documented routes are offered:
 *
 * 1. `orderIds`: the order numbers the customer gives (see findOrderIds), each read with
 *    order.getOrderDetail. Exact and cheap: the preferred route.
 * 2. `buyerUserId`: order.getOrderList over the last `days` in 24 h created-time windows (the
 *    documented maximum), then order.getOrderDetail of each listed order — only the detail carries
 *    the buyer (`userId`) — keeping those whose userId equals buyerUserId. Inferred: that ark's
 *    userId is the same id the DM API gives the customer; the docs do not say so. Where it is not,
 *    route 1 still works. Bounded by `maxDetailCalls`, as a busy shop lists many orders a day.
 *
 * Not used: the receiver phone. Ark returns receiver data encrypted or masked under its data
 * security scheme (数据加解密: batch decrypt / desensitise / index methods, separate permissions),
 * and a DM customer rarely states the phone number of the order anyway.
 *
 * With both given, only the orderIds are read, and only orders of that buyer are returned, so a
 * customer cannot read someone else's order by guessing its number.
 */
export interface PurchaseLookup {
	orderIds?: string[];
	buyerUserId?: string;
	/** how far back the buyer scan goes, in days (default 7, at most 90) */
	days?: number;
	/** end of the buyer scan (Date or UNIX seconds; default now) */
	until?: Date | number;
	/** at most this many records, newest first (default 20) */
	limit?: number;
	/** at most this many order.getOrderDetail calls in a buyer scan (default 200) */
	maxDetailCalls?: number;
}

export interface PurchaseSearch {
	records: PurchaseRecord[];
	/** false when the scan stopped at maxDetailCalls before covering the whole period */
	complete: boolean;
	scanned: { windows: number; listCalls: number; detailCalls: number };
}

const DAY_SECONDS = 24 * 3600;
/** order numbers read per lookup: a message listing more is not a customer's question */
const MAX_ORDER_IDS = 20;

export class ArkClient {
	readonly gatewayUrl: string;
	private readonly http: HttpFn;
	private readonly appId: string;
	private readonly appSecret: string;
	private readonly accessToken: string | undefined;
	private readonly now: () => number;
	private readonly sleep: SleepFn;
	private readonly retry: RetryOptions;
	private readonly random: () => number;
	private readonly timeoutMs: number;

	constructor(options: ArkClientOptions) {
		if (!options.appId) throw new Error('ArkClient needs an appId');
		if (!options.appSecret) throw new Error('ArkClient needs an appSecret');
		this.http = options.http;
		this.appId = options.appId;
		this.appSecret = options.appSecret;
		this.accessToken = options.accessToken || undefined;
		this.gatewayUrl = `${(options.baseUrl || ARK_PRODUCTION_BASE_URL).replace(/\/+$/, '')}${ARK_GATEWAY_PATH}`;
		this.now = options.now ?? Date.now;
		this.sleep = options.sleep ?? realSleep;
		this.retry = { ...DEFAULT_RETRY, ...options.retry };
		this.random = options.random ?? Math.random;
		this.timeoutMs = options.timeoutMs ?? 15_000;
	}

	/**
	 * Calls one method: sign → POST → envelope → bounded retries. Every attempt is signed afresh
	 * with the current time. Retried: network errors, HTTP 5xx and 系统调用异常, rate limits (after
	 * Retry-After when given). Order reads are side-effect free, so a retry is always safe here.
	 */
	async call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
		for (const key of Object.keys(params)) {
			if (RESERVED_PARAMS.has(key))
				throw new Error(
					`"${key}" is a common parameter of the ark gateway, not a parameter of ${method}`,
				);
		}
		let waited = 0;
		for (let attempt = 1; ; attempt++) {
			const outcome = await settled(async () => await this.attempt<T>(method, params));
			if (outcome.ok) return outcome.value;
			const { error } = outcome;
			const delay = this.retryDelay(error, attempt);
			if (delay === undefined || waited + delay > this.retry.maxTotalWaitMs) throw error;
			waited += delay;
			await this.sleep(delay);
		}
	}

	private async attempt<T>(method: string, params: Record<string, unknown>): Promise<T> {
		const timestamp = String(Math.floor(this.now() / 1000));
		const body: Record<string, unknown> = {
			appId: this.appId,
			timestamp,
			version: ARK_VERSION,
			method,
			sign: arkSign({ method, appId: this.appId, timestamp, appSecret: this.appSecret }),
			...(this.accessToken ? { accessToken: this.accessToken } : {}),
			...params,
		};
		const sent = await settled(
			async () =>
				await this.http({
					method: 'POST',
					url: this.gatewayUrl,
					headers: { 'Content-Type': 'application/json;charset=utf-8' },
					body,
					timeoutMs: this.timeoutMs,
				}),
		);
		if (!sent.ok) {
			// The HTTP layer's error may carry the request (n8n attaches its body): keep only a scrubbed message.
			const message = scrubSecrets(String((sent.error as Error)?.message ?? sent.error), [
				this.appSecret,
				this.accessToken,
			]);
			throw new ArkApiError({
				method,
				kind: isNetworkError(sent.error) ? 'network' : 'transport',
				errorMsg: message,
			});
		}
		return unwrapArkEnvelope<T>(method, sent.value, [this.appSecret, this.accessToken]);
	}

	private retryDelay(error: unknown, attempt: number): number | undefined {
		if (!(error instanceof ArkApiError) || !error.retryable) return undefined;
		if (attempt >= this.retry.maxAttempts) return undefined;
		const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
		const jittered = Math.round(backoff / 2 + (this.random() * backoff) / 2);
		if (error.kind === 'rateLimited') return error.retryAfterMs ?? jittered;
		return jittered;
	}

	/** order.getOrderList: one page of the orders created (or updated) in a window. */
	async listOrders(args: ListOrdersArgs): Promise<ArkOrderPage> {
		const timeType = args.timeType ?? TIME_TYPE.created;
		const startTime = toUnixSeconds(args.startTime);
		const endTime = toUnixSeconds(args.endTime);
		if (endTime < startTime) throw new RangeError('endTime is before startTime');
		const maxWindow = MAX_WINDOW_SECONDS[timeType];
		if (maxWindow === undefined)
			throw new RangeError('timeType must be 1 (created) or 2 (updated)');
		if (endTime - startTime > maxWindow) {
			throw new RangeError(
				`order.getOrderList allows a window of at most ${maxWindow / 60} minutes for timeType ${timeType}`,
			);
		}
		const pageNo = args.pageNo ?? 1;
		const pageSize = args.pageSize ?? 50;
		if (!Number.isInteger(pageNo) || pageNo < 1 || pageNo > MAX_PAGE_NO)
			throw new RangeError(`pageNo must be 1–${MAX_PAGE_NO}`);
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
			throw new RangeError(`pageSize must be 1–${MAX_PAGE_SIZE}`);
		const params: Record<string, unknown> = { startTime, endTime, timeType, pageNo, pageSize };
		if (args.orderType !== undefined) params.orderType = args.orderType;
		if (args.orderStatus !== undefined) params.orderStatus = args.orderStatus;
		const page = await this.call<Partial<ArkOrderPage> | null>('order.getOrderList', params);
		return {
			total: Number(page?.total ?? 0),
			pageNo: Number(page?.pageNo ?? pageNo),
			pageSize: Number(page?.pageSize ?? pageSize),
			maxPageNo: Number(page?.maxPageNo ?? 0),
			orderList: Array.isArray(page?.orderList) ? page.orderList : [],
		};
	}

	/** order.getOrderDetail of one order. */
	async getOrderDetail(orderId: string): Promise<ArkOrderDetail> {
		if (!orderId) throw new Error('orderId is empty');
		const detail = await this.call<ArkOrderDetail | null>('order.getOrderDetail', { orderId });
		if (!detail || typeof detail !== 'object') {
			throw new ArkApiError({
				method: 'order.getOrderDetail',
				kind: 'badResponse',
				errorMsg: 'no order in the answer',
			});
		}
		return { ...detail, skuList: Array.isArray(detail.skuList) ? detail.skuList : [] };
	}

	/** The customer's purchases as clean records, newest first (see PurchaseLookup for how). */
	async purchaseRecords(lookup: PurchaseLookup): Promise<PurchaseRecord[]> {
		return (await this.findPurchases(lookup)).records;
	}

	/** purchaseRecords with the scan's bookkeeping: whether it covered the whole period. */
	async findPurchases(lookup: PurchaseLookup): Promise<PurchaseSearch> {
		const limit = Math.max(1, Math.floor(lookup.limit ?? 20));
		const buyer = lookup.buyerUserId?.trim() || undefined;
		const orderIds = [
			...new Set((lookup.orderIds ?? []).map((id) => String(id).trim()).filter(Boolean)),
		];
		if (orderIds.length > 0)
			return await this.byOrderIds(orderIds.slice(0, MAX_ORDER_IDS), buyer, limit);
		if (buyer) return await this.byBuyer(buyer, lookup, limit);
		throw new Error(
			'purchaseRecords needs orderIds (order numbers the customer gave) or buyerUserId',
		);
	}

	private async byOrderIds(
		orderIds: string[],
		buyer: string | undefined,
		limit: number,
	): Promise<PurchaseSearch> {
		const details: ArkOrderDetail[] = [];
		let detailCalls = 0;
		for (const orderId of orderIds) {
			detailCalls++;
			const outcome = await settled(async () => await this.getOrderDetail(orderId));
			if (outcome.ok) {
				if (!buyer || String(outcome.value.userId ?? '') === buyer) details.push(outcome.value);
				continue;
			}
			// Not found, not this shop's, or not an order number at all: not a purchase of this customer.
			const { error } = outcome;
			if (error instanceof ArkApiError && error.kind === 'api' && isNotFound(error)) continue;
			throw error;
		}
		return {
			records: newestFirst(details).slice(0, limit).map(toPurchaseRecord),
			complete: true,
			scanned: { windows: 0, listCalls: 0, detailCalls },
		};
	}

	private async byBuyer(
		buyer: string,
		lookup: PurchaseLookup,
		limit: number,
	): Promise<PurchaseSearch> {
		const days = Math.min(90, Math.max(1, lookup.days ?? 7));
		const maxDetailCalls = Math.max(1, Math.floor(lookup.maxDetailCalls ?? 200));
		const until =
			lookup.until !== undefined ? toUnixSeconds(lookup.until) : Math.floor(this.now() / 1000);
		const since = until - Math.round(days * DAY_SECONDS);
		const found: ArkOrderDetail[] = [];
		const seen = new Set<string>();
		const scanned = { windows: 0, listCalls: 0, detailCalls: 0 };
		// Newest window first; inside a window newest order first, so stopping early keeps the newest.
		for (let end = until; end > since; end -= DAY_SECONDS) {
			const start = Math.max(since, end - DAY_SECONDS);
			scanned.windows++;
			const listed: ArkOrderSummary[] = [];
			for (let pageNo = 1; pageNo <= MAX_PAGE_NO; pageNo++) {
				const page = await this.listOrders({
					startTime: start,
					endTime: end,
					timeType: TIME_TYPE.created,
					pageNo,
					pageSize: MAX_PAGE_SIZE,
				});
				scanned.listCalls++;
				listed.push(...page.orderList);
				if (page.orderList.length < MAX_PAGE_SIZE || pageNo >= (page.maxPageNo || pageNo)) break;
			}
			// Windows share their edge second: an order there is listed twice.
			const fresh = listed.filter((o) =>
				seen.has(String(o.orderId)) ? false : (seen.add(String(o.orderId)), true),
			);
			for (const summary of fresh.sort((a, b) => Number(b.createdTime) - Number(a.createdTime))) {
				if (scanned.detailCalls >= maxDetailCalls) {
					return { records: newestFirst(found).map(toPurchaseRecord), complete: false, scanned };
				}
				scanned.detailCalls++;
				const detail = await this.getOrderDetail(String(summary.orderId));
				if (String(detail.userId ?? '') === buyer) found.push(detail);
				if (found.length >= limit)
					return { records: newestFirst(found).map(toPurchaseRecord), complete: true, scanned };
			}
		}
		return { records: newestFirst(found).map(toPurchaseRecord), complete: true, scanned };
	}
}

function isNotFound(error: ArkApiError): boolean {
	const code = Number(error.errorCode);
	return code === ARK_ERROR_CODES.orderNotFound || code === ARK_ERROR_CODES.badRequest;
}

function newestFirst(orders: ArkOrderDetail[]): ArkOrderDetail[] {
	return [...orders].sort((a, b) => Number(b.createdTime) - Number(a.createdTime));
}
