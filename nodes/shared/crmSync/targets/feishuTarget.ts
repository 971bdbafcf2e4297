import { createHash } from 'node:crypto';

import type { BitableFields, FeishuBitableClient } from '../../feishu';
import type { CustomerProfile } from '../customerProfile';
import type { HistoryRecord, LeadRecord } from '../crmRecords';
import type { CrmTarget } from '../crmTarget';

/**
 * Feishu Bitable (飞书多维表格): a customers table keyed by a Xiaohongshu id column and a history
 * table keyed by a message id column. Column names are the profile's field names unless mapped;
 * the team creates the tables with those columns (text, or number for counts).
 */
export interface FeishuTargetOptions {
	client: FeishuBitableClient;
	appToken: string;
	customerTableId: string;
	/** Empty: history rows are not written. */
	historyTableId: string;
	/** Bitable column → profile/history field; empty: the field names as they are. */
	fieldMap: Record<string, string>;
}

export class FeishuTarget implements CrmTarget {
	readonly name = 'feishu';

	constructor(private readonly options: FeishuTargetOptions) {}

	private columnOf(field: string): string {
		const mapped = Object.entries(this.options.fieldMap).find(([, mine]) => mine === field);
		return mapped ? mapped[0] : field;
	}

	/** The mapped columns, and always the key column: without it the row could not be found again. */
	private fields(values: Record<string, string | number | null>, keyField: string): BitableFields {
		const fields: BitableFields = { [this.columnOf(keyField)]: values[keyField] };
		const mapped = Object.keys(this.options.fieldMap).length > 0;
		for (const [column, mine] of mapped
			? Object.entries(this.options.fieldMap)
			: Object.keys(values).map((k) => [k, k])) {
			const value = values[mine];
			// Bitable rejects null; an empty cell is simply left out.
			if (value !== null && value !== undefined && value !== '') fields[column] = value;
		}
		return fields;
	}

	async upsertCustomer(
		profile: CustomerProfile,
		record: Record<string, string | number | null>,
		_leads: LeadRecord[],
		knownId: string | undefined,
	): Promise<string> {
		const { client, appToken, customerTableId } = this.options;
		const fields = this.fields(record, 'xhs_user_id');
		const recordId =
			knownId ??
			(
				await client.searchRecords(appToken, customerTableId, {
					field: this.columnOf('xhs_user_id'),
					value: profile.xhsUserId,
				})
			)[0]?.record_id;
		if (recordId)
			return (await client.updateRecord(appToken, customerTableId, recordId, fields)).record_id;
		return (await client.createRecord(appToken, customerTableId, fields)).record_id;
	}

	async appendHistory(history: HistoryRecord): Promise<string> {
		const { client, appToken, historyTableId } = this.options;
		if (!historyTableId) return history.idempotency_key;
		const existing = await client.searchRecords(appToken, historyTableId, {
			field: this.columnOf('message_id'),
			value: history.message_id,
		});
		if (existing[0]) return existing[0].record_id;
		const values = history as unknown as Record<string, string | number | null>;
		// The same client_token for every copy of this DM: Feishu refuses a second create itself.
		return (
			await client.createRecord(appToken, historyTableId, this.fields(values, 'message_id'), {
				clientToken: uuidFrom(history.idempotency_key),
			})
		).record_id;
	}
}

/** A UUID-shaped digest: Feishu's client_token must look like a uuid v4. */
function uuidFrom(key: string): string {
	const hex = createHash('sha256').update(key).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
