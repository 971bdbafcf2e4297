// @ts-check
'use strict';

// The sandbox shop behind the ark emulation (sandbox/ark.js): its catalogue, the documented
// order statuses, and the orders seeded for the sandbox's customers.

/** Documented orderStatus values; the control API also takes these slugs. */
const STATUS_SLUGS = {
	pending_payment: 1,
	paid_processing: 2,
	customs_clearance: 3,
	awaiting_shipment: 4,
	partially_shipped: 5,
	shipped: 6,
	completed: 7,
	closed: 8,
	cancelled: 9,
	exchange_requested: 10,
};

/** The sandbox shop's catalogue (prices in fen). */
const SKUS = {
	sku_cream_50ml: { skuName: '水润保湿面霜 50ml', fen: 19900, weight: 120 },
	sku_serum_30ml: { skuName: '亮肤精华液 30ml', fen: 26900, weight: 90 },
	sku_mask_5: { skuName: '补水面膜 5片装', fen: 8900, weight: 150 },
	sku_sunscreen_50: { skuName: '清爽防晒乳 SPF50+ 50ml', fen: 12900, weight: 80 },
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Seeded orders, relative to the sandbox clock when the sandbox starts (ids, buyers, items and
 * amounts are fixed). The buyer's ark userId is the DM customer id (cust_1…): the sandbox makes
 * them one id so a lookup by buyer can be tried end to end.
 */
const SEED = [
	{
		order_id: 'P700000000000000101',
		customer_id: 'cust_1',
		status: 7,
		ago: 9 * DAY,
		items: [
			{ sku_id: 'sku_cream_50ml', quantity: 1 },
			{ sku_id: 'sku_mask_5', quantity: 2 },
		],
	},
	{
		order_id: 'P700000000000000102',
		customer_id: 'cust_1',
		status: 4,
		ago: 6 * HOUR,
		items: [{ sku_id: 'sku_serum_30ml', quantity: 1 }],
	},
	{
		order_id: 'P700000000000000103',
		customer_id: 'cust_2',
		status: 6,
		ago: 2 * DAY,
		items: [{ sku_id: 'sku_sunscreen_50', quantity: 2 }],
	},
	{
		order_id: 'P700000000000000104',
		customer_id: 'cust_3',
		status: 9,
		ago: 30 * HOUR,
		items: [{ sku_id: 'sku_cream_50ml', quantity: 1 }],
	},
	{
		order_id: 'P700000000000000105',
		customer_id: 'cust_2',
		status: 1,
		ago: 20 * MINUTE,
		items: [{ sku_id: 'sku_mask_5', quantity: 1 }],
	},
];

module.exports = { DAY, HOUR, MINUTE, SEED, SKUS, STATUS_SLUGS };
