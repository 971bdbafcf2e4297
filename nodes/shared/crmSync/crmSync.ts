import type { StateStore } from '../state/StateStore';
import { withStoreLock } from '../state/storeLock';
import { updateMany } from '../state/updateMany';
import {
	alreadyMerged,
	mergeProfile,
	profileRecord,
	type CustomerFacts,
	type CustomerProfile,
	type PurchaseSummary,
} from './customerProfile';
import {
	historyRecord,
	leadRecords,
	noteText,
	type HistoryRecord,
	type LeadRecord,
	type RecordOptions,
} from './crmRecords';
import type { CrmTarget } from './crmTarget';

/**
 * One DM into the customer's profile and into the CRM, exactly once:
 * 1. the profile is merged atomically in the state store, skipping a message merged before;
 * 2. under a per-customer lock (two DMs of a new customer must not create two contacts), the
 *    customer is upserted, by the id written last time when there is one, and the history entry
 *    is written unless this store or the CRM already has its key.
 * A failure at 2 leaves the profile merged; replaying the item repeats 2 only.
 */
export interface SyncOutcome {
	profile: CustomerProfile;
	record: Record<string, string | number | null>;
	history: HistoryRecord;
	leads: LeadRecord[];
	/** The DM had been merged before (a redelivery or a replay). */
	duplicate: boolean;
	/** This DM made the profile: the customer is new to this book. */
	created: boolean;
	customerId?: string;
	historyId?: string;
}

/** Longer than a CRM call can take with its retries (30 s of waits, 20 s per request). */
const LOCK_TTL_MS = 5 * 60_000;
const LOCK_WAIT_MS = 60_000;
const WRITTEN_TTL_MS = 30 * 86_400_000;

/** Where a customer's merged profile lives (the pending rows read it too). */
export const profileKey = (scope: string, uid: string) => `crm:${scope}:profile:${uid}`;

const keys = (scope: string) => ({
	profile: (uid: string) => profileKey(scope, uid),
	lock: (target: string, uid: string) => `crm:${scope}:${target}:lock:${uid}`,
	customerId: (target: string, uid: string) => `crm:${scope}:${target}:customer:${uid}`,
	history: (target: string, key: string) => `crm:${scope}:${target}:history:${key}`,
});

export async function readProfile(
	store: StateStore,
	scope: string,
	xhsUserId: string,
): Promise<CustomerProfile | undefined> {
	const entry = await store.get(keys(scope).profile(xhsUserId));
	return entry ? (JSON.parse(entry.value) as CustomerProfile) : undefined;
}

/**
 * Merges the DM (and what the shop's orders say, when looked up) into the stored profile in one
 * atomic update, and builds the records it yields.
 */
export async function mergeDm(
	store: StateStore,
	scope: string,
	facts: CustomerFacts,
	options: RecordOptions,
	purchases?: PurchaseSummary,
): Promise<SyncOutcome> {
	const key = keys(scope).profile(facts.xhsUserId);
	let profile: CustomerProfile | undefined;
	let duplicate = false;
	let created = false;
	await updateMany(
		store,
		[key],
		(current) => {
			const existing = current[key]
				? (JSON.parse(current[key].value) as CustomerProfile)
				: undefined;
			duplicate = alreadyMerged(existing, facts.messageId);
			created = existing === undefined;
			profile = mergeProfile(existing, facts);
			if (purchases) profile.purchases = purchases;
			return duplicate && !purchases ? undefined : { [key]: JSON.stringify(profile) };
		},
		{ maxAttempts: 50 },
	);
	const merged = profile as CustomerProfile;
	const text = noteText(facts, options);
	return {
		profile: merged,
		duplicate,
		created,
		record: profileRecord(merged),
		history: historyRecord(facts, merged, text),
		leads: leadRecords(facts, merged, text),
	};
}

export async function syncToTarget(
	store: StateStore,
	scope: string,
	target: CrmTarget,
	facts: CustomerFacts,
	options: RecordOptions,
	purchases?: PurchaseSummary,
): Promise<SyncOutcome> {
	const merged = await mergeDm(store, scope, facts, options, purchases);
	const k = keys(scope);
	const profileKey = k.profile(facts.xhsUserId);
	const customerKey = k.customerId(target.name, facts.xhsUserId);
	const historyKey = k.history(target.name, merged.history.idempotency_key);
	const lock = { ttlMs: LOCK_TTL_MS, waitMs: LOCK_WAIT_MS, what: `customer ${facts.xhsUserId}` };
	return await withStoreLock(store, k.lock(target.name, facts.xhsUserId), lock, async () => {
		const [latest, known, written] = await store.getMany([profileKey, customerKey, historyKey]);
		// The freshest profile, not the one merged above: a later DM may have been merged since.
		const current = latest ? (JSON.parse(latest.value) as CustomerProfile) : merged.profile;
		const record = profileRecord(current);
		const customerId = await target.upsertCustomer(current, record, merged.leads, known?.value);
		if (customerId !== known?.value) await store.set(customerKey, customerId);
		let historyId = written?.value;
		if (!historyId) {
			historyId = await target.appendHistory(merged.history, customerId);
			await store.set(historyKey, historyId, WRITTEN_TTL_MS);
		}
		return { ...merged, record, customerId, historyId };
	});
}

const PURCHASES_FRESH_MS = 6 * 3_600_000;

/**
 * Whether to ask the shop's order API for this DM: not for a DM merged before, and otherwise
 * when the customer names an order, or the last look is missing or older than a few hours
 * (a buyer scan costs dozens of calls).
 */
export function wantsPurchaseLookup(
	profile: CustomerProfile | undefined,
	facts: CustomerFacts,
	orderIds: string[],
	now = Date.now(),
): boolean {
	if (alreadyMerged(profile, facts.messageId)) return false;
	if (orderIds.length > 0) return true;
	const checkedAt = profile?.purchases ? Date.parse(profile.purchases.checkedAt) : NaN;
	return !(now - checkedAt < PURCHASES_FRESH_MS);
}
