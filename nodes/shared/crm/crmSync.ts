import { randomUUID } from 'node:crypto';

import type { StateStore } from '../state/StateStore';
import { updateMany } from '../state/updateMany';
import { alreadyMerged, mergeProfile, profileRecord, type CustomerFacts, type CustomerProfile, type PurchaseSummary } from './customerProfile';
import { historyRecord, leadRecords, type HistoryRecord, type LeadRecord, type RecordOptions } from './crmRecords';
import type { CrmTarget } from './crmTarget';

/**
 * One DM into the customer's profile and into the CRM, exactly once:
 * 1. the profile is merged atomically in the state store, skipping a message merged before;
 * 2. under a per-customer lock (two DMs of a new customer must not create two contacts), the
 *    customer is upserted, by the id written last time when there is one;
 * 3. the history entry is written unless this store or the CRM already has its key.
 * A failure at 2 or 3 leaves the profile merged; replaying the item repeats 2 and 3 only.
 */
export interface SyncOutcome {
	profile: CustomerProfile;
	record: Record<string, string | number | null>;
	history: HistoryRecord;
	leads: LeadRecord[];
	/** The DM had been merged before (a redelivery or a replay). */
	duplicate: boolean;
	customerId?: string;
	historyId?: string;
}

const LOCK_TTL_MS = 30_000;
const LOCK_WAIT_MS = 20_000;
const WRITTEN_TTL_MS = 30 * 86_400_000;

export class CustomerBusyError extends Error {
	constructor(customer: string) {
		super(`another execution kept customer ${customer} locked for ${LOCK_WAIT_MS / 1000} s`);
		this.name = 'CustomerBusyError';
	}
}

const keys = (scope: string) => ({
	profile: (uid: string) => `crm:${scope}:profile:${uid}`,
	lock: (target: string, uid: string) => `crm:${scope}:${target}:lock:${uid}`,
	customerId: (target: string, uid: string) => `crm:${scope}:${target}:customer:${uid}`,
	history: (target: string, key: string) => `crm:${scope}:${target}:history:${key}`,
});

/** Merges the DM into the stored profile (atomic across executions and processes). */
export async function mergeIntoStore(store: StateStore, scope: string, facts: CustomerFacts): Promise<{ profile: CustomerProfile; duplicate: boolean }> {
	const key = keys(scope).profile(facts.xhsUserId);
	let merged: CustomerProfile | undefined;
	let duplicate = false;
	await updateMany(store, [key], (current) => {
		const existing = current[key] ? (JSON.parse(current[key].value) as CustomerProfile) : undefined;
		duplicate = alreadyMerged(existing, facts.messageId);
		merged = mergeProfile(existing, facts);
		return duplicate ? undefined : { [key]: JSON.stringify(merged) };
	}, { maxAttempts: 50 });
	return { profile: merged as CustomerProfile, duplicate };
}

/** Stores what the shop's orders say about the customer, for this and later syncs. */
export async function savePurchases(store: StateStore, scope: string, xhsUserId: string, purchases: PurchaseSummary): Promise<void> {
	const key = keys(scope).profile(xhsUserId);
	await updateMany(store, [key], (current) => {
		if (!current[key]) return undefined;
		const profile = JSON.parse(current[key].value) as CustomerProfile;
		return { [key]: JSON.stringify({ ...profile, purchases }) };
	}, { maxAttempts: 50 });
}

export function recordsFor(facts: CustomerFacts, profile: CustomerProfile, options: RecordOptions) {
	return { record: profileRecord(profile), history: historyRecord(facts, profile, options), leads: leadRecords(facts, profile, options) };
}

async function withLock<T>(store: StateStore, key: string, customer: string, work: () => Promise<T>): Promise<T> {
	const owner = randomUUID();
	const deadline = Date.now() + LOCK_WAIT_MS;
	while (!(await store.claim(key, owner, LOCK_TTL_MS))) {
		if (Date.now() > deadline) throw new CustomerBusyError(customer);
		await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
	}
	try {
		return await work();
	} finally {
		const held = await store.get(key);
		if (held?.value === owner) await store.commit([{ key, expectVersion: held.version }]);
	}
}

export async function syncToTarget(store: StateStore, scope: string, target: CrmTarget, facts: CustomerFacts, options: RecordOptions, purchases?: PurchaseSummary): Promise<SyncOutcome> {
	const { profile, duplicate } = await mergeIntoStore(store, scope, facts);
	if (purchases) {
		await savePurchases(store, scope, facts.xhsUserId, purchases);
		profile.purchases = purchases;
	}
	const { record, history, leads } = recordsFor(facts, profile, options);
	const k = keys(scope);
	const customerKey = k.customerId(target.name, facts.xhsUserId);
	const customerId = await withLock(store, k.lock(target.name, facts.xhsUserId), facts.xhsUserId, async () => {
		// The freshest profile, not the one merged above: a later DM may have been merged since.
		const latest = (await store.get(k.profile(facts.xhsUserId)))?.value;
		const current = latest ? (JSON.parse(latest) as CustomerProfile) : profile;
		const known = (await store.get(customerKey))?.value;
		const id = await target.upsertCustomer(current, profileRecord(current), leads, known);
		if (id !== known) await store.set(customerKey, id);
		return id;
	});
	const historyKey = k.history(target.name, history.idempotency_key);
	let historyId = (await store.get(historyKey))?.value;
	if (!historyId) {
		historyId = await target.appendHistory(history, customerId);
		await store.set(historyKey, historyId, WRITTEN_TTL_MS);
	}
	return { profile, record, history, leads, duplicate, customerId, historyId };
}
