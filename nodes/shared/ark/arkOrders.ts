/**
 * Orders of the ark open API (小红书开放平台, 订单 API) and the clean purchase record this package
 * hands to workflows.
 *
 * Sources. Documented means read in the ark docs' order pages (mirrored on apifox, docs-site
 * 1103512: "订单列表" api-24196747, "订单详情" api-24201582) or in the official Java SDK
 * (com.xiaohongshu.fls.opensdk: OrderClient, GetOrderListRequest, GetOrderListResponse,
 * OrderSimpleDetail, GetOrderDetailResponse). Inferred means chosen here and marked so.
 *
 * - `order.getOrderList` (documented): startTime, endTime (UNIX seconds), timeType (1 = created
 *   time, end − start ≤ 24 h; 2 = updated time, end − start ≤ 30 min), orderType, orderStatus
 *   (0 = all), pageNo (default 1, at most 100), pageSize (default 50, at most 100). Answers
 *   {total, pageNo, pageSize, maxPageNo, orderList}. The list items carry no buyer id.
 * - `order.getOrderDetail` (documented): orderId. Answers the order with skuList, totalPayAmount,
 *   userId, openAddressId, receiver fields and times.
 * - Times in answers are epoch milliseconds (documented samples: createdTime 1612518379000), while
 *   the request's startTime/endTime and the common `timestamp` are seconds.
 * - Amounts are integers (Java `int`/`long`). Inferred: they are fen (分, 1/100 yuan). The docs'
 *   samples (pricePerSku 100, totalPaidAmount 115) and types fit fen, but no page found states the
 *   unit; if a real shop shows yuan × 100 errors, this is the one place to change (FEN_PER_YUAN).
 */

export const FEN_PER_YUAN = 100;

/** Documented orderStatus values (order.getOrderList request parameter 订单状态). */
export const ORDER_STATUS: Record<number, { status: PurchaseStatus; label: string }> = {
	1: { status: 'pending_payment', label: '已下单待付款' },
	2: { status: 'paid_processing', label: '已支付处理中' },
	3: { status: 'customs_clearance', label: '清关中' },
	4: { status: 'awaiting_shipment', label: '待发货' },
	5: { status: 'partially_shipped', label: '部分发货' },
	6: { status: 'shipped', label: '待收货' },
	7: { status: 'completed', label: '已完成' },
	8: { status: 'closed', label: '已关闭' },
	9: { status: 'cancelled', label: '已取消' },
	10: { status: 'exchange_requested', label: '换货申请中' },
};

export type PurchaseStatus =
	| 'pending_payment'
	| 'paid_processing'
	| 'customs_clearance'
	| 'awaiting_shipment'
	| 'partially_shipped'
	| 'shipped'
	| 'completed'
	| 'closed'
	| 'cancelled'
	| 'exchange_requested'
	| 'unknown';

/** timeType of order.getOrderList, with its documented maximum window. */
export const TIME_TYPE = { created: 1, updated: 2 } as const;
export const MAX_WINDOW_SECONDS: Record<number, number> = { 1: 24 * 3600, 2: 30 * 60 };
export const MAX_PAGE_SIZE = 100;
export const MAX_PAGE_NO = 100;

/** An item of order.getOrderList's orderList (OrderSimpleDetail). Unlisted fields pass through. */
export interface ArkOrderSummary {
	orderId: string;
	orderType?: number;
	orderStatus: number;
	orderAfterSalesStatus?: number;
	cancelStatus?: number;
	createdTime: number;
	paidTime?: number;
	updateTime?: number;
	deliveryTime?: number;
	cancelTime?: number;
	finishTime?: number;
	receiverProvinceName?: string;
	receiverCityName?: string;
	customerRemark?: string;
	sellerRemark?: string;
	logistics?: string;
	[field: string]: unknown;
}

/** An entry of skuList (GetOrderDetailResponse.OrderSkuDTOV3). */
export interface ArkOrderSku {
	skuId: string;
	skuName: string;
	skuSpec?: string;
	skuImage?: string;
	skuQuantity: number;
	/** what the buyer paid for this line, all units together (fen, see above) */
	totalPaidAmount?: number;
	totalMerchantDiscount?: number;
	totalRedDiscount?: number;
	skuDetailList?: Array<Record<string, unknown>>;
	[field: string]: unknown;
}

/** The answer of order.getOrderDetail (GetOrderDetailResponse). */
export interface ArkOrderDetail extends ArkOrderSummary {
	skuList: ArkOrderSku[];
	/** the order's paid total (fen, see above) */
	totalPayAmount: number;
	totalShippingFree?: number;
	/** the buyer's Xiaohongshu user id (documented field; its relation to DM user ids is not) */
	userId?: string;
	openAddressId?: string;
	shopId?: string;
	shopName?: string;
}

export interface ArkOrderPage {
	total: number;
	pageNo: number;
	pageSize: number;
	maxPageNo: number;
	orderList: ArkOrderSummary[];
}

export interface ListOrdersArgs {
	/** start of the window: a Date, or UNIX seconds */
	startTime: Date | number;
	/** end of the window: a Date, or UNIX seconds */
	endTime: Date | number;
	/** 1 created time (window ≤ 24 h, the default), 2 updated time (window ≤ 30 min) */
	timeType?: 1 | 2;
	orderType?: number;
	/** 0 or absent: every status */
	orderStatus?: number;
	pageNo?: number;
	pageSize?: number;
}

export interface PurchaseItem {
	skuId: string;
	name: string;
	quantity: number;
	/** yuan paid per unit: the line's totalPaidAmount / quantity (inferred reading, see toPurchaseRecord) */
	price: number;
}

export interface PurchaseRecord {
	orderId: string;
	status: PurchaseStatus;
	/** the documented Chinese name of the status, for replies to customers */
	statusLabel: string;
	createdAt: string;
	/** yuan */
	paidAmount: number;
	items: PurchaseItem[];
}

/** UNIX seconds from a Date or a number that already is seconds. */
export function toUnixSeconds(value: Date | number): number {
	if (value instanceof Date) return Math.floor(value.getTime() / 1000);
	if (!Number.isFinite(value)) throw new RangeError(`not a time: ${String(value)}`);
	return Math.floor(value);
}

/** Epoch ms (documented) to ISO; a value that can only be seconds is read as seconds. */
export function arkTimeToIso(value: unknown): string {
	const n = Number(value);
	if (!Number.isFinite(n) || n <= 0) return '';
	return new Date(n < 1e11 ? n * 1000 : n).toISOString();
}

export function fenToYuan(fen: unknown): number {
	const n = Number(fen);
	if (!Number.isFinite(n)) return 0;
	return Math.round(n) / FEN_PER_YUAN;
}

/**
 * One order detail as a purchase record. Item price (inferred reading): skuList carries
 * totalPaidAmount per line — what the buyer paid for all units of that sku after discounts — so
 * the unit price quoted to the customer is that total divided by skuQuantity, rounded to the fen.
 */
export function toPurchaseRecord(order: ArkOrderDetail): PurchaseRecord {
	const known = ORDER_STATUS[Number(order.orderStatus)];
	return {
		orderId: String(order.orderId),
		status: known?.status ?? 'unknown',
		statusLabel: known?.label ?? `未知状态 ${String(order.orderStatus)}`,
		createdAt: arkTimeToIso(order.createdTime),
		paidAmount: fenToYuan(order.totalPayAmount),
		items: (order.skuList ?? []).map((sku) => {
			const quantity = Number(sku.skuQuantity) || 0;
			const lineFen = Number(sku.totalPaidAmount) || 0;
			return {
				skuId: String(sku.skuId ?? ''),
				name: String(sku.skuName ?? ''),
				quantity,
				price: quantity > 0 ? fenToYuan(Math.round(lineFen / quantity)) : 0,
			};
		}),
	};
}

/**
 * Inferred: ark order ids seen in the docs are "P" followed by digits (masked as "P141***1412");
 * real ones are long. A customer who pastes an order number into a DM can be looked up with it.
 */
export function findOrderIds(text: string): string[] {
	const found = text.toUpperCase().match(/\bP\d{10,24}\b/g) ?? [];
	return [...new Set(found)];
}
