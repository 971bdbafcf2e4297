import { createHash } from 'node:crypto';

import { CrmApiError } from '../../crmHttp/crmApiError';
import { HubspotClient, type HubspotPropertyValue } from '../../hubspot';
import type { CustomerProfile } from '../customerProfile';
import { noteBody, type HistoryRecord, type LeadRecord } from '../crmRecords';
import type { CrmTarget } from '../crmTarget';

/**
 * HubSpot: a contact per customer, found by a custom contact property holding the Xiaohongshu
 * id; a note per DM on the contact's timeline, carrying a marker token so that a second copy is
 * found (search) instead of written. HubSpot's search lags writes by seconds, which is why the
 * sync also remembers the ids it wrote.
 */
export interface HubspotTargetOptions {
	client: HubspotClient;
	/** The custom contact property holding the Xiaohongshu user id (internal name). */
	idProperty: string;
	/** HubSpot property → profile field, added to (or replacing) the defaults. */
	propertyMap: Record<string, string>;
}

export const DEFAULT_HUBSPOT_PROPERTIES: Record<string, string> = {
	firstname: 'nickname',
	phone: 'phone',
	email: 'email',
	city: 'region',
};

/** One alphanumeric word: HubSpot's CONTAINS_TOKEN matches whole tokens only. */
export function noteMarker(idempotencyKey: string): string {
	return `xhsdm${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}

export class HubspotTarget implements CrmTarget {
	readonly name = 'hubspot';

	constructor(private readonly options: HubspotTargetOptions) {}

	private properties(
		record: Record<string, string | number | null>,
	): Record<string, HubspotPropertyValue> {
		const map = { ...DEFAULT_HUBSPOT_PROPERTIES, ...this.options.propertyMap };
		const properties: Record<string, HubspotPropertyValue> = {
			[this.options.idProperty]: String(record.xhs_user_id),
		};
		for (const [hubspot, mine] of Object.entries(map)) {
			const value = record[mine];
			// Empty values are left out: they would clear what a salesperson typed in HubSpot.
			if (value !== null && value !== undefined && value !== '') properties[hubspot] = value;
		}
		return properties;
	}

	async upsertCustomer(
		profile: CustomerProfile,
		record: Record<string, string | number | null>,
		_leads: LeadRecord[],
		knownId: string | undefined,
	): Promise<string> {
		const { client, idProperty } = this.options;
		const properties = this.properties(record);
		if (knownId) {
			const updated = await client.updateContact(knownId, properties).catch((error: unknown) => {
				// Deleted in HubSpot meanwhile: find or create it again below.
				if (error instanceof CrmApiError && error.kind === 'notFound') return undefined;
				return Promise.reject(error);
			});
			if (updated) return updated.id;
		}
		const found = await client.findContactBy(idProperty, profile.xhsUserId);
		if (found) return (await client.updateContact(found.id, properties)).id;
		const created = await client.createContact(properties).catch((error: unknown) => {
			// Same e-mail as an existing contact: that contact is this customer.
			const existingId = (error as { existingId?: string }).existingId;
			if (error instanceof CrmApiError && error.kind === 'conflict' && existingId)
				return { id: existingId, existing: true };
			return Promise.reject(error);
		});
		if ('existing' in created) await client.updateContact(created.id, properties);
		return created.id;
	}

	async appendHistory(history: HistoryRecord, customerId: string): Promise<string> {
		const marker = noteMarker(history.idempotency_key);
		const found = await this.options.client.findNoteContaining(marker);
		if (found) return found.id;
		const created = await this.options.client.createNote({
			body: noteBody(history, marker),
			timestampMs: Date.parse(history.at),
			contactId: customerId,
		});
		return created.id;
	}
}
