import type { CustomerProfile } from './customerProfile';
import type { HistoryRecord, LeadRecord } from './crmRecords';

/**
 * A CRM the sync writes to. Both writes must be idempotent at the CRM: the customer is upserted
 * by Xiaohongshu id, and a history entry is written only when the CRM does not have its key yet.
 * The sync adds its own memory on top (the ids it already wrote), but cannot rely on it alone: a
 * write may succeed at the CRM and still time out on the way back.
 */
export interface CrmTarget {
	readonly name: string;
	/** Creates or updates the customer; returns the CRM's id. `knownId`: the id written last time. */
	upsertCustomer(
		profile: CustomerProfile,
		record: Record<string, string | number | null>,
		leads: LeadRecord[],
		knownId: string | undefined,
	): Promise<string>;
	/** Writes the entry unless the CRM already has it; returns its CRM id. */
	appendHistory(history: HistoryRecord, customerId: string): Promise<string>;
}
